// The poll schedule over real HTTP: a confirmation poll asked for during a running poll is kept,
// a success of a request sent before a code-26 lock-out does not end it, and a wall clock stepping
// backwards neither stops polling nor hides stale data.
import { afterEach, describe, expect, it } from 'vitest';
import { rigTracker } from './fault-rig.js';

const rigs = rigTracker();
afterEach(() => rigs.stopAll());

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('poll schedule', () => {
  it('a command during a running poll still gets its confirmation poll ~3 s later', async () => {
    const rig = await rigs.start();
    const room = rig.ctx.state.homes[0]!.rooms[0]!;
    rig.advance(60_000);
    rig.sim.faults.inject({ kind: 'hold', endpoints: ['homestatus'], count: 1 });
    const polling = rig.ctx.poller.tick();
    await expect.poll(() => rig.sim.faults.heldCount()).toBe(1);

    const res = await rig.t.api(`/api/v1/homes/${rig.homeId}/rooms/${room.id}/setpoint`, json({ temperatureC: 22.5 }));
    expect(res.status).toBe(200);
    rig.sim.faults.release();
    expect((await polling)?.ok).toBe(true);

    const mark = rig.mark();
    const polls = await rig.tickFor(5_000);
    expect(polls).toHaveLength(1);
    expect(rig.callsTo(['homestatus'], mark)).toBe(1);
  });

  it('a success of a request sent before code 26 does not end the lock-out', async () => {
    const rig = await rigs.start();
    const room = rig.ctx.state.homes[0]!.rooms[0]!;
    rig.advance(60_000);
    rig.sim.faults.inject({ kind: 'hold', endpoints: ['homestatus'], count: 1 });
    const polling = rig.ctx.poller.tick();
    await expect.poll(() => rig.sim.faults.heldCount()).toBe(1);

    // Sent after the poll's request: Netatmo answers code 26, the bridge must stop for 30 min.
    rig.sim.faults.inject({ kind: 'rate_limit', endpoints: ['setroomthermpoint'], count: 1 });
    const refused = await rig.t.api(`/api/v1/homes/${rig.homeId}/rooms/${room.id}/setpoint`, json({ temperatureC: 22 }));
    expect(refused.status).toBe(429);
    // The older homestatus request now succeeds.
    rig.sim.faults.release();
    expect((await polling)?.ok).toBe(true);

    const state = await rig.state();
    expect(state.netatmo.backoffUntil).not.toBeNull();
    const mark = rig.mark();
    const again = await rig.t.api(`/api/v1/homes/${rig.homeId}/rooms/${room.id}/setpoint`, json({ temperatureC: 21 }));
    expect(again.status).toBe(429);
    expect(await rig.tickFor(10 * 60_000, 5_000)).toEqual([]);
    expect(rig.callsTo(['homestatus', 'setroomthermpoint', 'homesdata'], mark)).toBe(0);
  });

  it('the wall clock stepping back an hour does not stop polling', async () => {
    const rig = await rigs.start();
    await rig.nextPoll();
    rig.stepWallClock(-60 * 60_000);
    const mark = rig.mark();
    const polls = await rig.tickFor(10 * 60_000);
    expect(polls.length).toBeGreaterThanOrEqual(9);
    expect(polls.every((p) => p.ok)).toBe(true);
    expect(rig.callsTo(['homestatus'], mark)).toBe(polls.length);
    const state = await rig.state();
    expect(state.netatmo).toMatchObject({ status: 'ok', stale: false });
    expect(state.netatmo.callsLastHour).toBeLessThan(40);
  });

  it('after the wall clock stepped back, failing polls still turn the data stale', async () => {
    const rig = await rigs.start();
    rig.stepWallClock(-60 * 60_000);
    rig.sim.faults.inject({ kind: 'server_error', endpoints: ['homestatus'] });
    // 11 minutes of failing polls: past the 10-minute stale threshold.
    await rig.tickFor(11 * 60_000);
    const state = await rig.state();
    expect(state.netatmo).toMatchObject({ status: 'down', stale: true });
  });
});
