// Energy webhook payloads as Netatmo sends them (reference §6.2): set_point / cancel_set_point
// with push_type display_change, therm_mode / schedule with push_type home_event_changed.
import { SIM_USER_ID } from './topology-view.js';
import type { SimHome, SimRoom } from './world-types.js';

export type WebhookEvent = Record<string, unknown>;

function roomModules(home: SimHome, room: SimRoom): { id: string; name: string; type: string }[] {
  return home.modules.filter((m) => room.moduleIds.includes(m.id)).map((m) => ({ id: m.id, name: m.name, type: m.type }));
}

export function setPointEvent(home: SimHome, room: SimRoom, mode: string, temp: number, endS: number): WebhookEvent {
  const roomEntry: Record<string, unknown> = { id: room.id, name: room.name, type: room.type, therm_setpoint_mode: mode, therm_setpoint_temperature: temp };
  roomEntry.therm_setpoint_end_time = endS;
  return {
    user_id: SIM_USER_ID,
    user: { id: SIM_USER_ID, email: 'demo-user@simulated.invalid' },
    event_type: 'set_point',
    push_type: 'display_change',
    app_type: 'app_thermostat',
    home_id: home.id,
    room_id: room.id,
    mode,
    temperature: temp,
    home: { id: home.id, name: home.name, country: home.country, rooms: [roomEntry], modules: roomModules(home, room) },
  };
}

export function cancelSetPointEvent(home: SimHome, room: SimRoom): WebhookEvent {
  return {
    user_id: SIM_USER_ID,
    user: { id: SIM_USER_ID, email: 'demo-user@simulated.invalid' },
    event_type: 'cancel_set_point',
    push_type: 'display_change',
    app_type: 'app_thermostat',
    home_id: home.id,
    room_id: room.id,
    home: {
      id: home.id,
      name: home.name,
      country: home.country,
      rooms: [{ id: room.id, name: room.name, type: room.type, therm_setpoint_mode: 'home' }],
      modules: roomModules(home, room),
    },
  };
}

export function thermModeEvent(home: SimHome, previousMode: string): WebhookEvent {
  return {
    user_id: SIM_USER_ID,
    event_type: 'therm_mode',
    push_type: 'home_event_changed',
    app_type: 'app_thermostat',
    home_id: home.id,
    mode: home.thermMode,
    previous_mode: previousMode,
    home: { id: home.id, name: home.name, therm_mode: home.thermMode },
  };
}

export function scheduleEvent(home: SimHome, scheduleId: string, previousScheduleId: string | undefined): WebhookEvent {
  return {
    user_id: SIM_USER_ID,
    event_type: 'schedule',
    push_type: 'home_event_changed',
    app_type: 'app_thermostat',
    home_id: home.id,
    schedule_id: scheduleId,
    previous_schedule_id: previousScheduleId,
  };
}

export function activationEvent(): WebhookEvent {
  return { user_id: SIM_USER_ID, push_type: 'webhook_activation', app_type: 'app_thermostat' };
}
