// Pure: what a Netatmo webhook event changes in our state. A latency optimisation only — the
// poll that follows every event stays the source of truth (netatmo-api.md §6). Keys absent from
// the event are left alone; an explicit null clears (end time).
import { toHomeMode, toSetpointMode, unixToIso } from '../model/index.js';
import type { Home, HomeMode, Room, SetpointMode } from '../model/types.js';
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

const IGNORED = (reason: string): WebhookPatch => ({ home: null, topologyDirty: false, confirm: false, ignored: reason });

export function patchFromWebhook(homes: readonly Home[], event: WebhookEvent): WebhookPatch {
  const type = event.event_type;
  if (!type) return IGNORED(`push_type ${event.push_type ?? 'unknown'} without event_type`);
  const homeId = event.home_id ?? event.home?.id;
  const home = homeId ? homes.find((h) => h.id === homeId) : undefined;
  if (!home) return IGNORED(`home ${homeId ?? '(none)'} is not bridged`);
  switch (type) {
    case 'set_point':
    case 'setpoint_event':
      return result(home, patchRooms(home, setPointRooms(event), (room, entry) => applySetPoint(room, entry)));
    case 'cancel_set_point':
      return result(home, patchRooms(home, setPointRooms(event), (room) => ({ ...room, setpointMode: followHome(home.mode), setpointEndsAt: null })));
    case 'therm_mode': {
      const raw = event.mode ?? event.home?.therm_mode;
      if (!raw) return IGNORED('therm_mode without a mode');
      return result(home, applyHomeMode(home, toHomeMode(raw)));
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

function applySetPoint(room: Room, entry: WebhookRoom): Room {
  const next: Room = { ...room };
  if (entry.therm_setpoint_mode !== undefined) {
    next.setpointMode = toSetpointMode(entry.therm_setpoint_mode);
    if (next.setpointMode === 'off') next.heating = false;
  }
  // Netatmo reports 0 °C for a room that is off: not a setpoint to show.
  const temp = entry.therm_setpoint_temperature;
  if (typeof temp === 'number' && !(next.setpointMode === 'off' && temp === 0)) next.setpointC = temp;
  if (entry.therm_setpoint_end_time !== undefined) {
    const end = entry.therm_setpoint_end_time;
    next.setpointEndsAt = unixToIso(end);
  }
  return next;
}

function followHome(mode: HomeMode): SetpointMode {
  return mode === 'schedule' ? 'schedule' : mode;
}

/** The home mode changes; rooms without an override of their own follow it. */
function applyHomeMode(home: Home, mode: HomeMode): Home {
  if (home.mode === mode) return home;
  const following = new Set<SetpointMode>(['schedule', 'away', 'frostguard']);
  return {
    ...home,
    mode,
    modeEndsAt: null,
    rooms: home.rooms.map((room) => (following.has(room.setpointMode) ? { ...room, setpointMode: followHome(mode), setpointEndsAt: null } : room)),
  };
}
