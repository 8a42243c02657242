// What counts as someone changing something, and what Netatmo does by itself.
import { describe, expect, it } from 'vitest';
import { homeChangedByPerson, measurementsOf } from '../../../src/polling/observed-changes.js';
import { upcomingChanges } from '../../../src/polling/known-changes.js';
import { HOUR, MONDAY, home, room, topology } from './fixtures.js';

const at = MONDAY + 10 * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('changes made by people', () => {
  it('a setpoint, a mode, an away period set in the app, or another schedule is activity', () => {
    expect(homeChangedByPerson(home(), home([room({ setpointMode: 'manual', setpointC: 23, setpointEndsAt: iso(at + HOUR) })]), at)).toBe(true);
    const manual = home([room({ setpointMode: 'manual', setpointC: 23, setpointEndsAt: iso(at + HOUR) })]);
    expect(homeChangedByPerson(manual, home([room({ setpointMode: 'manual', setpointC: 22, setpointEndsAt: iso(at + HOUR) })]), at)).toBe(true);
    expect(homeChangedByPerson(home(), home([room({ setpointMode: 'away', setpointC: 12, setpointEndsAt: iso(at + 5 * HOUR) })]), at)).toBe(true);
    expect(homeChangedByPerson(home(), home(undefined, { schedules: [{ id: 's1', name: 'Standard', selected: false }, { id: 's2', name: 'Holidays', selected: true }] }), at)).toBe(true);
    // Cancelled before its end: a person did that.
    expect(homeChangedByPerson(manual, home(), at)).toBe(true);
  });

  it('the schedule moving on, and overrides or away periods ending on time, are not', () => {
    expect(homeChangedByPerson(home([room({ setpointC: 17 })]), home([room({ setpointC: 21, setpointEndsAt: iso(at + HOUR) })]), at)).toBe(false);
    const ending = home([room({ setpointMode: 'manual', setpointC: 23, setpointEndsAt: iso(at - 1000) })]);
    expect(homeChangedByPerson(ending, home(), at)).toBe(false);
    const awayEnding = home([room({ setpointMode: 'away', setpointC: 12, setpointEndsAt: iso(at + 30_000) })]);
    expect(homeChangedByPerson(awayEnding, home(), at)).toBe(false);
    // The home's own mode comes from homesdata, late: only its rooms are judged.
    expect(homeChangedByPerson(home(undefined, { mode: 'away' }), home(), at)).toBe(false);
  });

  it('temperatures are read from reachable rooms only', () => {
    expect(measurementsOf(home([room({ measuredC: 19.5 }), room({ id: 'r2', reachable: false, measuredC: null })]))).toEqual([{ roomKey: 'aaaaaaaaaaaaaaaaaaaaaaaa:r1', measuredC: 19.5 }]);
  });
});

describe('known changes', () => {
  it('schedule transitions in schedule mode, away ends and override ends, soonest first', () => {
    const after = MONDAY + 6 * HOUR;
    expect(upcomingChanges(home(), topology(), after)).toEqual([{ at: MONDAY + 7 * HOUR, kind: 'schedule' }]);
    const awayEnd = MONDAY + 8 * HOUR;
    expect(upcomingChanges(home(undefined, { mode: 'away', modeEndsAt: iso(awayEnd) }), topology(), after)).toEqual([{ at: awayEnd, kind: 'home_mode_end' }]);
    const overrideEnd = MONDAY + 6 * HOUR + 30 * 60_000;
    const changes = upcomingChanges(home([room({ setpointMode: 'boost', setpointEndsAt: iso(overrideEnd) }), room({ id: 'r2', setpointMode: 'off', setpointEndsAt: null })]), topology(), after);
    expect(changes).toEqual([{ at: overrideEnd, kind: 'room_override_end' }, { at: MONDAY + 7 * HOUR, kind: 'schedule' }]);
    expect(upcomingChanges(home(), undefined, after)).toEqual([]);
  });
});
