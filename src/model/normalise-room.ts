// One heating room: homesdata topology + homestatus values (+ the previous room when Netatmo
// sent nothing usable for it). Unreachable never wipes what we knew: a room that shrank to
// {id, reachable:false}, a room missing from homestatus, or a relay offline keep their last
// values and only turn reachable false (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads).
import type { RawStatusModule, RawStatusRoom } from './netatmo-raw.js';
import type { HomeMode, Module, Room, SetpointMode, SignalQuality } from './types.js';
import type { StatusIndex } from './status-index.js';
import type { HeatingModuleRef, HeatingRoomTopology } from './topology.js';
import { batteryPercentOf, rfStrengthOf, signalFromRf, signalOf, worseSignal } from './battery-signal.js';
import { toSetpointMode } from './modes.js';
import { isThermostatType, thermostatRank } from './room-kind.js';
import { unixToIso } from './time.js';

/** Where a room's values come from this time. */
export type RoomSource =
  /** homestatus answered for the home. */
  | { readonly kind: 'live'; readonly status: StatusIndex }
  /** The relay is offline: keep the last values, mark everything unreachable. */
  | { readonly kind: 'relay_offline' }
  /** No homestatus this time (the poller's call): keep the last values as they were. */
  | { readonly kind: 'no_status' };

type LiveValues = Pick<
  Room,
  'measuredC' | 'setpointC' | 'setpointMode' | 'setpointEndsAt' | 'heating' | 'heatingPowerRequest' | 'openWindow'
>;

function unknownValues(homeMode: HomeMode): LiveValues {
  return {
    measuredC: null,
    setpointC: null,
    // Rooms follow the home mode unless overridden: the best guess for a room never seen.
    setpointMode: homeMode,
    setpointEndsAt: null,
    heating: null,
    heatingPowerRequest: null,
    openWindow: null,
  };
}

