// Home-level values that come from homesdata schedules (docs/netatmo.md#schedules and
// docs/netatmo.md#fields-and-quirks-seen-in-real-payloads).
import type { RawSchedule } from './netatmo-raw.js';
import type { Schedule } from './types.js';
import { compareByNameThenId } from './sort.js';

/** openHAB's documented defaults when a schedule lacks them (openHAB EnergyApi.java). */
export const DEFAULT_AWAY_TEMP_C = 12;
export const DEFAULT_FROSTGUARD_TEMP_C = 7;

/** Heating schedules only: cooling / auto / event / electricity schedules are not ours. */
export function thermSchedules(schedules: readonly RawSchedule[] | undefined): RawSchedule[] {
  if (!schedules) return [];
  return schedules.filter((s) => s.type === 'therm' && typeof s.id === 'string' && s.id !== '');
}

/**
 * The therm schedule whose away / frost-guard temperatures apply. Several schedules can be
 * selected at once (one per type), so the selected one is looked up among therm schedules only.
 * When no therm schedule is selected (a home currently in cooling mode, like pyatmo's MYHOME),
 * the default therm schedule, else the first one, still holds the heating temperatures.
 */
export function activeThermSchedule(therm: readonly RawSchedule[]): RawSchedule | undefined {
  return therm.find((s) => s.selected === true) ?? therm.find((s) => s.default === true) ?? therm[0];
}

export function toSchedules(therm: readonly RawSchedule[]): Schedule[] {
  return therm
    .map((s) => ({ id: s.id ?? '', name: s.name ?? s.id ?? '', selected: s.selected === true }))
    .sort(compareByNameThenId);
}

function temperatureOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export function awayTempOf(schedule: RawSchedule | undefined): number {
  return temperatureOr(schedule?.away_temp, DEFAULT_AWAY_TEMP_C);
}

export function frostguardTempOf(schedule: RawSchedule | undefined): number {
  return temperatureOr(schedule?.hg_temp, DEFAULT_FROSTGUARD_TEMP_C);
}
