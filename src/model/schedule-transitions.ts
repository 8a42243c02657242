// When a home's heating schedule next moves on, from homesdata: the active therm schedule's
// timetable counts minutes since Monday 00:00 in the home's local time, and each entry's zone stays
// in force until the next entry (the week's last entry wraps around to Monday). Every entry is a
// transition clients can see — a new setpoint, or at least a new end time of the current one —
// even when it repeats the zone before it. Pure; null whenever something needed is missing.
import type { RawTopologyHome } from './netatmo-raw.js';
import { activeThermSchedule, thermSchedules } from './schedules.js';
import { minutesSinceMonday } from './schedule-setpoint.js';

const MINUTE_MS = 60_000;
const MINUTES_PER_WEEK = 7 * 1440;
/** Daylight saving moves local time by an hour (a few zones by 30 min): the candidates to try. */
const DST_SHIFTS_MIN = [0, -60, 60, -30, 30];

/** The minutes of the week at which the active schedule's timetable has an entry (sorted, distinct). */
export function timetableMinutes(topology: RawTopologyHome): number[] {
  const schedule = activeThermSchedule(thermSchedules(topology.schedules));
  const minutes = (schedule?.timetable ?? [])
    .filter((e): e is { zone_id: number; m_offset: number } => typeof e.zone_id === 'number' && typeof e.m_offset === 'number')
    .map((e) => Math.floor(e.m_offset))
    .filter((m) => m >= 0 && m < MINUTES_PER_WEEK);
  return [...new Set(minutes)].sort((a, b) => a - b);
}

/**
 * The first instant strictly after `afterMs` (ms epoch) at which the active schedule reaches its
 * next timetable entry, or null (no timetable, unknown time zone). Around a daylight-saving change
 * the local minute is checked and the instant moved by the shift when needed.
 */
export function nextScheduleTransition(topology: RawTopologyHome, afterMs: number): number | null {
  const timeZone = topology.timezone;
  if (typeof timeZone !== 'string') return null;
  const changes = timetableMinutes(topology);
  const nowMinute = minutesSinceMonday(afterMs, timeZone);
  if (changes.length === 0 || nowMinute === null) return null;
  const minuteStart = afterMs - (((afterMs % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  let best: number | null = null;
  for (const minute of changes) {
    // Distance in local minutes; 0 means this minute began already, so the next one is a week on.
    const ahead = (minute - nowMinute + MINUTES_PER_WEEK) % MINUTES_PER_WEEK || MINUTES_PER_WEEK;
    const at = settleOnLocalMinute(minuteStart + ahead * MINUTE_MS, minute, timeZone, afterMs);
    if (best === null || at < best) best = at;
  }
  return best;
}

function settleOnLocalMinute(candidate: number, minute: number, timeZone: string, afterMs: number): number {
  for (const shift of DST_SHIFTS_MIN) {
    const at = candidate + shift * MINUTE_MS;
    if (at > afterMs && minutesSinceMonday(at, timeZone) === minute) return at;
  }
  // A local time that does not exist (skipped by a spring-forward): the schedule switches when
  // the clock jumps over it, which the unshifted estimate is close enough to.
  return candidate;
}
