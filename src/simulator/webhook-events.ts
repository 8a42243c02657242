// Energy webhook payloads in the shapes Home Assistant's netatmo tests feed its handler
// (tests/components/netatmo/common.py + test_climate.py; docs/netatmo.md "Webhooks"): every event
// carries user_id, home_id, home_name and user; set_point / cancel_set_point come with push_type
// display_change, therm_mode / schedule with home_event_changed. A `max` or `off` set_point names
// no temperature at all, and an `off` one no top-level room_id either.
import { SIM_USER_ID } from './topology-view.js';
import type { SimHome, SimRoom } from './world-types.js';

export type WebhookEvent = Record<string, unknown>;

function common(home: SimHome): WebhookEvent {
  return { user_id: SIM_USER_ID, home_id: home.id, home_name: home.name, user: { id: SIM_USER_ID, email: 'demo-user@simulated.invalid' } };
}

function roomModules(home: SimHome, room: SimRoom): { id: string; name: string; type: string }[] {
  return home.modules.filter((m) => room.moduleIds.includes(m.id)).map((m) => ({ id: m.id, name: m.name, type: m.type }));
}

function homeBlock(home: SimHome, room: SimRoom, roomEntry: Record<string, unknown>): Record<string, unknown> {
  return { id: home.id, name: home.name, country: home.country, rooms: [roomEntry], modules: roomModules(home, room) };
}

/** endS 0 = no end: the key is left out, as in the captures of an override without end. */
export function setPointEvent(home: SimHome, room: SimRoom, mode: string, temp: number, endS: number): WebhookEvent {
  const carriesTemperature = mode !== 'max' && mode !== 'off';
  const roomEntry: Record<string, unknown> = { id: room.id, name: room.name, type: room.type, therm_setpoint_mode: mode };
  if (carriesTemperature) roomEntry.therm_setpoint_temperature = temp;
  if (endS !== 0) roomEntry.therm_setpoint_end_time = endS;
  const event: WebhookEvent = { ...common(home) };
  if (mode !== 'off') event.room_id = room.id;
  Object.assign(event, { home: homeBlock(home, room, roomEntry), mode, event_type: 'set_point', push_type: 'display_change' });
  if (carriesTemperature) event.temperature = temp;
  return event;
}

export function cancelSetPointEvent(home: SimHome, room: SimRoom): WebhookEvent {
  return {
    ...common(home),
    room_id: room.id,
    home: homeBlock(home, room, { id: room.id, name: room.name, type: room.type, therm_setpoint_mode: 'home' }),
    mode: 'home',
    event_type: 'cancel_set_point',
    push_type: 'display_change',
  };
}

export function thermModeEvent(home: SimHome, previousMode: string): WebhookEvent {
  return {
    ...common(home),
    event_type: 'therm_mode',
    home: { id: home.id, therm_mode: home.thermMode },
    mode: home.thermMode,
    previous_mode: previousMode,
    push_type: 'home_event_changed',
  };
}

export function scheduleEvent(home: SimHome, scheduleId: string, previousScheduleId: string | undefined): WebhookEvent {
  return {
    ...common(home),
    event_type: 'schedule',
    push_type: 'home_event_changed',
    schedule_id: scheduleId,
    previous_schedule_id: previousScheduleId,
  };
}

export function activationEvent(): WebhookEvent {
  return { user_id: SIM_USER_ID, push_type: 'webhook_activation' };
}
