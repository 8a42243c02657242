// /api/homestatus body, shaped like the real captures (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads).
import {
  batteryMv,
  batteryState,
  demandsHeat,
  effectiveSetpoint,
  isHeatingRoom,
  isThermostatModule,
  isValveRoom,
} from './physics.js';
import { hashUnit } from './random.js';
import type { SimWorld } from './world.js';
import type { SimHome, SimModule } from './world-types.js';

function jitter(seedPart: string, nowMs: number, spread: number): number {
  // Signal strength wobbles a little from hour to hour, deterministically.
  return Math.round((hashUnit(seedPart, Math.floor(nowMs / 3_600_000)) - 0.5) * spread);
}

/** boiler_status of a thermostat: its room is below its setpoint. */
function thermostatDemands(world: SimWorld, home: SimHome, module: SimModule, nowMs: number): boolean {
  const room = home.rooms.find((r) => r.id === module.roomId);
  if (!room) return false;
  const sp = effectiveSetpoint(home, room, nowMs).temp;
  return module.reachable && demandsHeat(world.demandTemp(home, room, nowMs), sp, room.openWindow);
}

function moduleStatus(world: SimWorld, home: SimHome, module: SimModule, nowMs: number): Record<string, unknown> {
  return mainsModuleStatus(world, home, module, nowMs) ?? radioModuleStatus(world, home, module, nowMs);
}

/** Modules on mains power and Wi-Fi (relays, OpenTherm, the BNS thermostat, a weather station); else null. */
function mainsModuleStatus(world: SimWorld, home: SimHome, module: SimModule, nowMs: number): Record<string, unknown> | null {
  const base: Record<string, unknown> = { id: module.id, type: module.type };
  switch (module.type) {
    case 'NAPlug':
      return { ...base, firmware_revision: module.firmware, rf_strength: module.rfStrength, wifi_strength: (module.wifiStrength ?? 50) + jitter(module.id, nowMs, 4) };
    case 'OTH':
      return {
        ...base,
        boiler_control: 'onoff',
        dhw_control: 'none',
        firmware_revision: module.firmware,
        hardware_version: 222,
        outdoor_temperature: 8.5,
        wifi_strength: (module.wifiStrength ?? 50) + jitter(module.id, nowMs, 4),
      };
    case 'BNS':
      // As in pyatmo's capture: Wi-Fi, boiler relay state, no battery and no reachable flag.
      return {
        ...base,
        firmware_revision: module.firmware,
        wifi_strength: (module.wifiStrength ?? 50) + jitter(module.id, nowMs, 4),
        boiler_valve_comfort_boost: false,
        boiler_status: thermostatDemands(world, home, module, nowMs),
        cooler_status: false,
      };
    case 'NAMain': {
      const room = home.rooms.find((r) => r.id === module.roomId);
      return {
        ...base,
        firmware_revision: module.firmware,
        wifi_strength: module.wifiStrength,
        reachable: module.reachable,
        ts: Math.floor(nowMs / 1000) - 120,
        temperature: room ? world.measured(home, room, nowMs) : 20,
        co2: 520,
        humidity: 45,
        noise: 38,
        pressure: 1017.4,
      };
    }
    case 'NAModule1':
    case 'NATherm1':
    case 'NRV':
    case 'OTM':
      return null;
  }
}

/** Battery modules on the relay's radio: thermostats, valves, the outdoor module. */
function radioModuleStatus(world: SimWorld, home: SimHome, module: SimModule, nowMs: number): Record<string, unknown> {
  const base: Record<string, unknown> = { id: module.id, type: module.type };
  const mv = batteryMv(module, home.createdMs, nowMs) ?? 0;
  const out: Record<string, unknown> = {
    ...base,
    reachable: module.reachable,
    firmware_revision: module.firmware,
    rf_strength: (module.rfStrength ?? 70) + jitter(module.id, nowMs, 4),
    battery_level: mv,
    battery_state: batteryState(module.type, mv),
    bridge: module.bridge,
  };
  if (isThermostatModule(module)) {
    out.boiler_status = thermostatDemands(world, home, module, nowMs);
    out.boiler_valve_comfort_boost = false;
    out.anticipating = false;
  }
  if (module.type === 'NAModule1') out.temperature = 8.5;
  return out;
}

export function homeStatusBody(world: SimWorld, home: SimHome, nowMs: number): Record<string, unknown> {
  const relay = home.modules.find((m) => m.type === 'NAPlug' || m.type === 'OTH');
  if (!home.relayOnline) {
    return { errors: [{ code: 6, id: relay?.id ?? home.id }], home: { id: home.id } };
  }
  const rooms = home.rooms.map((room) => {
    if (!room.reachable) return { id: room.id, reachable: false };
    const snap = world.roomSnapshot(home, room, nowMs);
    if (!isHeatingRoom(home, room)) {
      return { id: room.id, reachable: true, therm_measured_temperature: snap.measuredTemperature, humidity: 45 };
    }
    const out: Record<string, unknown> = {
      id: room.id,
      reachable: true,
      anticipating: false,
      therm_measured_temperature: snap.measuredTemperature,
      therm_setpoint_temperature: snap.setpointTemperature,
      therm_setpoint_mode: snap.setpointMode,
      therm_setpoint_start_time: snap.setpointStartTime,
      therm_setpoint_end_time: snap.setpointEndTime,
    };
    // Real captures: heating_power_request and open_window only on valve rooms (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads).
    if (isValveRoom(home, room)) {
      out.heating_power_request = snap.heatingPowerRequest;
      out.open_window = snap.openWindow;
    }
    return out;
  });
  const errors = home.modules
    .filter((m) => !m.reachable && (m.type === 'NRV' || isThermostatModule(m)))
    .map((m) => ({ code: 6, id: m.id }));
  const body: Record<string, unknown> = {
    home: { id: home.id, rooms, modules: home.modules.map((m) => moduleStatus(world, home, m, nowMs)) },
  };
  if (errors.length > 0) body.errors = errors;
  return body;
}
