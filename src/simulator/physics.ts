// Pure heating physics and setpoint resolution. The world calls these on a fixed 5-minute
// grid, so the same clock readings always give the same temperatures.
import { zoneInForce } from './schedule-clock.js';
import type { SimHome, SimModule, SimRoom, SimRoomMode, SimSchedule } from './world-types.js';

export const STEP_MS = 5 * 60 * 1000;
/** Where an unheated room drifts to. */
export const AMBIENT_C = 15;
const HEATING_RATE_C_PER_H = 1.5;
const COOLING_TIME_CONSTANT_H = 6;
const OPEN_WINDOW_TARGET_C = 10;
const OPEN_WINDOW_TIME_CONSTANT_H = 1;
export const MAX_TEMP_C = 30;
/** A room demands heat when it is this far below its setpoint. */
const DEMAND_HYSTERESIS_C = 0.05;

export interface EffectiveSetpoint {
  mode: SimRoomMode;
  temp: number;
  startS: number;
  /** 0 = no end. */
  endS: number;
}

export function selectedSchedule(home: SimHome): SimSchedule | undefined {
  return home.schedules.find((s) => s.selected) ?? home.schedules[0];
}

export function isThermostatModule(module: SimModule): boolean {
  return module.type === 'NATherm1' || module.type === 'OTM' || module.type === 'BNS';
}

export function roomModules(home: SimHome, room: SimRoom): SimModule[] {
  return home.modules.filter((m) => room.moduleIds.includes(m.id));
}

export function isThermostatRoom(home: SimHome, room: SimRoom): boolean {
  return roomModules(home, room).some(isThermostatModule);
}

export function isValveRoom(home: SimHome, room: SimRoom): boolean {
  const modules = roomModules(home, room);
  return modules.some((m) => m.type === 'NRV') && !modules.some(isThermostatModule);
}

export function isHeatingRoom(home: SimHome, room: SimRoom): boolean {
  return isThermostatRoom(home, room) || isValveRoom(home, room);
}

/** Homes with an OpenTherm or Smarther thermostat take room writes through setstate (docs/netatmo.md). */
export function needsSetState(home: SimHome): boolean {
  return home.modules.some((m) => m.type === 'OTH' || m.type === 'OTM' || m.type === 'BNS');
}

/** A Smart Thermostat room, which setroomthermpoint still serves in such homes (pyatmo room.py). */
export function hasSmartThermostat(home: SimHome, room: SimRoom): boolean {
  return roomModules(home, room).some((m) => m.type === 'NATherm1');
}

/** What the room aims for at an instant: override, else home away/hg, else the schedule. */
export function effectiveSetpoint(home: SimHome, room: SimRoom, epochMs: number): EffectiveSetpoint {
  const nowS = Math.floor(epochMs / 1000);
  const override = room.override;
  if (override && (override.endS === 0 || override.endS > nowS)) {
    return { mode: override.mode, temp: override.temp, startS: override.startS, endS: override.endS };
  }
  const schedule = selectedSchedule(home);
  const homeModeActive = home.thermMode !== 'schedule' && (home.thermModeEndS === 0 || home.thermModeEndS > nowS);
  if (homeModeActive && schedule) {
    const temp = home.thermMode === 'away' ? schedule.awayTemp : schedule.hgTemp;
    const startS = Math.max(home.thermModeStartS, override?.endS ?? 0);
    return { mode: home.thermMode, temp, startS, endS: home.thermModeEndS };
  }
  if (!schedule) return { mode: 'schedule', temp: AMBIENT_C, startS: 0, endS: 0 };
  const inForce = zoneInForce(schedule, epochMs, home.timezone);
  const temp = inForce.zone?.rooms.find((r) => r.id === room.id)?.temp ?? schedule.hgTemp;
  return { mode: 'schedule', temp, startS: inForce.startS, endS: inForce.endS };
}

/** One grid step of temperature: heat at a fixed rate toward the setpoint, else cool off. */
export function stepTemperature(temp: number, setpoint: number, dtMs: number, openWindow: boolean): number {
  const hours = dtMs / 3_600_000;
  if (openWindow) {
    return OPEN_WINDOW_TARGET_C + (temp - OPEN_WINDOW_TARGET_C) * Math.exp(-hours / OPEN_WINDOW_TIME_CONSTANT_H);
  }
  if (temp < setpoint - DEMAND_HYSTERESIS_C) {
    return Math.min(temp + HEATING_RATE_C_PER_H * hours, setpoint + 0.1);
  }
  const cooled = AMBIENT_C + (temp - AMBIENT_C) * Math.exp(-hours / COOLING_TIME_CONSTANT_H);
  // A controlled room never drifts far below its setpoint: the valve opens again.
  return Math.max(cooled, Math.min(temp, setpoint - 0.1));
}

export function demandsHeat(temp: number, setpoint: number, openWindow: boolean): boolean {
  return !openWindow && temp < setpoint - DEMAND_HYSTERESIS_C;
}

/** Valve opening the room asks for, 0–100 (valve demand, not boiler power: docs/netatmo.md#fields-and-quirks-seen-in-real-payloads). */
export function heatingPowerRequest(temp: number, setpoint: number, openWindow: boolean): number {
  if (openWindow) return 0;
  const gap = setpoint - temp;
  return gap <= 0 ? 0 : Math.min(100, Math.round(gap * 30));
}

export function batteryMv(module: SimModule, createdMs: number, epochMs: number): number | undefined {
  if (module.batteryMvAtStart === undefined) return undefined;
  const days = Math.max(0, epochMs - createdMs) / 86_400_000;
  return Math.round(module.batteryMvAtStart - (module.batteryDrainMvPerDay ?? 0) * days);
}

/** Netatmo's battery words; thresholds differ for 2×AA valves and 3×AAA thermostats. */
export function batteryState(type: SimModule['type'], mv: number): string {
  const thresholds = type === 'NRV' ? [3000, 2900, 2800, 2700] : [4000, 3700, 3500, 3300];
  const words = ['full', 'high', 'medium', 'low'];
  for (let i = 0; i < thresholds.length; i++) {
    const threshold = thresholds[i];
    if (threshold !== undefined && mv >= threshold) return words[i] ?? 'low';
  }
  return 'very_low';
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
