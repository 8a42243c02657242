// Proof, multi-home account on fake time: three homes — one Netatmo refuses for the first hour
// (code 21, a shared home), one whose relay is offline throughout, one fine — polled by the real
// bridge against the simulator over loopback HTTP, with Netatmo's own rate limits on. The clock
// jumps straight to each due poll, so hours take seconds.
// Checks: the fine home never misses a poll (every round asks it, never more than one interval
// apart); calls stay within budget every hour; the refused home is marked with its own error and
// comes back by itself within 15 minutes of Netatmo letting it in; the relay-offline home keeps its
// last values and says why; the account is degraded only while a home is refused.
// MULTI_HOME_HOURS (default 3; 24 in npm run test:proof).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollResult } from '../../src/sync/poller.js';
import { startFaultRig, type FaultRig } from '../integration/fault-rig.js';

const HOURS = Number(process.env.MULTI_HOME_HOURS ?? 3);
const HOUR = 3_600_000;
const REFUSED_FOR_MS = HOUR;

let rig: FaultRig;
let fine = '';
let refused = '';
let offline = '';

beforeAll(async () => {
  rig = await startFaultRig({
    simulator: { scenario: 'multi-home', rateLimits: { per10s: 50, perHour: 500 } },
    setup: (sim) => {
      [fine, refused] = sim.world.homeIds() as [string, string];
      offline = sim.world.addHome('heating', 'Mountain hut');
      sim.world.setRelayOnline(offline, false);
      sim.faults.inject({ kind: 'refused', errorCode: 21, homeIds: [refused], durationMs: REFUSED_FOR_MS });
    },
  });
});
afterAll(() => rig.stop());

interface Round {
  at: number;
  result: PollResult;
  status: string;
  refusedReachable: boolean;
}

describe('proof: a multi-home account for hours', () => {
  it(`${HOURS} h: the fine home never misses a poll, calls stay within budget, the refused home comes back`, async () => {
    const ctx = rig.ctx;
    const start = rig.now();
    const end = start + HOURS * HOUR;
    const rounds: Round[] = [];
    let refusedBackAt: number | null = null;
    while (rig.now() < end) {
      const result = await rig.nextPoll();
      const health = ctx.netatmoHealth();
      const refusedHome = ctx.state.home(refused);
      rounds.push({ at: rig.now(), result, status: health.status, refusedReachable: refusedHome?.reachable ?? false });
      if (refusedBackAt === null && refusedHome?.reachable) refusedBackAt = rig.now();
      if (rig.now() - start > REFUSED_FOR_MS - 60_000 && rig.now() - start < REFUSED_FOR_MS) {
        // Just before the refusal ends: each home as clients see it.
        const state = await rig.state();
        const byId = new Map(state.homes.map((h) => [h.id, h]));
        expect(byId.get(refused)).toMatchObject({ reachable: false, error: { kind: 'bad_request', code: 21 } });
        expect(byId.get(offline)).toMatchObject({ reachable: false, error: { kind: 'relay_offline', code: 6 } });
        expect(byId.get(fine)).toMatchObject({ reachable: true, error: null });
        expect(state.netatmo.status).toBe('degraded');
      }
    }

    // Every round succeeded and asked the fine home; never more than one interval apart.
    expect(rounds.every((r) => r.result.ok)).toBe(true);
    const calls = rig.sim.calls.list();
    const fineCalls = calls.filter((c) => c.endpoint === 'homestatus' && c.params.home_id === fine && c.httpStatus === 200);
    expect(fineCalls.length).toBe(rounds.length + 1); // + the rig's first poll
    const intervalMs = ctx.poller.effectiveIntervalS() * 1000;
    const gaps = fineCalls.slice(1).map((c, i) => c.at - fineCalls[i]!.at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(intervalMs + 1000);

    // Budget: every hour within the bridge's own budget and Netatmo's; no code 26 ever.
    const perHour: number[] = [];
    for (let h = 0; h < HOURS; h++) {
      perHour.push(calls.filter((c) => c.endpoint !== 'webhook' && c.at >= start + h * HOUR && c.at < start + (h + 1) * HOUR).length);
    }
    perHour.forEach((count, hour) => {
      expect(count).toBeLessThanOrEqual(ctx.budget.perHour);
      // While refused: two homes every minute, the refused one with growing pauses, homesdata and a
      // token refresh. Afterwards three homes every minute plus homesdata and token refreshes.
      expect(count, `hour ${hour}`).toBeLessThanOrEqual(hour === 0 ? 2 * 60 + 12 : 3 * 60 + 5);
    });
    expect(calls.filter((c) => c.errorCode === 26)).toEqual([]);

    // The refused home: asked with growing pauses while refused, back within 15 min after.
    const refusedCalls = calls.filter((c) => c.endpoint === 'homestatus' && c.params.home_id === refused && c.at < start + REFUSED_FOR_MS);
    expect(refusedCalls.length).toBeLessThan(15);
    expect(refusedBackAt).not.toBeNull();
    expect(refusedBackAt! - (start + REFUSED_FOR_MS)).toBeLessThanOrEqual(15 * 60_000);
    // Degraded only while a home was refused; ok afterwards (a relay offline is not a failed poll).
    expect(rounds.filter((r) => r.at > refusedBackAt!).every((r) => r.status === 'ok')).toBe(true);
    expect(rounds.filter((r) => !r.refusedReachable).every((r) => r.status === 'degraded')).toBe(true);

    const offlineHome = ctx.state.home(offline)!;
    expect(offlineHome.reachable).toBe(false);
    expect(offlineHome.rooms.length).toBeGreaterThan(0);
    console.log(
      `multi-home proof: ${HOURS} h, ${rounds.length} rounds, fine-home gap max ${Math.max(...gaps) / 1000} s, calls/hour ${perHour.join(' / ')}, ` +
        `refused home asked ${refusedCalls.length}× in its hour, back ${(refusedBackAt! - start - REFUSED_FOR_MS) / 1000} s after Netatmo let it in`,
    );
  }, 120_000);
});
