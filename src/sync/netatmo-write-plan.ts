// Pure translation of a user's command into the Netatmo calls that carry it out, each with the
// optimistic patch it stands for. Netatmo's rules live here (facts and sources: docs/netatmo.md):
// - valve rooms reject `max` (code 21): boost = manual 30 °C until the boost ends;
// - valve rooms have no `off`: manual at the home's frost-guard temperature (as Home Assistant);
// - thermostat and mixed rooms use `max` / `off`;
// - the write path of a room is pyatmo's (room.py async_therm_set, docs/netatmo.md): a room with a
//   Smart Thermostat (NATherm1) always takes setroomthermpoint; in a home with an OTM or BNS
//   every other room takes /api/setstate (setroomthermpoint fails there); else setroomthermpoint;
// - an omitted end time means the home's default duration (we send none, and only compute it
//   for the optimistic end time); away / frost guard without an end are indefinite;
// - frost guard is `hg` on the wire.
import type { Home, HomeMode, Room, RoomCommandMode, SetpointMode } from '../model/types.js';
import { toNetatmoThermMode } from '../model/index.js';
import type { SetRoomThermPointParams, SetStateBody, SetStateRoom, SetThermModeParams, SwitchHomeScheduleParams } from '../netatmo/api.js';
import type { HomePatch, RoomPatch } from './optimistic.js';
import { MAX_SETPOINT_C, clampSetpoint } from './temperature.js';

export type NetatmoWrite =
  | { endpoint: 'setthermmode'; params: SetThermModeParams }
  | { endpoint: 'setroomthermpoint'; params: SetRoomThermPointParams }
  | { endpoint: 'switchhomeschedule'; params: SwitchHomeScheduleParams }
  | { endpoint: 'setstate'; body: SetStateBody };

export interface PlannedWrite {
  write: NetatmoWrite;
  /** What clients see once Netatmo accepted this write. */
  patch: HomePatch;
}

/** When an override ends: Netatmo's default duration of the home, or a given time (ms epoch). */
export type EndChoice = { kind: 'default' } | { kind: 'at'; atMs: number };

/** The product type pyatmo writes with setroomthermpoint whatever else the home holds. */
const SMART_THERMOSTAT = 'NATherm1';

/** Temperature a room falls back to when asked for manual without one (no current setpoint). */
export const FALLBACK_MANUAL_C = 19;

/** One room order in Netatmo's words. */
interface RoomOrder {
  mode: 'manual' | 'max' | 'home' | 'off';
  temp?: number;
  end: EndChoice;
}

const unixS = (ms: number): number => Math.floor(ms / 1000);
const iso = (ms: number): string => new Date(ms).toISOString();

export function isValveOnly(room: Room): boolean {
  return room.kind === 'valves';
}

/** The end as clients will see it (default duration computed from the home's setting). */
function optimisticEnd(home: Home, end: EndChoice, nowMs: number): string {
  return iso(end.kind === 'at' ? end.atMs : nowMs + home.defaultOverrideMinutes * 60_000);
}

/** What a room shows while it follows the home (no override). */
function followingHome(home: Home, mode: HomeMode): RoomPatch {
  switch (mode) {
    case 'schedule':
      return { setpointMode: 'schedule', setpointEndsAt: null };
    case 'away':
      return { setpointMode: 'away', setpointC: home.awayTempC };
    case 'frostguard':
      return { setpointMode: 'frostguard', setpointC: home.frostguardTempC };
  }
}

function roomPatchFor(home: Home, order: RoomOrder, nowMs: number): RoomPatch {
  switch (order.mode) {
    case 'manual':
      return { setpointMode: 'manual', setpointC: order.temp ?? null, setpointEndsAt: optimisticEnd(home, order.end, nowMs) };
    case 'max':
      return { setpointMode: 'boost', setpointC: MAX_SETPOINT_C, setpointEndsAt: optimisticEnd(home, order.end, nowMs) };
    case 'off':
      // Netatmo reports a room switched off with 0 °C, which the model shows as the frost-guard value.
      return { setpointMode: 'off', setpointC: home.frostguardTempC, setpointEndsAt: order.end.kind === 'at' ? iso(order.end.atMs) : null };
    case 'home':
      return followingHome(home, home.mode);
  }
}

/** Which endpoint writes this room, as pyatmo decides it (room.py async_therm_set). */
export function roomWritePath(home: Home, roomId: string): 'setroomthermpoint' | 'setstate' {
  const room = home.rooms.find((r) => r.id === roomId);
  if (room?.modules.some((m) => m.type === SMART_THERMOSTAT)) return 'setroomthermpoint';
  return home.requiresSetState ? 'setstate' : 'setroomthermpoint';
}

type RoomOrders = { roomId: string; order: RoomOrder }[];

function setStateWrite(home: Home, orders: RoomOrders): NetatmoWrite {
  const rooms: SetStateRoom[] = orders.map(({ roomId, order }) => {
    const room: SetStateRoom = { id: roomId, therm_setpoint_mode: order.mode };
    if (order.temp !== undefined) room.therm_setpoint_temperature = order.temp;
    if (order.end.kind === 'at' && order.mode !== 'home') room.therm_setpoint_end_time = unixS(order.end.atMs);
    return room;
  });
  return { endpoint: 'setstate', body: { home: { id: home.id, rooms } } };
}

