// homesdata + homestatus → the domain Home (docs/architecture.md#device-model-both-paths). Pure: no I/O, no
// clock; the previous Home is passed in so that unreachable rooms keep their last values.
import type { RawHomeStatusBody, RawHomesDataBody, RawTopologyHome } from './netatmo-raw.js';
import type { Home, Room } from './types.js';
import { idOf } from './ids.js';
import { toHomeMode } from './modes.js';
import { unixToIso } from './time.js';
import { normaliseRoom, withOffSetpoint, type RoomSource } from './normalise-room.js';
import { SET_STATE_TYPES } from './room-kind.js';
import { activeThermSchedule, awayTempOf, frostguardTempOf, thermSchedules, toSchedules } from './schedules.js';
import { compareByNameThenId } from './sort.js';
import { indexStatus, isRelayOffline } from './status-index.js';
import { heatingRoomsOf } from './topology.js';

/** Netatmo's own default for a manual setpoint without end time (MIGO: minutes, default 180). */
export const DEFAULT_OVERRIDE_MINUTES = 180;

function defaultOverrideMinutesOf(topology: RawTopologyHome): number {
  // Live data spells it therm_setpoint_default_duration; the spec therm_set_point_default_duration.
  const value = topology.therm_setpoint_default_duration ?? topology.therm_set_point_default_duration;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_OVERRIDE_MINUTES;
}

function requiresSetStateOf(topology: RawTopologyHome): boolean {
  return (topology.modules ?? []).some((m) => typeof m.type === 'string' && SET_STATE_TYPES.includes(m.type));
}

function roomSourceOf(status: RawHomeStatusBody | undefined): RoomSource {
  if (status === undefined) return { kind: 'no_status' };
  if (isRelayOffline(status)) return { kind: 'relay_offline' };
  // A body without a home (pyatmo archive/home_status_empty.json) tells us nothing either.
  if (status.home === undefined) return { kind: 'no_status' };
  return { kind: 'live', status: indexStatus(status) };
}

export function normaliseHome(
  topology: RawTopologyHome,
  status: RawHomeStatusBody | undefined,
  previous: Home | undefined,
): Home {
  const id = idOf(topology.id) ?? '';
  const mode = toHomeMode(topology.therm_mode);
  const therm = thermSchedules(topology.schedules);
  const activeSchedule = activeThermSchedule(therm);
  const source = roomSourceOf(status);

  const previousRooms = new Map<string, Room>();
  for (const room of previous?.rooms ?? []) previousRooms.set(room.id, room);

  const statusModules = source.kind === 'live' ? source.status.modules : undefined;
  const frostguardTempC = frostguardTempOf(activeSchedule);
  const rooms = heatingRoomsOf(topology, statusModules).map((room) =>
    withOffSetpoint(normaliseRoom(room, source, previousRooms.get(room.id), mode), frostguardTempC),
  );

  let reachable: boolean;
  switch (source.kind) {
    case 'live':
      reachable = true;
      break;
    case 'relay_offline':
      reachable = false;
      break;
    case 'no_status':
      reachable = previous?.reachable ?? false;
      break;
  }

  return {
    id,
    name: typeof topology.name === 'string' && topology.name !== '' ? topology.name : id,
    reachable,
    mode,
    // Netatmo sends an end time only with a timed away / frost-guard; schedule has none.
    modeEndsAt: mode === 'schedule' ? null : unixToIso(topology.therm_mode_endtime),
    schedules: toSchedules(therm),
    defaultOverrideMinutes: defaultOverrideMinutesOf(topology),
    awayTempC: awayTempOf(activeSchedule),
    frostguardTempC,
    requiresSetState: requiresSetStateOf(topology),
    timezone: typeof topology.timezone === 'string' && topology.timezone !== '' ? topology.timezone : null,
    rooms,
    error: null,
  };
}

/**
 * Every home of the account (not only the first), including homes without heating rooms
 * (rooms: []; the poller lists only homes with a heating module, see hasHeatingModule). Homes
 * without an id cannot be addressed and are left out.
 * `statuses` is keyed by home id; a home missing from it keeps its previous values.
 */
export function normaliseHomes(
  homesData: RawHomesDataBody,
  statuses: ReadonlyMap<string, RawHomeStatusBody>,
  previous: readonly Home[],
): Home[] {
  const previousHomes = new Map<string, Home>();
  for (const home of previous) previousHomes.set(home.id, home);
  const homes: Home[] = [];
  const seen = new Set<string>();
  for (const topology of homesData.homes ?? []) {
    const id = idOf(topology.id);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    homes.push(normaliseHome(topology, statuses.get(id), previousHomes.get(id)));
  }
  return homes.sort(compareByNameThenId);
}
