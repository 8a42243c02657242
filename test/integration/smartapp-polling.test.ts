// The SmartApp path under adaptive polling pushes the same changes as under the fixed interval,
// with no extra SmartThings calls: over the same simulated 80 minutes (a schedule transition, two
// changes made in the Netatmo app and their ends, module temperature reports), both runs post the
// same events to the same devices, request for request. Polling more often only finds the same
// changes sooner. The simulated account reports temperatures module by module (as real hardware
// does), and the scenario's changes to any one room lie more than a fixed poll interval apart, so
// the fixed policy sees each one on its own too (checked below, not assumed).
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { setRoomThermPoint } from '../../src/simulator/world-commands.js';
import { installApp, startCloudRig } from './smartapp-helpers.js';

const MINUTE = 60_000;
const START = Date.parse('2026-11-26T15:50:00Z'); // Thursday 16:50 in Paris
const END = START + 80 * MINUTE;
const TRANSITION = Date.parse('2026-11-26T16:30:00Z'); // 17:30 in Paris: the weekday comfort zone
const HOUR_MARKS = [Date.parse('2026-11-26T16:00:00Z'), Date.parse('2026-11-26T17:00:00Z')];
/** Changes to one room closer than this could share one fixed 60 s poll. */
const CLEARANCE = 75_000;

type Change = { at: number; roomId: string; temp: string; minutes: number };

/**
 * Replays the scenario on a simulator of its own (nothing the bridge does changes the simulated
 * home) and returns, per room, the instants at which what a client sees of it changed — or null
 * when a module's battery reading moves inside the window (a change at an unplanned moment).
 */
async function visibleChanges(seed: number, changes: Change[]): Promise<Map<string, number[]> | null> {
  let clock = START;
  const sim = await startSimulator({ seed, rateLimits: false, measurements: 'module-reports', clock: () => clock });
  try {
    const world = sim.world;
    const homeId = world.homeIds()[0]!;
    const view = (): Map<string, string> => new Map(world.rooms(homeId).filter((r) => r.kind !== 'other').map((r) => [r.id, JSON.stringify([r.measuredTemperature, r.setpointTemperature, r.setpointMode, r.setpointEndTime, r.heatingPowerRequest, r.demandsHeat])]));
    const battery = (): string => JSON.stringify(sim.world.home(homeId).modules.map((m) => Math.round(((m.batteryMvAtStart ?? 0) - (m.batteryDrainMvPerDay ?? 0) * ((clock - world.home(homeId).createdMs) / 86_400_000)))));
    const instants = new Set<number>([TRANSITION, ...HOUR_MARKS]);
    for (const room of world.rooms(homeId).filter((r) => r.kind !== 'other')) {
      for (const s of world.reportSchedules(homeId, room.id)) {
        for (let at = s.phaseMs + Math.ceil((START - s.phaseMs) / s.periodMs) * s.periodMs; at < END; at += s.periodMs) instants.add(at);
      }
    }
    for (const c of changes) instants.add(c.at).add(c.at + c.minutes * MINUTE);
    const batteryAtStart = battery();
    const out = new Map<string, number[]>();
    for (const at of [...instants].filter((t) => t > START && t < END).sort((a, b) => a - b)) {
      clock = at - 1;
      const before = view();
      clock = at;
      for (const c of changes.filter((x) => x.at === at)) setRoomThermPoint(world, { home_id: homeId, room_id: c.roomId, mode: 'manual', temp: c.temp, endtime: String(Math.floor(at / 1000) + c.minutes * 60) }, Math.floor(at / 1000));
      for (const [roomId, seen] of view()) if (before.get(roomId) !== seen) out.set(roomId, [...(out.get(roomId) ?? []), at]);
    }
    clock = END;
    return battery() === batteryAtStart ? out : null;
  } finally {
    await sim.stop();
  }
}

const apart = (instants: number[]): boolean => instants.every((t, i) => i === 0 || t - instants[i - 1]! >= CLEARANCE);

