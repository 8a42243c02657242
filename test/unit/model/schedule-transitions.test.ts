// The next timetable entry of a home's active heating schedule, in its local time zone.
import { describe, expect, it } from 'vitest';
import type { RawTopologyHome } from '../../../src/model/netatmo-raw.js';
import { nextScheduleTransition, timetableMinutes } from '../../../src/model/schedule-transitions.js';

function home(timetable: { zone_id: number; m_offset: number }[], timezone = 'Europe/Paris'): RawTopologyHome {
  return {
    id: 'h',
    timezone,
    schedules: [
      { id: 'cool', type: 'cooling', selected: true, timetable: [{ zone_id: 0, m_offset: 60 }] },
      { id: 'std', type: 'therm', selected: true, zones: [{ id: 0 }, { id: 1 }], timetable },
    ],
  };
}

// Monday 06:30 comfort, 22:30 night; Sunday 23:00 night (the same zone as Monday 00:00 would be).
const week = home([
  { zone_id: 1, m_offset: 1350 },
  { zone_id: 0, m_offset: 390 },
  { zone_id: 1, m_offset: 6 * 1440 + 1380 },
]);

describe('nextScheduleTransition', () => {
  it('finds the next entry in local time, strictly after the instant', () => {
    const monday0600 = Date.parse('2026-01-05T06:00:00+01:00');
    expect(nextScheduleTransition(week, monday0600)).toBe(Date.parse('2026-01-05T06:30:00+01:00'));
    expect(nextScheduleTransition(week, Date.parse('2026-01-05T06:30:00+01:00'))).toBe(Date.parse('2026-01-05T22:30:00+01:00'));
    expect(nextScheduleTransition(week, Date.parse('2026-01-05T06:29:59.500+01:00'))).toBe(Date.parse('2026-01-05T06:30:00+01:00'));
  });

  it('wraps around the end of the week and counts entries that repeat a zone (the shown end time changes)', () => {
    expect(nextScheduleTransition(week, Date.parse('2026-01-11T20:00:00+01:00'))).toBe(Date.parse('2026-01-11T23:00:00+01:00'));
    expect(nextScheduleTransition(week, Date.parse('2026-01-11T23:30:00+01:00'))).toBe(Date.parse('2026-01-12T06:30:00+01:00'));
    expect(timetableMinutes(week)).toEqual([390, 1350, 6 * 1440 + 1380]);
  });

  it('follows daylight saving time: 06:30 local is 04:30 UTC in summer, 05:30 in winter', () => {
    expect(nextScheduleTransition(week, Date.parse('2026-03-30T00:00:00+02:00'))).toBe(Date.parse('2026-03-30T04:30:00Z'));
    expect(nextScheduleTransition(week, Date.parse('2026-10-26T00:00:00+01:00'))).toBe(Date.parse('2026-10-26T05:30:00Z'));
    // The night of the change: Sunday 23:00 local comes after the clocks went back at 03:00.
    expect(nextScheduleTransition(week, Date.parse('2026-10-25T12:00:00+01:00'))).toBe(Date.parse('2026-10-25T22:00:00Z'));
  });

  it('is null without a timetable or with an unknown time zone', () => {
    expect(nextScheduleTransition(home([]), Date.UTC(2026, 0, 5))).toBeNull();
    expect(nextScheduleTransition(home([{ zone_id: 0, m_offset: 60 }], 'Mars/Olympus'), Date.UTC(2026, 0, 5))).toBeNull();
    expect(nextScheduleTransition({ id: 'h' }, Date.UTC(2026, 0, 5))).toBeNull();
  });
});
