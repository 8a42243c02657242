// Pure: what a (verified) Netatmo webhook event changes in our state. A latency optimisation only —
// the confirmation poll stays the source of truth (docs/netatmo.md "Webhooks"). Real events name
// no temperature for `max` and `off` (Home Assistant's captures): boost shows 30 °C, off the home's
// frost-guard temperature (what the poll and a command show too). Rooms that follow the home take
// the away / frost-guard temperature of the home mode, or their schedule's value when it is known.
import { toHomeMode, toSetpointMode, unixToIso } from '../model/index.js';
import type { Home, HomeMode, Room, SetpointMode } from '../model/types.js';
import { MAX_SETPOINT_C } from './temperature.js';
import type { WebhookEvent, WebhookRoom } from './webhook-schema.js';

export interface WebhookPatch {
  /** The patched home, or null when nothing in the state changes. */
  home: Home | null;
  /** homesdata must be read again (schedule switched). */
  topologyDirty: boolean;
  /** The event concerns a home we serve: confirm it with a poll soon. */
  confirm: boolean;
  /** Why nothing was patched (debug log). */
  ignored?: string;
}

/** The setpoint a room's schedule gives it now, or null when unknown. */
export type ScheduledSetpoint = (homeId: string, roomId: string) => number | null;

const IGNORED = (reason: string): WebhookPatch => ({ home: null, topologyDirty: false, confirm: false, ignored: reason });
const FOLLOWING_HOME: readonly SetpointMode[] = ['schedule', 'away', 'frostguard'];
const noSchedule: ScheduledSetpoint = () => null;

export function patchFromWebhook(homes: readonly Home[], event: WebhookEvent, scheduled: ScheduledSetpoint = noSchedule): WebhookPatch {
  const type = event.event_type;
  if (!type) return IGNORED(`push_type ${event.push_type ?? 'unknown'} without event_type`);
  const homeId = event.home_id ?? event.home?.id;
  const home = homeId ? homes.find((h) => h.id === homeId) : undefined;
  if (!home) return IGNORED(`home ${homeId ?? '(none)'} is not bridged`);
  const follow = (room: Room, mode: HomeMode): Room => followHome(home, room, mode, scheduled);
  switch (type) {
    case 'set_point':
    case 'setpoint_event':
      return result(home, patchRooms(home, setPointRooms(event), (room, entry) => applySetPoint(home, room, entry, follow)));
    case 'cancel_set_point':
      return result(home, patchRooms(home, setPointRooms(event), (room) => follow(room, home.mode)));
    case 'therm_mode': {
      const raw = event.home?.therm_mode ?? event.mode;
      if (!raw || !isHomeModeWord(raw)) return IGNORED(`therm_mode without a home mode (${raw ?? 'none'})`);
      return result(home, applyHomeMode(home, toHomeMode(raw), follow));
    }
    case 'schedule': {
      const scheduleId = event.schedule_id;
      const known = scheduleId !== undefined && home.schedules.some((s) => s.id === scheduleId);
      const patched = known ? { ...home, schedules: home.schedules.map((s) => ({ ...s, selected: s.id === scheduleId })) } : home;
      return { ...result(home, patched), topologyDirty: true };
    }
    default:
      return IGNORED(`event_type ${type} is not a heating event`);
  }
}

function isHomeModeWord(word: string): boolean {
  return word === 'schedule' || word === 'away' || word === 'hg' || word === 'frost_guard';
}

function result(before: Home, after: Home): WebhookPatch {
  return { home: after === before ? null : after, topologyDirty: false, confirm: true };
}

/** The rooms an event names: home.rooms[], else the top-level room_id / mode / temperature. */
function setPointRooms(event: WebhookEvent): WebhookRoom[] {
  if (event.home?.rooms && event.home.rooms.length > 0) return event.home.rooms;
  if (!event.room_id) return [];
  return [{ id: event.room_id, therm_setpoint_mode: event.mode, therm_setpoint_temperature: event.temperature }];
}

function patchRooms(home: Home, entries: readonly WebhookRoom[], apply: (room: Room, entry: WebhookRoom) => Room): Home {
  let changed = false;
  const rooms = home.rooms.map((room) => {
    const entry = entries.find((e) => e.id === room.id);
    if (!entry) return room;
    changed = true;
    return apply(room, entry);
  });
  return changed ? { ...home, rooms } : home;
}

function applySetPoint(home: Home, room: Room, entry: WebhookRoom, follow: (room: Room, mode: HomeMode) => Room): Room {
  const word = entry.therm_setpoint_mode;
  if (word === 'home' || word === 'schedule') return follow(room, home.mode);
  const given = typeof entry.therm_setpoint_temperature === 'number' ? entry.therm_setpoint_temperature : null;
  const next: Room = { ...room };
  if (word !== undefined) {
    next.setpointMode = toSetpointMode(word);
    // The end belongs to the new override: none named means none (0 / null mean "no end" too).
    next.setpointEndsAt = unixToIso(entry.therm_setpoint_end_time);
  } else if (entry.therm_setpoint_end_time !== undefined) {
    next.setpointEndsAt = unixToIso(entry.therm_setpoint_end_time);
  }
  switch (next.setpointMode) {
    case 'boost':
      next.setpointC = given && given > 0 ? given : MAX_SETPOINT_C;
      break;
    case 'off':
      // Netatmo names no temperature, or 0 °C, for a room switched off.
      next.setpointC = given && given > 0 ? given : home.frostguardTempC;
      next.heating = false;
      break;
    case 'frostguard':
      next.setpointC = given && given > 0 ? given : home.frostguardTempC;
      break;
    case 'away':
      next.setpointC = given && given > 0 ? given : home.awayTempC;
      break;
    default:
      if (given !== null && given > 0) next.setpointC = given;
  }
  return next;
}

/** The room stops overriding: it shows the home mode and the temperature that goes with it. */
function followHome(home: Home, room: Room, mode: HomeMode, scheduled: ScheduledSetpoint): Room {
  const setpointC = mode === 'away' ? home.awayTempC : mode === 'frostguard' ? home.frostguardTempC : (scheduled(home.id, room.id) ?? room.setpointC);
  return { ...room, setpointMode: mode, setpointC, setpointEndsAt: null };
}

/** The home mode changes; rooms without an override of their own follow it. */
function applyHomeMode(home: Home, mode: HomeMode, follow: (room: Room, mode: HomeMode) => Room): Home {
  if (home.mode === mode) return home;
  return {
    ...home,
    mode,
    modeEndsAt: null,
    rooms: home.rooms.map((room) => (FOLLOWING_HOME.includes(room.setpointMode) ? follow(room, mode) : room)),
  };
}