function thermPointWrite(home: Home, roomId: string, order: RoomOrder): NetatmoWrite {
  const params: SetRoomThermPointParams = { homeId: home.id, roomId, mode: order.mode };
  if (order.temp !== undefined) params.temp = order.temp;
  if (order.end.kind === 'at' && order.mode !== 'home') params.endtime = unixS(order.end.atMs);
  return { endpoint: 'setroomthermpoint', params };
}

/** The room orders as Netatmo calls: one setroomthermpoint per room on that path, one setstate for the rest. */
function roomWrite(home: Home, orders: RoomOrders): NetatmoWrite[] {
  const viaSetState = orders.filter(({ roomId }) => roomWritePath(home, roomId) === 'setstate');
  const writes = orders.filter((o) => !viaSetState.includes(o)).map(({ roomId, order }) => thermPointWrite(home, roomId, order));
  if (viaSetState.length > 0) writes.push(setStateWrite(home, viaSetState));
  return writes;
}

function singleRoom(home: Home, room: Room, order: RoomOrder, nowMs: number): PlannedWrite[] {
  const [write] = roomWrite(home, [{ roomId: room.id, order }]);
  if (!write) return [];
  return [{ write, patch: { rooms: { [room.id]: roomPatchFor(home, order, nowMs) } } }];
}

export function planRoomSetpoint(home: Home, room: Room, temperatureC: number, end: EndChoice, nowMs: number): PlannedWrite[] {
  return singleRoom(home, room, { mode: 'manual', temp: temperatureC, end }, nowMs);
}

/** The Netatmo order for a room mode, with the valve emulations. */
export function roomOrderFor(home: Home, room: Room, mode: RoomCommandMode, end: EndChoice): RoomOrder {
  switch (mode) {
    case 'schedule':
      return { mode: 'home', end: { kind: 'default' } };
    case 'manual':
      return { mode: 'manual', temp: room.setpointC === null ? FALLBACK_MANUAL_C : clampSetpoint(room.setpointC), end };
    case 'boost':
      return isValveOnly(room) ? { mode: 'manual', temp: MAX_SETPOINT_C, end } : { mode: 'max', end };
    case 'off':
      return isValveOnly(room) ? { mode: 'manual', temp: clampSetpoint(home.frostguardTempC), end } : { mode: 'off', end };
  }
}

export function planRoomMode(home: Home, room: Room, mode: RoomCommandMode, end: EndChoice, nowMs: number): PlannedWrite[] {
  return singleRoom(home, room, roomOrderFor(home, room, mode, end), nowMs);
}

const FOLLOWS_HOME: readonly SetpointMode[] = ['schedule', 'away', 'frostguard'];
const OVERRIDDEN: readonly SetpointMode[] = ['manual', 'boost', 'off'];

/** end: null = indefinite (away / frost guard) — setthermmode has no default duration. */
export function planHomeMode(home: Home, mode: HomeMode, endMs: number | null): PlannedWrite[] {
  const params: SetThermModeParams = { homeId: home.id, mode: toNetatmoThermMode(mode) };
  if (mode !== 'schedule' && endMs !== null) params.endtime = unixS(endMs);
  const rooms: Record<string, RoomPatch> = {};
  for (const room of home.rooms) {
    if (!FOLLOWS_HOME.includes(room.setpointMode)) continue;
    rooms[room.id] = mode === 'schedule' ? followingHome(home, mode) : { ...followingHome(home, mode), setpointEndsAt: endMs === null ? null : iso(endMs) };
  }
  return [{ write: { endpoint: 'setthermmode', params }, patch: { mode, modeEndsAt: mode === 'schedule' || endMs === null ? null : iso(endMs), rooms } }];
}

export function planSwitchSchedule(home: Home, scheduleId: string): PlannedWrite[] {
  return [{ write: { endpoint: 'switchhomeschedule', params: { homeId: home.id, scheduleId } }, patch: { selectedScheduleId: scheduleId } }];
}

/** Home mode schedule, then every overridden room back to following the home. */
export function planBackToSchedule(home: Home, nowMs: number): PlannedWrite[] {
  const plan = planHomeMode(home, 'schedule', null);
  const overridden = home.rooms.filter((room) => OVERRIDDEN.includes(room.setpointMode));
  if (overridden.length === 0) return plan;
  const scheduleHome: Home = { ...home, mode: 'schedule' };
  const backHome: RoomOrder = { mode: 'home', end: { kind: 'default' } };
  const orders = overridden.map((room) => ({ roomId: room.id, order: backHome }));
  const writes = roomWrite(scheduleHome, orders);
  const patchOf = (roomIds: string[]): HomePatch => ({
    rooms: Object.fromEntries(roomIds.map((id) => [id, roomPatchFor(scheduleHome, backHome, nowMs)])),
  });
  for (const write of writes) {
    const roomIds = write.endpoint === 'setstate' ? write.body.home.rooms.map((r) => r.id) : write.endpoint === 'setroomthermpoint' ? [write.params.roomId] : [];
    plan.push({ write, patch: patchOf(roomIds) });
  }
  return plan;
}
