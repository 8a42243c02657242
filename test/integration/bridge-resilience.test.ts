// The promises of the bridge core that users feel: a restart after token rotation keeps working,
// a Netatmo outage shows as degraded while the last state stays served and heals by itself, and
// no secret ever reaches a log line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { LogCapture, startTestBridge, type TestBridge } from '../helpers/bridge.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function track(bridge: Promise<TestBridge>, options: { keepData?: boolean } = {}): Promise<TestBridge> {
  const t = await bridge;
  cleanups.push(() => t.stop({ keepData: options.keepData, keepSimulator: true }));
  return t;
}

async function simulator(clock?: () => number): Promise<RunningSimulator> {
  const sim = await startSimulator({ rateLimits: false, clock });
  cleanups.push(() => sim.stop());
  return sim;
}

describe('token rotation across a restart', () => {
  it('keeps working with the rotated token from the data file although the env token is dead', async () => {
    const sim = await simulator();
    const envToken = sim.issueRefreshToken();
    const first = await startTestBridge({ existingSimulator: sim, refreshToken: envToken });
    expect((await first.bridge.context.poller.pollNow()).ok).toBe(true);
    const dataDir = first.dataDir;
    const stored = JSON.parse(await readFile(path.join(dataDir, 'bridge.json'), 'utf8')) as { netatmo: { tokens: { refreshToken: string } } };
    // Netatmo rotated the refresh token on the first refresh: the env one is dead now.
    expect(stored.netatmo.tokens.refreshToken).not.toBe(envToken);
    await first.bridge.stop();

    // Force a refresh on the next start: every access token expires while the bridge is down.
    sim.expireAccessTokens();
    const second = await track(startTestBridge({ existingSimulator: sim, dataDir, refreshToken: envToken }));
    const result = await second.bridge.context.poller.pollNow();
    expect(result.ok).toBe(true);
    expect(second.bridge.context.netatmoHealth().status).toBe('ok');
    const refreshes = sim.calls.list({ endpoint: 'oauth2/token' });
    // Two refreshes in all (first start, then after expiry), none of them refused.
    expect(refreshes.map((c) => c.httpStatus)).toEqual([200, 200]);
  });
});

describe('Netatmo outage', () => {
  it('turns degraded after three failures, keeps serving the last state, and recovers by itself', async () => {
    let clock = Date.parse('2026-11-26T08:00:00Z');
    const now = () => clock;
    const sim = await simulator(now);
    const t = await track(startTestBridge({ existingSimulator: sim, bridge: { now } }));
    const { poller } = t.bridge.context;
    expect((await poller.pollNow()).ok).toBe(true);
    const before = (await (await t.api('/api/v1/state')).json()) as { homes: { rooms: unknown[] }[] };

    sim.faults.inject({ kind: 'server_error', endpoints: ['homestatus'] });
    for (let i = 0; i < 3; i++) {
      clock += 61_000;
      const failed = await poller.pollNow();
      expect(failed.ok).toBe(false);
      expect(failed.error?.kind).toBe('server');
    }
    const during = (await (await t.api('/api/v1/state')).json()) as { netatmo: { status: string; lastError: { message: string } }; homes: { rooms: unknown[] }[] };
    expect(during.netatmo.status).toBe('degraded');
    expect(during.netatmo.lastError.message).toMatch(/Netatmo/);
    expect(during.homes).toEqual(before.homes);

    sim.faults.clear();
    // Failure back-off delays the next poll; the heartbeat polls again once it is over.
    clock += 60 * 60_000;
    const healed = await poller.tick();
    expect(healed?.ok).toBe(true);
    const after = (await (await t.api('/api/v1/state')).json()) as { netatmo: { status: string; consecutiveFailures: number } };
    expect(after.netatmo).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
  });

  it('reports down once the data is stale', async () => {
    let clock = Date.parse('2026-11-26T08:00:00Z');
    const now = () => clock;
    const sim = await simulator(now);
    const t = await track(startTestBridge({ existingSimulator: sim, bridge: { now }, env: { STALE_THRESHOLD_S: '300' } }));
    await t.bridge.context.poller.pollNow();
    sim.faults.inject({ kind: 'overloaded' });
    for (let i = 0; i < 4; i++) {
      clock += 120_000;
      await t.bridge.context.poller.pollNow();
    }
    const health = t.bridge.context.netatmoHealth();
    expect(health.stale).toBe(true);
    expect(health.status).toBe('down');
  });

  it('marks the home unreachable when the relay is offline, keeping the last values', async () => {
    const sim = await simulator();
    const t = await track(startTestBridge({ existingSimulator: sim }));
    await t.bridge.context.poller.pollNow();
    const home = t.bridge.context.state.homes[0]!;
    const homeId = home.id;
    sim.world.setRelayOnline(homeId, false);
    await t.bridge.context.poller.pollNow();
    const offline = t.bridge.context.state.home(homeId)!;
    expect(offline.reachable).toBe(false);
    expect(offline.rooms.map((r) => r.measuredC)).toEqual(home.rooms.map((r) => r.measuredC));
    expect(offline.rooms.every((r) => !r.reachable)).toBe(true);
    // A relay offline is not a Netatmo failure: the connection itself is fine.
    expect(t.bridge.context.netatmoHealth().status).toBe('ok');
  });
});

describe('secrets', () => {
  it('never writes a token, the client secret or the LAN token to the log', async () => {
    const sim = await simulator();
    const logs = new LogCapture();
    const envToken = sim.issueRefreshToken();
    const t = await track(startTestBridge({ existingSimulator: sim, refreshToken: envToken, logs }));
    await t.bridge.context.poller.pollNow();
    sim.expireAccessTokens();
    await t.bridge.context.poller.pollNow();
    await fetch(`${t.bridge.url}/api/v1/state`, { headers: { authorization: 'Bearer wrong-token-attempt' } });
    sim.revokeRefreshTokens();
    sim.expireAccessTokens();
    await t.bridge.context.poller.pollNow();
    expect(t.bridge.context.netatmoHealth().status).toBe('auth_required');

    const text = logs.text();
    expect(logs.lines.length).toBeGreaterThan(3);
    const data = t.bridge.context.store.data;
    const secrets = [sim.clientSecret, envToken, t.lanToken(), data.netatmo.tokens?.refreshToken, data.netatmo.tokens?.accessToken];
    for (const secret of secrets) {
      expect(secret).toBeTruthy();
      expect(text).not.toContain(secret!);
    }
  });
});
