// Fault matrix, Netatmo side: outages, hangs, garbage and throttling. Each case runs a real bridge
// against the simulator over loopback HTTP on a fake clock and checks the four promises: the
// bridge recovers by itself (no restart), the hub keeps the last state, the health block says
// what is wrong in words, and the bridge does not hammer Netatmo while it waits.
import { afterEach, describe, expect, it } from 'vitest';
import { API_ENDPOINTS, rigTracker } from './fault-rig.js';

const rigs = rigTracker();
afterEach(() => rigs.stopAll());

describe('fault matrix: Netatmo failures', () => {
  it('5xx burst: one call per poll, growing back-off, degraded in words, last state kept, heals by itself', async () => {
    const rig = await rigs.start();
    const before = await rig.state();
    const since = rig.mark();
    const homesChanges: boolean[] = [];
    rig.ctx.state.onChange((change) => homesChanges.push(change.homesChanged));
    rig.sim.faults.inject({ kind: 'server_error', httpStatus: 503, endpoints: ['homestatus'], count: 5 });

    const gaps: number[] = [];
    let lastAt = rig.now();
    for (let i = 0; i < 5; i++) {
      lastAt = rig.now();
      const result = await rig.nextPoll();
      expect(result.ok).toBe(false);
      expect(result.error?.kind).toBe('server');
      gaps.push(rig.now() - lastAt);
    }
    lastAt = rig.now();
    const during = await rig.state();
    expect(during.netatmo.status).toBe('degraded');
    expect(during.netatmo.lastError?.message).toMatch(/Netatmo had a server problem \(HTTP 503\).*try again later/);
    expect(during.netatmo.backoffUntil).not.toBeNull();
    expect(during.homes).toEqual(before.homes);
    // Only health changes raised the revision (ok → degraded, and the hub link: this test's reads
    // are the only hub, and they pause longer than 5 minutes); the homes never changed.
    expect(during.revision).toBeGreaterThan(before.revision);
    expect(homesChanges.length).toBeGreaterThan(0);
    expect(homesChanges.every((homesChanged) => !homesChanged)).toBe(true);
    // Back-off doubles (30 s, 60 s, 120 s, 240 s …) and wins over the 60 s interval once longer.
    expect(gaps.slice(1)).toEqual([60_000, 60_000, 120_000, 240_000]);
    expect(rig.callsTo(['homestatus'], since)).toBe(5);

    const healed = await rig.nextPoll();
    expect(healed.ok).toBe(true);
    expect(rig.now() - lastAt).toBe(480_000);
    const healedAt = rig.now();
    const after = await rig.state();
    expect(after.netatmo).toMatchObject({ status: 'ok', consecutiveFailures: 0, backoffUntil: null, stale: false });
    expect(Date.parse(after.netatmo.lastSuccessAt ?? '')).toBe(healedAt);
    expect(rig.callsTo(['homestatus'], since)).toBe(6);
  });

  it('hang past the timeout: the poll gives up, says so, does not retry at once, and the next poll works', async () => {
    const rig = await rigs.start({ netatmoTimeoutMs: 250 });
    const before = await rig.state();
    const since = rig.mark();
    rig.sim.faults.inject({ kind: 'hang', endpoints: ['homestatus'], count: 1 });

    const hung = await rig.ctx.poller.pollNow();
    expect(hung.ok).toBe(false);
    expect(hung.error?.kind).toBe('timeout');
    const during = await rig.state();
    expect(during.netatmo.lastError?.message).toMatch(/Netatmo did not answer within 0\.3 s \(homestatus\); the bridge will try again later/);
    expect(during.homes).toEqual(before.homes);
    // The bridge is still fully responsive while Netatmo hangs, and no second request went out.
    expect(rig.callsTo(['homestatus'], since)).toBe(1);
    expect(rig.ctx.poller.isPolling).toBe(false);

    const healed = await rig.nextPoll();
    expect(healed.ok).toBe(true);
    expect((await rig.state()).netatmo).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    expect(rig.callsTo(['homestatus'], since)).toBe(2);
  });

  it('malformed JSON: reported as unreadable, state kept, the next poll recovers', async () => {
    const rig = await rigs.start();
    const before = await rig.state();
    const homesChanges: boolean[] = [];
    rig.ctx.state.onChange((change) => homesChanges.push(change.homesChanged));
    rig.sim.faults.inject({ kind: 'malformed', endpoints: ['homestatus'], count: 2 });

    for (let i = 0; i < 2; i++) {
      const result = await rig.nextPoll();
      expect(result.ok).toBe(false);
      expect(result.error?.kind).toBe('malformed');
    }
    const during = await rig.state();
    expect(during.netatmo.lastError?.message).toMatch(/Netatmo sent an answer the bridge could not read \(homestatus/);
    expect(during.netatmo.consecutiveFailures).toBe(2);
    expect(during.homes).toEqual(before.homes);
    // Two failures are noise: the status stays ok and the homes did not change (only the hub link
    // — this test's own reads — may move the revision).
    expect(during.netatmo.status).toBe('ok');
    expect(homesChanges.every((homesChanged) => !homesChanged)).toBe(true);

    expect((await rig.nextPoll()).ok).toBe(true);
    expect((await rig.state()).netatmo).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
  });

  it('code 26 storm: ≥ 30 min of silence (polls AND commands), doubling back-off, budget respected, recovery', async () => {
    const rig = await rigs.start();
    const before = await rig.state();
    const stormStart = rig.now();
    rig.sim.faults.inject({ kind: 'rate_limit' });

    const first = await rig.nextPoll();
    expect(first.error?.kind).toBe('rate_limited');
    const firstAt = rig.now();
    const health = rig.ctx.netatmoHealth();
    expect(Date.parse(health.backoffUntil ?? '')).toBeGreaterThanOrEqual(firstAt + 30 * 60_000);
    expect(health.lastError?.message).toMatch(/usage limit of this account was reached; the bridge pauses its requests for at least 30 minutes/);

    // A user command during the lock-out is refused locally (429 with Retry-After), not sent.
    const room = before.homes[0]!.rooms[0]!;
    const command = await rig.t.api(`/api/v1/homes/${rig.homeId}/rooms/${room.id}/setpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ temperatureC: 21 }),
    });
    expect(command.status).toBe(429);
    expect(Number(command.headers.get('retry-after'))).toBeGreaterThan(25 * 60);
    expect(((await command.json()) as { error: { message: string } }).error.message).toMatch(/usage limit/);

    // The heartbeat ticks every (simulated) 10 s for 29 minutes: nothing reaches Netatmo.
    const callsAfterFirst = rig.sim.calls.count();
    await rig.tickFor(29 * 60_000, 10_000);
    expect(rig.sim.calls.count()).toBe(callsAfterFirst);

    // The storm goes on: the next try comes after the back-off and doubles it (60 min).
    const second = await rig.nextPoll();
    expect(second.error?.kind).toBe('rate_limited');
    expect(rig.now() - firstAt).toBeGreaterThanOrEqual(30 * 60_000);
    const secondAt = rig.now();
    expect(Date.parse(rig.ctx.netatmoHealth().backoffUntil ?? '')).toBeGreaterThanOrEqual(secondAt + 60 * 60_000);

    // Over the whole storm: at most one Netatmo call per back-off period.
    rig.sim.faults.clear();
    const healed = await rig.nextPoll();
    expect(healed.ok).toBe(true);
    expect(rig.now() - secondAt).toBeGreaterThanOrEqual(60 * 60_000);
    const stormCalls = rig.sim.calls.list({ since: stormStart }).filter((c) => API_ENDPOINTS.includes(c.endpoint) || c.endpoint === 'oauth2/token');
    expect(stormCalls.filter((c) => c.errorCode === 26)).toHaveLength(2);
    expect(rig.ctx.netatmoHealth()).toMatchObject({ status: 'ok', backoffUntil: null });
    const after = await rig.state();
    expect(after.homes[0]!.rooms.map((r) => r.id)).toEqual(before.homes[0]!.rooms.map((r) => r.id));
  });

  it('code 11 (busy, 429 and 500 envelopes): back-off, degraded in words, then recovery', async () => {
    const rig = await rigs.start();
    const before = await rig.state();
    const since = rig.mark();
    rig.sim.faults.inject({ kind: 'overloaded', endpoints: ['homestatus'], count: 2 });
    rig.sim.faults.inject({ kind: 'server_error', httpStatus: 500, endpoints: ['homestatus'], count: 1 });

    const kinds: string[] = [];
    for (let i = 0; i < 3; i++) kinds.push((await rig.nextPoll()).error?.kind ?? 'ok');
    expect(kinds).toEqual(['overloaded', 'overloaded', 'overloaded']);
    const during = await rig.state();
    expect(during.netatmo.status).toBe('degraded');
    expect(during.netatmo.lastError).toMatchObject({ code: 11 });
    expect(during.netatmo.lastError?.message).toMatch(/Netatmo is busy or had an internal error; the bridge will try again later/);
    expect(during.homes).toEqual(before.homes);
    expect(rig.callsTo(['homestatus'], since)).toBe(3);

    expect((await rig.nextPoll()).ok).toBe(true);
    expect((await rig.state()).netatmo).toMatchObject({ status: 'ok', consecutiveFailures: 0, backoffUntil: null });
  });
});
