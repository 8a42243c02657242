// Netatmo timetables count minutes since Monday 00:00 in the home's local time zone
// (docs/netatmo.md#schedules). These pure helpers find the zone in force at an instant.
import type { SimSchedule, SimZone } from './world-types.js';

export const MINUTES_PER_WEEK = 7 * 24 * 60;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Fractional minutes since Monday 00:00 local time. */
export function minutesSinceMonday(epochMs: number, timezone: string): number {
  const parts = formatterFor(timezone).formatToParts(new Date(epochMs));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '0';
  const day = Math.max(0, WEEKDAYS.indexOf(get('weekday')));
  const seconds = Math.floor(epochMs / 1000) % 60;
  return day * 1440 + Number(get('hour')) * 60 + Number(get('minute')) + seconds / 60;
}

export interface ZoneInForce {
  zone: SimZone | undefined;
  /** Unix seconds when this timetable entry began and when the next one begins. */
  startS: number;
  endS: number;
}

export function zoneInForce(schedule: SimSchedule, epochMs: number, timezone: string): ZoneInForce {
  const entries = [...schedule.timetable].sort((a, b) => a.mOffset - b.mOffset);
  const nowS = Math.floor(epochMs / 1000);
  const first = entries[0];
  const last = entries[entries.length - 1];
  if (!first || !last) return { zone: undefined, startS: 0, endS: 0 };
  const minute = minutesSinceMonday(epochMs, timezone);
  // Before the week's first entry the last entry's zone is still in force (it wraps around).
  let current = last;
  let next = first;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry && entry.mOffset <= minute) {
      current = entry;
      next = entries[i + 1] ?? first;
    }
  }
  const sinceStart = (minute - current.mOffset + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  let untilNext = (next.mOffset - minute + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  if (untilNext === 0) untilNext = MINUTES_PER_WEEK;
  return {
    zone: schedule.zones.find((z) => z.id === current.zoneId),
    startS: Math.round(nowS - sinceStart * 60),
    endS: Math.round(nowS + untilNext * 60),
  };
}
