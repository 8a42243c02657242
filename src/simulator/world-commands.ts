// Write operations with Netatmo's validation order and error codes (docs/netatmo.md "Other write
// rules"). Each returns the webhook events the change would trigger.
import { errors } from './envelopes.js';
import { MAX_TEMP_C, hasSmartThermostat, isThermostatRoom, needsSetState, selectedSchedule } from './physics.js';
import { cancelSetPointEvent, scheduleEvent, setPointEvent, thermModeEvent, type WebhookEvent } from './webhook-events.js';
import type { SimHome, SimOverride, SimRoom } from './world-types.js';
import type { SimWorld } from './world.js';

export type Params = Record<string, string | undefined>;

/** setstate's "until further notice" sentinel (home-assistant/core#104455). */
const FOREVER_S = 2147483647;
const MIN_SETPOINT_C = 5;

function requireHome(world: SimWorld, homeId: string | undefined): SimHome {
  if (!homeId) throw errors.missing('Missing home_id');
  const home = world.findHome(homeId);
  if (!home) throw errors.invalidId();
  return home;
}

function requireRoom(home: SimHome, roomId: string | undefined): SimRoom {
  if (!roomId) throw errors.missing('Missing room_id');
  const room = home.rooms.find((r) => r.id === String(roomId));
  if (!room) throw errors.invalidId();
  return room;
}

/** undefined = not given; throws code 25 for garbage or a time not in the future. */
function parseEndTime(raw: string | number | undefined, nowS: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= nowS) throw errors.invalidDate();
  return value;
}

function parseTemp(raw: string | number | undefined): number {
  if (raw === undefined || raw === '') throw errors.missing('Missing temp');
  const value = Number(raw);
  if (!Number.isFinite(value) || value < MIN_SETPOINT_C || value > MAX_TEMP_C) throw errors.invalid('Invalid temperature');
  return value;
}

interface RoomOrder {
  mode: string | undefined;
  temp: string | number | undefined;
  endtime: string | number | undefined;
}

/** Validates one room order and returns the override to apply (undefined = back to home). */
function planOverride(home: SimHome, room: SimRoom, order: RoomOrder, nowS: number, allowed: string[]): SimOverride | undefined {
  if (!order.mode) throw errors.missing('mode is missing');
  if (!allowed.includes(order.mode)) throw errors.invalid('mode not authorized');
  if (order.mode === 'home') return undefined;
  if (order.mode === 'max' && !isThermostatRoom(home, room)) {
    throw errors.invalid('Max mode can only be applied on thermostat room');
  }
  let endS = parseEndTime(order.endtime, nowS);
  const defaultEnd = nowS + home.defaultDurationMin * 60;
  const schedule = selectedSchedule(home);
  switch (order.mode) {
    case 'manual':
      return { mode: 'manual', temp: parseTemp(order.temp), startS: nowS, endS: endS === FOREVER_S ? 0 : (endS ?? defaultEnd) };
    case 'max':
      return { mode: 'max', temp: MAX_TEMP_C, startS: nowS, endS: endS === FOREVER_S ? 0 : (endS ?? defaultEnd) };
    case 'off':
      endS = endS === FOREVER_S ? 0 : (endS ?? 0);
      return { mode: 'off', temp: 0, startS: nowS, endS };
    case 'hg':
      endS = endS === FOREVER_S ? 0 : (endS ?? 0);
      return { mode: 'hg', temp: schedule?.hgTemp ?? 7, startS: nowS, endS };
    default:
      throw errors.invalid('mode not authorized');
  }
}

function applyOverride(home: SimHome, room: SimRoom, override: SimOverride | undefined): WebhookEvent {
  room.override = override;
  return override ? setPointEvent(home, room, override.mode, override.temp, override.endS) : cancelSetPointEvent(home, room);
}

export function setRoomThermPoint(world: SimWorld, params: Params, nowS: number): WebhookEvent[] {
  const home = requireHome(world, params.home_id);
  const room = requireRoom(home, params.room_id);
  // In OpenTherm / Smarther homes only Smart Thermostat rooms take the legacy call; any other room
  // crashes server-side (home-assistant/core#82633), which is why pyatmo routes them to setstate.
  if (needsSetState(home) && !hasSmartThermostat(home, room)) throw errors.internal('device.setThermPoint is not a function');
  const override = planOverride(home, room, { mode: params.mode, temp: params.temp, endtime: params.endtime }, nowS, ['manual', 'max', 'home', 'off']);
  return [applyOverride(home, room, override)];
}

export function setThermMode(world: SimWorld, params: Params, nowS: number): WebhookEvent[] {
  const home = requireHome(world, params.home_id);
  const mode = params.mode;
  if (!mode) throw errors.missing('mode is missing');
  if (mode !== 'schedule' && mode !== 'away' && mode !== 'hg') throw errors.invalid('mode not authorized');
  const events: WebhookEvent[] = [];
  const previousMode = home.thermMode;
  if (mode === 'schedule') {
    if (params.schedule_id) events.push(...switchSchedule(home, params.schedule_id));
    // Back to schedule resets every room, overrides included (home-assistant/core#46147).
    for (const room of home.rooms) room.override = undefined;
    home.thermModeEndS = 0;
  } else {
    home.thermModeEndS = parseEndTime(params.endtime, nowS) ?? 0;
  }
  home.thermMode = mode;
  home.thermModeStartS = nowS;
  events.unshift(thermModeEvent(home, previousMode));
  return events;
}

function switchSchedule(home: SimHome, scheduleId: string): WebhookEvent[] {
  const target = home.schedules.find((s) => s.id === scheduleId && s.type === 'therm');
  if (!target) throw errors.invalid(`schedule ${scheduleId} is not therm schedule`);
  const previous = home.schedules.find((s) => s.selected);
  for (const schedule of home.schedules) schedule.selected = schedule === target;
  return [scheduleEvent(home, target.id, previous?.id)];
}

export function switchHomeSchedule(world: SimWorld, params: Params): WebhookEvent[] {
  const home = requireHome(world, params.home_id);
  if (!params.schedule_id) throw errors.missing('Missing schedule_id');
  return switchSchedule(home, params.schedule_id);
}

interface SetStateRoomInput {
  id?: unknown;
  therm_setpoint_mode?: unknown;
  therm_setpoint_temperature?: unknown;
  therm_setpoint_end_time?: unknown;
}

function scalar(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

export function setState(world: SimWorld, body: unknown, nowS: number): WebhookEvent[] {
  const homeInput = (body as { home?: { id?: unknown; rooms?: unknown } } | undefined)?.home;
  if (!homeInput || typeof homeInput !== 'object') throw errors.missing('Missing home');
  const home = requireHome(world, scalar(homeInput.id)?.toString());
  const roomsInput = Array.isArray(homeInput.rooms) ? (homeInput.rooms as SetStateRoomInput[]) : [];
  // Validate every room first so a bad entry changes nothing.
  const plans = roomsInput.map((input) => {
    const room = requireRoom(home, scalar(input.id)?.toString());
    const order: RoomOrder = {
      mode: typeof input.therm_setpoint_mode === 'string' ? input.therm_setpoint_mode : undefined,
      temp: scalar(input.therm_setpoint_temperature),
      endtime: scalar(input.therm_setpoint_end_time),
    };
    return { room, override: planOverride(home, room, order, nowS, ['manual', 'home', 'max', 'hg', 'off']) };
  });
  return plans.map(({ room, override }) => applyOverride(home, room, override));
}
