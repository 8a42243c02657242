// The adaptive default over real HTTP (the bridge polls the simulator, clients read the LAN API),
// on one fake clock: a poll follows the simulated home's schedule transition within seconds and a
// hub holding a long poll gets it at once; after a change made in the Netatmo app the polls come
// faster for a while; the state API says which policy runs and why the next poll comes.
import { afterEach, describe, expect, it } from 'vitest';
import { setRoomThermPoint } from '../../src/simulator/world-commands.js';
import { rigTracker, START, type FaultRig } from './fault-rig.js';

const rigs = rigTracker();
afterEach(() => rigs.stopAll());

const HOUR = 3_600_000;
/** START is Thursday 09:00 in Paris; the demo home's weekday schedule switches to comfort at 17:30. */
const COMFORT_AT = START + 8 * HOUR + 30 * 60_000;

/** homestatus calls at simulated times after `mark`. */
function homestatusTimes(rig: FaultRig, mark: number): number[] {
  return rig.sim.calls.list().slice(mark).filter((c) => c.endpoint === 'homestatus').map((c) => c.at);
}

describe('adaptive polling (default)', () => {
  it('polls a few seconds after the schedule changes, and a hub holding a long poll gets the new setpoint', async () => {
    const rig = await rigs.start();
    const state0 = await rig.state();
    expect(state0.netatmo).toMatchObject({ pollPolicy: 'adaptive' });
    // Shortly before the transition.
    rig.advance(COMFORT_AT - 3 * 60_000 - rig.now());
    await rig.tickFor(2 * 60_000);
    const before = await rig.state();
    const living = before.homes[0]!.rooms.find((r) => r.name === 'Living room')!;
    expect(living.setpointC).toBe(18); // eco until 17:30

    // A hub holds a long poll, answered at every change (temperatures too): it holds again until
    // the answer carries the comfort setpoint, and notes the simulated time it arrived.
    type Doc = { homes: { rooms: { id: string; setpointC: number }[] }[] };
    const hold = (etag: string) => rig.t.api('/api/v1/state?wait=60', { headers: { 'if-none-match': etag } });
    let etag = (await rig.t.api('/api/v1/state')).headers.get('etag')!;
    let held = hold(etag);
    let hubGotComfortAt: number | null = null;
    const mark = rig.mark();
    while (rig.now() < COMFORT_AT + 10_000) {
      await rig.tickFor(1_000);
      if (`"${rig.ctx.state.revision}"` === etag) continue;
      // The revision moved: the held read is answered now (no timer involved).
      const answer = await held;
      expect(answer.status).toBe(200);
      etag = answer.headers.get('etag')!;
      const doc = (await answer.json()) as Doc;
      if (hubGotComfortAt === null && doc.homes[0]!.rooms.find((r) => r.id === living.id)!.setpointC === 21) hubGotComfortAt = rig.now();
      held = hold(etag);
    }
    const polls = homestatusTimes(rig, mark);
    const first = polls.find((at) => at >= COMFORT_AT)!;
    expect(first - COMFORT_AT).toBeGreaterThanOrEqual(1_000);
    expect(first - COMFORT_AT).toBeLessThanOrEqual(6_000);
    // The hub had it in the same simulated second as the poll that read it.
    expect(hubGotComfortAt).not.toBeNull();
    expect(hubGotComfortAt! - first).toBeLessThanOrEqual(1_000);
    // Let the last held read end: the bridge answers it when it stops.
    void held.then((r) => r.arrayBuffer()).catch(() => undefined);
  });

  it('polls faster for a few minutes after a change made in the Netatmo app, and says why', async () => {
    const rig = await rigs.start();
    await rig.tickFor(10 * 60_000);
    const quiet = await rig.state();
    expect(['regular interval', 'quiet hours', 'active hours', 'expected measurement', 'after schedule change']).toContain(quiet.netatmo.pollReason);
    const quietInterval = quiet.netatmo.currentIntervalS;
    expect(quietInterval).toBeGreaterThanOrEqual(20);
    expect(quietInterval).toBeLessThanOrEqual(60);
    const markBefore = rig.mark();
    await rig.tickFor(3 * 60_000);
    const pollsBefore = homestatusTimes(rig, markBefore).length;

    // Someone sets a room in the Netatmo app.
    const room = quiet.homes[0]!.rooms[0]!;
    setRoomThermPoint(rig.sim.world, { home_id: rig.homeId, room_id: room.id, mode: 'manual', temp: '23' }, Math.floor(rig.now() / 1000));
    const markAfter = rig.mark();
    await rig.tickFor(3 * 60_000);
    const pollsAfter = homestatusTimes(rig, markAfter);
    expect(pollsAfter.length).toBeGreaterThan(pollsBefore + 3);
    const seen = await rig.state();
    expect(seen.homes[0]!.rooms[0]!).toMatchObject({ setpointMode: 'manual', setpointC: 23 });

    // Right after the change the gaps were short; they grow back to the regular interval.
    const gaps = pollsAfter.slice(1).map((at, i) => at - pollsAfter[i]!);
    expect(Math.min(...gaps)).toBeLessThanOrEqual(15_000);
    await rig.tickFor(5 * 60_000);
    const later = await rig.state();
    expect(later.netatmo.pollReason).not.toBe('after activity');
    expect(later.netatmo.currentIntervalS).toBeGreaterThanOrEqual(20);
  });

  it('POLL_POLICY=fixed keeps one poll per interval', async () => {
    const rig = await rigs.start({ env: { POLL_POLICY: 'fixed' } });
    const mark = rig.mark();
    await rig.tickFor(10 * 60_000);
    const polls = homestatusTimes(rig, mark);
    const gaps = polls.slice(1).map((at, i) => at - polls[i]!);
    expect(gaps.every((gap) => gap === 60_000)).toBe(true);
    expect((await rig.state()).netatmo).toMatchObject({ pollPolicy: 'fixed', pollReason: 'regular interval', currentIntervalS: 60 });
  });
});