/** A seed and two app changes after which every room's visible changes lie at least CLEARANCE apart. */
async function findPlan(): Promise<{ seed: number; changes: Change[] }> {
  for (let seed = 1; seed <= 200; seed++) {
    const probe = await startSimulator({ seed, rateLimits: false, measurements: 'module-reports', clock: () => START });
    const homeId = probe.world.homeIds()[0]!;
    const rooms = probe.world.rooms(homeId).filter((r) => r.kind !== 'other');
    await probe.stop();
    const thermostat = rooms.find((r) => r.kind === 'thermostat')!;
    const valve = rooms.find((r) => r.kind === 'valve')!;
    for (let offset = 0; offset < 20 * MINUTE; offset += 97_000) {
      const changes: Change[] = [
        { at: START + 5 * MINUTE + offset, roomId: thermostat.id, temp: '23', minutes: 25 },
        { at: START + 42 * MINUTE + offset / 2, roomId: valve.id, temp: '16', minutes: 20 },
      ];
      // The simulator works its physics out lazily on a 5-minute grid: a change well after a grid
      // point is read by both runs on the same side of it.
      if (changes.some((c) => c.at % (5 * MINUTE) < CLEARANCE)) continue;
      const seen = await visibleChanges(seed, changes);
      if (seen && [...seen.values()].every(apart) && changes.every((c) => seen.get(c.roomId)?.includes(c.at))) return { seed, changes };
    }
  }
  throw new Error('no seed in 1–200 gives a scenario whose changes to one room lie apart; widen the search');
}

interface Run {
  /** externalId → every event batch posted after the install, in order. */
  posts: Map<string, unknown[][]>;
  stCalls: number;
  polls: number;
}

async function run(policy: 'fixed' | 'adaptive', plan: { seed: number; changes: Change[] }): Promise<Run> {
  let clock = START;
  const now = (): number => clock;
  const rig = await startCloudRig({ now, signWithClock: true, env: { POLL_POLICY: policy }, simulator: { clock: now, seed: plan.seed, measurements: 'module-reports' } });
  try {
    const { homeId } = await installApp(rig);
    const { context } = rig.t.bridge;
    await rig.t.bridge.settled();
    const before = new Map([...rig.st.events].map(([deviceId, batches]) => [deviceId, batches.length]));
    const callsBefore = rig.st.calls.length;
    const pollsBefore = rig.t.simulator.calls.count('homestatus');
    // As the Netatmo app would (a setpoint with an end), at the planned moments.
    const changes = plan.changes.map((c) => ({
      at: c.at,
      apply: () => setRoomThermPoint(rig.t.simulator.world, { home_id: homeId, room_id: c.roomId, mode: 'manual', temp: c.temp, endtime: String(Math.floor(c.at / 1000) + c.minutes * 60) }, Math.floor(c.at / 1000)),
    }));
    while (clock < END) {
      const due = Math.ceil(Math.max(clock + 1, context.poller.nextPollAt) / 1000) * 1000;
      const change = changes[0];
      if (change && change.at <= due) {
        clock = change.at;
        change.apply();
        changes.shift();
        continue;
      }
      clock = due;
      const revision = context.state.revision;
      await context.poller.tick();
      // Every push the change caused is done before time moves on.
      if (context.state.revision !== revision) await rig.t.bridge.settled();
    }
    await rig.t.bridge.settled();
    const externalOf = new Map([...rig.st.devices.values()].map((d) => [d.deviceId, d.app.externalId]));
    const posts = new Map<string, unknown[][]>();
    for (const [deviceId, batches] of rig.st.events) posts.set(externalOf.get(deviceId) ?? deviceId, batches.slice(before.get(deviceId) ?? 0));
    expect(rig.st.violations).toEqual([]);
    return { posts, stCalls: rig.st.calls.length - callsBefore, polls: rig.t.simulator.calls.count('homestatus') - pollsBefore };
  } finally {
    await rig.stop();
  }
}

describe('SmartApp pushes under adaptive polling', () => {
  it('are the same as under the fixed interval: the same events, no extra SmartThings calls', async () => {
    const plan = await findPlan();
    expect(plan.seed).toBeGreaterThan(0);
    const fixed = await run('fixed', plan);
    const adaptive = await run('adaptive', plan);
    // Adaptive polled more often …
    expect(adaptive.polls).toBeGreaterThan(fixed.polls);
    // … and SmartThings saw the very same pushes.
    expect([...adaptive.posts.keys()].sort()).toEqual([...fixed.posts.keys()].sort());
    for (const [device, batches] of fixed.posts) expect(adaptive.posts.get(device), device).toEqual(batches);
    expect(adaptive.stCalls).toBe(fixed.stCalls);
    // The scenario did change things: temperatures, the setpoints of both rooms, the schedule.
    const batches = [...fixed.posts.values()].flat();
    expect(batches.length).toBeGreaterThan(10);
  }, 120_000);
});
