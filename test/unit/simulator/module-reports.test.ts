// The simulator's module-reports mode: a room's temperature changes only when one of its modules
// reports (each every 5–20 min at its own phase), reads the same whenever it is asked for, and the
// default mode is untouched (the temperature at the moment asked).
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { startSimulator } from '../../../src/simulator/index.js';
import { manualClock } from './sim-helpers.js';

const sims: RunningSimulator[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.stop();
});

async function sim(measurements?: 'continuous' | 'module-reports', seed = 3) {
  const clock = manualClock();
  const s = await startSimulator({ clock: clock.now, seed, rateLimits: false, ...(measurements ? { measurements } : {}) });
  sims.push(s);
  const homeId = s.world.homeIds()[0]!;
  const rooms = s.world.rooms(homeId).filter((r) => r.kind !== 'other');
  return { s, clock, homeId, rooms };
}

describe('simulator: module reports', () => {
  it('gives every heating module a period of 5 to 20 minutes and a phase, the same for the same seed', async () => {
    const a = await sim('module-reports');
    const b = await sim('module-reports');
    for (const room of a.rooms) {
      const schedules = a.s.world.reportSchedules(a.homeId, room.id);
      expect(schedules.length).toBe(room.moduleIds.length);
      for (const s of schedules) {
        expect(s.periodMs).toBeGreaterThanOrEqual(5 * 60_000);
        expect(s.periodMs).toBeLessThanOrEqual(20 * 60_000);
        expect(s.phaseMs).toBeGreaterThanOrEqual(0);
        expect(s.phaseMs).toBeLessThan(s.periodMs);
      }
      expect(schedules).toEqual(b.s.world.reportSchedules(b.homeId, room.id));
    }
  });

  it('changes a room\'s temperature only at its modules\' reports, the same value however late it is read', async () => {
    const { s, clock, homeId, rooms } = await sim('module-reports');
    // Make the rooms heat up so reports show new values.
    for (const room of rooms) s.world.setMeasuredTemperature(homeId, room.id, 12);
    const room = rooms[0]!;
    const [schedule] = s.world.reportSchedules(homeId, room.id);
    const start = clock.now();
    const first = schedule!.phaseMs + Math.ceil((start - schedule!.phaseMs) / schedule!.periodMs) * schedule!.periodMs;
    clock.set(first - 1000);
    const before = s.world.room(homeId, room.id).measuredTemperature;
    clock.set(first - 1);
    expect(s.world.room(homeId, room.id).measuredTemperature).toBe(before);
    clock.set(first);
    const reported = s.world.room(homeId, room.id).measuredTemperature;
    clock.set(first + schedule!.periodMs - 1);
    expect(s.world.room(homeId, room.id).measuredTemperature).toBe(reported);

    // Another simulator, read for the first time long after the same report: the same value.
    const late = await sim('module-reports');
    for (const r of late.rooms) late.s.world.setMeasuredTemperature(late.homeId, r.id, 12);
    late.clock.set(first + schedule!.periodMs - 1);
    expect(late.s.world.room(late.homeId, room.id).measuredTemperature).toBe(reported);
  });

  it('by default shows the temperature at the moment asked, as before', async () => {
    const { s, clock, homeId, rooms } = await sim();
    for (const room of rooms) s.world.setMeasuredTemperature(homeId, room.id, 12);
    const room = rooms[0]!;
    const values = new Set<number>();
    for (let i = 0; i < 30; i++) {
      clock.tick(60_000);
      values.add(s.world.room(homeId, room.id).measuredTemperature);
    }
    // Heating at 1.5 °C/h, read every minute for half an hour: more values than 5–20-minute reports could show.
    expect(values.size).toBeGreaterThan(5);
  });
});
