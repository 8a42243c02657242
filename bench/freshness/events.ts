// The simulated week's changes, the same for every policy of a run (seeded):
// - app: people changing things in the Netatmo app — a Poisson number per day, each inside the
//   active hours with the given share, else in the other hours (uniform within them); what they
//   do (a setpoint, back to the schedule, boost, away, everything back to the schedule) is drawn
//   now and applied to the simulated account at its time;
// - schedule: every timetable entry of the home's schedule (from the simulator's own clock), and
//   the end of every override or away period the app changes start;
// - measurement: every module report (the simulator runs in module-reports mode).
// Only changes a client could see count (checked against the simulator before and after).
import { seededRandom, type Random } from '../../src/simulator/random.js';
import { selectedSchedule } from '../../src/simulator/physics.js';
import { zoneInForce } from '../../src/simulator/schedule-clock.js';
import { setRoomThermPoint, setThermMode } from '../../src/simulator/world-commands.js';
import type { SimWorld } from '../../src/simulator/world.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type EventClass = 'schedule' | 'app' | 'measurement';

/** One app change: when, and the draws that decide what it does. */
export interface AppChange {
  at: number;
  draws: [number, number, number, number];
}

function poisson(random: Random, mean: number): number {
  // Knuth; the means here are small.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

function pickHour(random: Random, windows: [number, number][]): number {
  const total = windows.reduce((sum, [a, b]) => sum + (b - a), 0);
  let x = random() * total;
  for (const [a, b] of windows) {
    if (x < b - a) return a + x;
    x -= b - a;
  }
  return windows[0]?.[0] ?? 0;
}

function complement(windows: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const [a, b] of [...windows].sort((x, y) => x[0] - y[0])) {
    if (a > from) out.push([from, a]);
    from = Math.max(from, b);
  }
  if (from < 24) out.push([from, 24]);
  return out;
}

/** App changes over `days` days from `localMidnight` (ms epoch of a local 00:00; no DST change inside). */
export function appChanges(seed: number, localMidnight: number, days: number, perDay: number, active: [number, number][], share: number): AppChange[] {
  const random = seededRandom(seed * 7919 + 17);
  const quiet = complement(active);
  const out: AppChange[] = [];
  for (let day = 0; day < days; day++) {
    const count = poisson(random, perDay);
    for (let i = 0; i < count; i++) {
      const inActive = quiet.length === 0 || (active.length > 0 && random() < share);
      const hour = pickHour(random, inActive ? active : quiet);
      let at = localMidnight + day * DAY + Math.floor(hour * 3600) * 1000;
      // Never on a whole minute: timetable entries fall there, and each change must be told apart.
      if (at % 60_000 === 0) at += 1000;
      out.push({ at, draws: [random(), random(), random(), random()] });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Every timetable entry of the home's selected schedule in [from, to). */
export function timetableEntries(world: SimWorld, homeId: string, from: number, to: number): number[] {
  const home = world.home(homeId);
  const out: number[] = [];
  let t = from;
  for (;;) {
    const schedule = selectedSchedule(home);
    if (!schedule) return out;
    const next = zoneInForce(schedule, t, home.timezone).endS * 1000;
    if (next >= to || next <= t) return out;
    out.push(next);
    t = next;
  }
}

/** Applies one app change to the simulated account (as the Netatmo app would). */
export function applyAppChange(world: SimWorld, homeId: string, change: AppChange, nowMs: number): void {
  const nowS = Math.floor(nowMs / 1000);
  const home = world.home(homeId);
  const rooms = world.rooms(homeId).filter((r) => r.kind !== 'other');
  const [kind, which, direction, size] = change.draws;
  const room = rooms[Math.floor(which * rooms.length)] ?? rooms[0];
  if (!room) return;
  const overridden = rooms.filter((r) => r.setpointMode !== 'schedule' && r.setpointMode !== 'away' && r.setpointMode !== 'hg');
  const setpoint = (): void => {
    const delta = (direction < 0.5 ? -1 : 1) * (0.5 + Math.floor(size * 4) * 0.5);
    const temp = Math.min(28, Math.max(7, Math.round((room.setpointTemperature + delta) * 2) / 2));
    setRoomThermPoint(world, { home_id: homeId, room_id: room.id, mode: 'manual', temp: String(temp) }, nowS);
  };
  if (kind < 0.55) return setpoint();
  if (kind < 0.7) {
    const target = overridden[Math.floor(which * overridden.length)];
    if (!target) return setpoint();
    setRoomThermPoint(world, { home_id: homeId, room_id: target.id, mode: 'home' }, nowS);
    return;
  }
  if (kind < 0.8) {
    const thermostat = rooms.find((r) => r.kind === 'thermostat');
    if (!thermostat) return setpoint();
    setRoomThermPoint(world, { home_id: homeId, room_id: thermostat.id, mode: 'max' }, nowS);
    return;
  }
  if (kind < 0.9 && home.thermMode === 'schedule') {
    const hours = 2 + Math.floor(size * 7);
    setThermMode(world, { home_id: homeId, mode: 'away', endtime: String(nowS + hours * 3600) }, nowS);
    return;
  }
  if (home.thermMode !== 'schedule' || overridden.length > 0) {
    setThermMode(world, { home_id: homeId, mode: 'schedule' }, nowS);
    return;
  }
  setpoint();
}

/** End times of overrides and away periods now in force (ms epoch). */
export function pendingEnds(world: SimWorld, homeId: string): number[] {
  const home = world.home(homeId);
  const ends = home.rooms.map((r) => (r.override?.endS ?? 0) * 1000).filter((t) => t > 0);
  if (home.thermMode !== 'schedule' && home.thermModeEndS > 0) ends.push(home.thermModeEndS * 1000);
  return ends;
}

/** What a client could see of the home's setpoints and modes, and of each room's temperature. */
export function observable(world: SimWorld, homeId: string): { setpoints: string; temps: Map<string, number> } {
  const rooms = world.rooms(homeId).filter((r) => r.kind !== 'other');
  const home = world.home(homeId);
  const setpoints = JSON.stringify([home.thermMode, home.thermModeEndS, ...rooms.map((r) => [r.id, r.setpointTemperature, r.setpointMode, r.setpointEndTime])]);
  return { setpoints, temps: new Map(rooms.map((r) => [r.id, r.measuredTemperature])) };
}