function keptValues(previous: Room | undefined, homeMode: HomeMode): LiveValues {
  if (!previous) return unknownValues(homeMode);
  return {
    measuredC: previous.measuredC,
    setpointC: previous.setpointC,
    setpointMode: previous.setpointMode,
    setpointEndsAt: previous.setpointEndsAt,
    heating: previous.heating,
    heatingPowerRequest: previous.heatingPowerRequest,
    openWindow: previous.openWindow,
  };
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A status room with no heating field at all (e.g. shrunk to {id, reachable:false}). */
function hasHeatingValues(room: RawStatusRoom): boolean {
  return (
    room.therm_measured_temperature !== undefined ||
    room.therm_setpoint_temperature !== undefined ||
    room.therm_setpoint_mode !== undefined
  );
}

function heatingOf(
  topology: HeatingRoomTopology,
  setpointMode: SetpointMode,
  powerRequest: number | null,
  status: StatusIndex,
): boolean | null {
  if (setpointMode === 'off') return false;
  const valveDemand = powerRequest === null ? null : powerRequest > 0;
  if (topology.kind === 'valves') return valveDemand;
  // Thermostat and mixed rooms: the owning thermostat's relay state is what the boiler sees.
  let owner: HeatingModuleRef | undefined;
  for (const module of topology.modules) {
    if (isThermostatType(module.type) && (!owner || thermostatRank(module.type) < thermostatRank(owner.type))) {
      owner = module;
    }
  }
  const boiler = owner ? status.modules.get(owner.id)?.boiler_status : undefined;
  return typeof boiler === 'boolean' ? boiler : valveDemand;
}

function liveValues(
  topology: HeatingRoomTopology,
  room: RawStatusRoom,
  status: StatusIndex,
): LiveValues {
  const setpointMode = toSetpointMode(room.therm_setpoint_mode);
  const rawSetpoint = finiteOrNull(room.therm_setpoint_temperature);
  // Netatmo reports 0 °C as the setpoint of a room switched off; that is "no setpoint", not 0 °C.
  const setpointC = setpointMode === 'off' && rawSetpoint === 0 ? null : rawSetpoint;
  const heatingPowerRequest = finiteOrNull(room.heating_power_request);
  const openWindow = room.open_window ?? room.open_windows;
  return {
    measuredC: finiteOrNull(room.therm_measured_temperature),
    setpointC,
    setpointMode,
    setpointEndsAt: unixToIso(room.therm_setpoint_end_time),
    heating: heatingOf(topology, setpointMode, heatingPowerRequest, status),
    heatingPowerRequest,
    openWindow: typeof openWindow === 'boolean' ? openWindow : null,
  };
}

interface ModuleWithSignal {
  module: Module;
  signal: SignalQuality;
}

function moduleFromStatus(ref: HeatingModuleRef, raw: RawStatusModule, unreachable: boolean): ModuleWithSignal {
  return {
    module: {
      id: ref.id,
      type: ref.type,
      reachable: !unreachable && raw.reachable !== false,
      batteryState: typeof raw.battery_state === 'string' ? raw.battery_state : null,
      batteryPercent: batteryPercentOf(raw),
      rfStrength: rfStrengthOf(raw),
    },
    signal: signalOf(raw),
  };
}

function moduleKept(ref: HeatingModuleRef, previous: Module | undefined, reachable: boolean): ModuleWithSignal {
  const rfStrength = previous?.rfStrength ?? null;
  return {
    module: {
      id: ref.id,
      type: ref.type,
      reachable,
      batteryState: previous?.batteryState ?? null,
      batteryPercent: previous?.batteryPercent ?? null,
      rfStrength,
    },
    signal: rfStrength === null ? 'unknown' : signalFromRf(rfStrength),
  };
}

function previousModule(previous: Room | undefined, id: string): Module | undefined {
  return previous?.modules.find((m) => m.id === id);
}

function roomFrom(
  topology: HeatingRoomTopology,
  reachable: boolean,
  values: LiveValues,
  modules: readonly ModuleWithSignal[],
  fallbackSignal: SignalQuality,
): Room {
  let batteryPercent: number | null = null;
  let signal: SignalQuality = 'unknown';
  for (const { module, signal: moduleSignal } of modules) {
    if (module.batteryPercent !== null && (batteryPercent === null || module.batteryPercent < batteryPercent)) {
      batteryPercent = module.batteryPercent;
    }
    signal = worseSignal(signal, moduleSignal);
  }
  return {
    id: topology.id,
    name: topology.name,
    kind: topology.kind,
    reachable,
    ...values,
    batteryPercent,
    signal: signal === 'unknown' ? fallbackSignal : signal,
    modules: modules.map((m) => m.module),
  };
}

/**
 * Netatmo reports 0 °C (or nothing) as the setpoint of a room switched off. The bridge shows the
 * home's frost-guard temperature there instead — the same value a valve room switched off gets,
 * and what a command or webhook switching a room off shows — so a hub never keeps showing the
 * comfort setpoint of before (docs/netatmo.md "Off").
 */
export function withOffSetpoint(room: Room, frostguardTempC: number): Room {
  return room.setpointMode === 'off' && room.setpointC === null ? { ...room, setpointC: frostguardTempC } : room;
}

export function normaliseRoom(
  topology: HeatingRoomTopology,
  source: RoomSource,
  previous: Room | undefined,
  homeMode: HomeMode,
): Room {
  const fallbackSignal = previous?.signal ?? 'unknown';
  if (source.kind !== 'live') {
    const reachable = source.kind === 'no_status' ? (previous?.reachable ?? false) : false;
    const modules = topology.modules.map((ref) => {
      const before = previousModule(previous, ref.id);
      const moduleReachable = source.kind === 'no_status' ? (before?.reachable ?? false) : false;
      return moduleKept(ref, before, moduleReachable);
    });
    return roomFrom(topology, reachable, keptValues(previous, homeMode), modules, fallbackSignal);
  }

  const { status } = source;
  const raw = status.rooms.get(topology.id);
  const reportsValues = raw !== undefined && hasHeatingValues(raw);
  const roomSaysReachable = raw !== undefined && raw.reachable !== false;
  const modules = topology.modules.map((ref) => {
    const unreachable = status.unreachableIds.has(ref.id);
    const rawModule = status.modules.get(ref.id);
    if (rawModule) return moduleFromStatus(ref, rawModule, unreachable);
    // Not in homestatus: its room's report is the best evidence we have about it.
    return moduleKept(ref, previousModule(previous, ref.id), !unreachable && roomSaysReachable && reportsValues);
  });
  const reachable = roomSaysReachable && modules.some((m) => m.module.reachable);
  const values = reportsValues ? liveValues(topology, raw, status) : keptValues(previous, homeMode);
  return roomFrom(topology, reachable, values, modules, fallbackSignal);
}
