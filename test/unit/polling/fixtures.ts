// Homes, homesdata and poll observations for the adaptive policy's unit tests. Times: the wall
// clock starts on Monday 2026-01-05 00:00 in Paris (UTC+1, no daylight saving change for weeks).
import type { RawTopologyHome } from '../../../src/model/netatmo-raw.js';
import type { Home, Room } from '../../../src/model/types.js';
import type { PollObservation, PollPolicyInput } from '../../../src/sync/poll-timing.js';
import type { PollResult } from '../../../src/sync/poller.js';

export const HOME_ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
export const MONDAY = Date.parse('2026-01-05T00:00:00+01:00');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Monday 07:00 comfort, Monday 22:00 night (local), and nothing else in the week. */
export function topology(timetable = [{ zone_id: 1, m_offset: 1320 }, { zone_id: 0, m_offset: 420 }]): RawTopologyHome {
  return {
    id: HOME_ID,
    timezone: 'Europe/Paris',
    schedules: [
      {
        id: 's1',
        type: 'therm',
        selected: true,
        zones: [
          { id: 0, rooms: [{ id: 'r1', therm_setpoint_temperature: 21 }] },
          { id: 1, rooms: [{ id: 'r1', therm_setpoint_temperature: 17 }] },
        ],
        timetable,
      },
    ],
  };
}

export function room(overrides: Partial<Room> = {}): Room {
  return {
    id: 'r1', name: 'Living room', kind: 'thermostat', reachable: true, measuredC: 20, setpointC: 21, setpointMode: 'schedule',
    setpointEndsAt: null, heating: false, heatingPowerRequest: null, openWindow: null, batteryPercent: 80, signal: 'good', modules: [],
    ...overrides,
  };
}

export function home(rooms: Room[] = [room()], overrides: Partial<Home> = {}): Home {
  return {
    id: HOME_ID, name: 'Home', reachable: true, mode: 'schedule', modeEndsAt: null, schedules: [{ id: 's1', name: 'Standard', selected: true }],
    defaultOverrideMinutes: 180, awayTempC: 12, frostguardTempC: 7, requiresSetState: false, timezone: 'Europe/Paris', rooms, error: null,
    ...overrides,
  };
}

const OK: PollResult = { ok: true, startedAt: 0, durationMs: 0, changed: false, deferred: false };

export interface PollInput {
  /** Monotonic ms at which the poll started and ended (a poll takes no time here unless given). */
  at: number;
  durationMs?: number;
  /** Wall clock at the end of the poll; default: the monotonic time (the clocks agree). */
  wallAt?: number;
  previous: Home[];
  homes: Home[];
  topology?: RawTopologyHome;
  callsLastHour?: number;
  budgetPerHour?: number;
  intervalMs?: number;
  answered?: string[];
}

export function pollInput(p: PollInput): PollPolicyInput {
  const endedAt = p.at + (p.durationMs ?? 0);
  const observation: PollObservation = {
    startedAt: p.at,
    wallAt: p.wallAt ?? endedAt,
    previous: p.previous,
    homes: p.homes,
    answered: new Set(p.answered ?? p.homes.map((h) => h.id)),
    topology: () => p.topology ?? topology(),
    callsLastHour: p.callsLastHour ?? 0,
    budgetPerHour: p.budgetPerHour ?? 400,
  };
  return { endedAt, intervalMs: p.intervalMs ?? 60_000, result: OK, observation };
}
