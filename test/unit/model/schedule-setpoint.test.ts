// The schedule value of a room at an instant, from homesdata (timetable in the home's local time).
import { describe, expect, it } from 'vitest';
import type { RawTopologyHome } from '../../../src/model/netatmo-raw.js';
import { minutesSinceMonday, scheduledSetpointC } from '../../../src/model/schedule-setpoint.js';

const COMFORT = 0;
const NIGHT = 1;
const topology: RawTopologyHome = {
  id: 'h1',
  timezone: 'Europe/Paris',
  schedules: [
    { id: 'cool', type: 'cooling', selected: true, zones: [{ id: COMFORT, rooms: [{ id: '2746182631', therm_setpoint_temperature: 26 }] }], timetable: [{ zone_id: COMFORT, m_offset: 0 }] },
    {
      id: 'std',
      type: 'therm',
      selected: true,
      zones: [
        { id: COMFORT, rooms: [{ id: 2746182631, therm_setpoint_temperature: 21 }] },
        { id: NIGHT, rooms: [{ id: '2746182631', therm_setpoint_temperature: 16.5 }] },
      ],
      // Monday 07:00 comfort, Monday 22:00 night, Sunday 08:00 comfort — nothing before Monday 07:00.
      timetable: [
        { zone_id: COMFORT, m_offset: 420 },
        { zone_id: NIGHT, m_offset: 1320 },
        { zone_id: COMFORT, m_offset: 6 * 1440 + 480 },
      ],
    },
  ],
};

describe('scheduledSetpointC', () => {
  it('reads the active therm schedule at the local minute of the week (room ids as numbers or strings)', () => {
    // Monday 2026-01-05 09:00 UTC = 10:00 in Paris (winter): comfort.
    expect(scheduledSetpointC(topology, '2746182631', Date.UTC(2026, 0, 5, 9, 0))).toBe(21);
    // Monday 21:30 UTC = 22:30 in Paris: night.
    expect(scheduledSetpointC(topology, '2746182631', Date.UTC(2026, 0, 5, 21, 30))).toBe(16.5);
    // Summer time: Monday 2026-07-06 05:30 UTC = 07:30 in Paris: comfort.
    expect(scheduledSetpointC(topology, '2746182631', Date.UTC(2026, 6, 6, 5, 30))).toBe(21);
  });

  it('before the first entry of the week the last one (Sunday) is still in force', () => {
    // Monday 2026-01-05 05:00 Paris: Sunday 08:00 comfort still runs.
    expect(scheduledSetpointC(topology, '2746182631', Date.UTC(2026, 0, 5, 4, 0))).toBe(21);
    expect(minutesSinceMonday(Date.UTC(2026, 0, 5, 4, 0), 'Europe/Paris')).toBe(300);
  });

  it('is null when the room, the time zone or the schedule is unknown', () => {
    const at = Date.UTC(2026, 0, 5, 9, 0);
    expect(scheduledSetpointC(topology, 'other-room', at)).toBeNull();
    expect(scheduledSetpointC({ ...topology, timezone: 'Mars/Olympus' }, '2746182631', at)).toBeNull();
    expect(scheduledSetpointC({ ...topology, timezone: undefined }, '2746182631', at)).toBeNull();
    expect(scheduledSetpointC({ id: 'h1', timezone: 'Europe/Paris' }, '2746182631', at)).toBeNull();
  });
});
