// The household's hours of activity, learned over days from what the bridge observes: changes made
// in the Netatmo app (seen by polls) and commands sent through the bridge. One count per local
// hour of the day, in the home's time zone, decaying with a two-week half-life so a changed routine
// (a new job, the holidays) takes over within weeks. Nothing is assumed about when people are
// active: with few observations every hour weighs the same. Pure; kept in the data file.
import { minutesSinceMonday } from '../model/schedule-setpoint.js';

export const HOURS_PER_DAY = 24;
const DAY_MS = 86_400_000;
export const HALF_LIFE_DAYS = 14;
/**
 * Pseudo-count per hour (6 in all, half a day of a typical household's changes): with nothing
 * observed the hours weigh the same, and a day's observations already tilt them. Learning fast is
 * safe because the plan keeps every hour under the quiet ceiling (interval-plan.ts): an hour
 * wrongly taken for quiet still gets polls at least that often. In the freshness benchmark 1 per
 * hour left a fresh bridge near even polling for most of its first week (more changes waited).
 */
const PRIOR_PER_HOUR = 0.25;
/** Share of an hour's count each neighbouring hour gets (routines shift by an hour or so). */
const NEIGHBOUR_SHARE = 0.25;

export interface ActivityProfile {
  /** Decayed count of observed activity per local hour (0 = 00:00–01:00), as of `updatedAt`. */
  hours: number[];
  /** Wall clock (ms epoch) the counts are decayed to. */
  updatedAt: number;
}

export function emptyProfile(now: number): ActivityProfile {
  return { hours: new Array<number>(HOURS_PER_DAY).fill(0), updatedAt: now };
}

/** The local hour (0–23) of an instant in a time zone; UTC when the zone is unknown. */
export function localHour(wallMs: number, timeZone: string | null): number {
  const minute = timeZone ? minutesSinceMonday(wallMs, timeZone) : null;
  if (minute !== null) return Math.floor((minute % 1440) / 60);
  return new Date(wallMs).getUTCHours();
}

function decayed(profile: ActivityProfile, now: number): number[] {
  // A wall clock stepping backwards must not inflate old counts: never "un-decay".
  const days = Math.max(0, now - profile.updatedAt) / DAY_MS;
  const factor = 0.5 ** (days / HALF_LIFE_DAYS);
  return profile.hours.map((count) => count * factor);
}

/** The profile with one more observation at `wallMs`. */
export function recordActivity(profile: ActivityProfile, wallMs: number, timeZone: string | null): ActivityProfile {
  const hours = decayed(profile, wallMs);
  const hour = localHour(wallMs, timeZone);
  hours[hour] = (hours[hour] ?? 0) + 1;
  return { hours, updatedAt: Math.max(wallMs, profile.updatedAt) };
}

/** Observations the profile holds (decayed). */
export function observationCount(profile: ActivityProfile): number {
  return profile.hours.reduce((sum, count) => sum + count, 0);
}

/**
 * Relative activity per local hour, averaging 1: above 1 the household changes things more often
 * than on average at that hour. Counts are smoothed with the neighbouring hours (routines are
 * fuzzy by an hour or so) and shrunk towards even by a small pseudo-count; one odd night moves
 * some polls to 3 am until other observations outweigh it, never more than the hourly ceiling.
 */
export function hourlyWeights(profile: ActivityProfile): number[] {
  const n = HOURS_PER_DAY;
  const counts = profile.hours.length === n ? profile.hours : new Array<number>(n).fill(0);
  const smoothed = counts.map((_, h) => NEIGHBOUR_SHARE * (counts[(h + n - 1) % n] ?? 0) + (1 - 2 * NEIGHBOUR_SHARE) * (counts[h] ?? 0) + NEIGHBOUR_SHARE * (counts[(h + 1) % n] ?? 0));
  const total = smoothed.reduce((sum, c) => sum + c, 0) + PRIOR_PER_HOUR * n;
  return smoothed.map((c) => ((c + PRIOR_PER_HOUR) * n) / total);
}
