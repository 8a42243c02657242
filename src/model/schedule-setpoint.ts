// The setpoint a room's heating schedule gives it at an instant, from homesdata: the active therm
// schedule's timetable (entries at minutes since Monday 00:00 in the home's local time, the last
// one of the week still in force before the first) and its zones' room temperatures
// (docs/netatmo.md "Schedules"). Pure; null whenever something needed is missing.
import type { RawSchedule, RawTopologyHome } from './netatmo-raw.js';
import { idOf } from './ids.js';
import { activeThermSchedule, thermSchedules } from './schedules.js';

const MINUTES_PER_DAY = 1440;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    } catch {
      return null; // a time zone this Node does not know
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whole minutes since Monday 00:00 in `timeZone`, or null for an unknown zone. */
export function minutesSinceMonday(epochMs: number, timeZone: string): number | null {
  const formatter = formatterFor(timeZone);
  if (!formatter) return null;
  const parts = formatter.formatToParts(new Date(epochMs));
  const value = (type: string): string | undefined => parts.find((p) => p.type === type)?.value;
  const day = WEEKDAYS.indexOf(value('weekday') ?? '');
  const hour = Number(value('hour'));
  const minute = Number(value('minute'));
  if (day < 0 || !Number.isFinite(hour) || !Number.isFinite(minute)) return null;
  return day * MINUTES_PER_DAY + hour * 60 + minute;
}

/** The zone id in force at `minute` of the week. */
function zoneIdAt(schedule: RawSchedule, minute: number): number | undefined {
  const entries = (schedule.timetable ?? [])
    .filter((e): e is { zone_id: number; m_offset: number } => typeof e.zone_id === 'number' && typeof e.m_offset === 'number')
    .sort((a, b) => a.m_offset - b.m_offset);
  let current = entries[entries.length - 1];
  for (const entry of entries) if (entry.m_offset <= minute) current = entry;
  return current?.zone_id;
}

export function scheduledSetpointC(topology: RawTopologyHome, roomId: string, epochMs: number): number | null {
  const schedule = activeThermSchedule(thermSchedules(topology.schedules));
  if (!schedule || typeof topology.timezone !== 'string') return null;
  const minute = minutesSinceMonday(epochMs, topology.timezone);
  if (minute === null) return null;
  const zoneId = zoneIdAt(schedule, minute);
  const zone = schedule.zones?.find((z) => z.id === zoneId);
  const temp = zone?.rooms?.find((r) => idOf(r.id) === roomId)?.therm_setpoint_temperature;
  return typeof temp === 'number' && Number.isFinite(temp) ? temp : null;
}
