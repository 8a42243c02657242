// The history chart spends Netatmo calls for anyone on the LAN, without sign-in: one client may
// cause only a few fetches an hour, and past that it gets what the bridge already has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_FETCHES_PER_CLIENT_PER_HOUR } from '../../src/web/history.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let clock = Date.parse('2026-11-26T10:00:00Z');
const now = () => clock;
let t: TestBridge;

beforeAll(async () => {
  t = await startTestBridge({ simulator: { clock: now }, bridge: { now } });
  expect((await t.bridge.context.poller.pollNow()).ok).toBe(true);
});

afterAll(async () => {
  await t.stop();
});

describe('history limits', () => {
  it('limits one client to a few Netatmo fetches an hour, then serves it from the cache', async () => {
    const home = t.bridge.context.state.homes[0]!;
    const charts = home.rooms.flatMap((room) => ['24h', '7d'].map((range) => `/history/${home.id}/${room.id}?range=${range}`));
    expect(charts.length).toBeGreaterThan(HISTORY_FETCHES_PER_CLIENT_PER_HOUR);
    const calls = () => t.simulator.calls.count('getroommeasure');

    for (const chart of charts.slice(0, HISTORY_FETCHES_PER_CLIENT_PER_HOUR)) expect((await fetch(`${t.bridge.url}${chart}`)).status).toBe(200);
    expect(calls()).toBe(HISTORY_FETCHES_PER_CLIENT_PER_HOUR);

    const refused = await fetch(`${t.bridge.url}${charts[HISTORY_FETCHES_PER_CLIENT_PER_HOUR]}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(calls()).toBe(HISTORY_FETCHES_PER_CLIENT_PER_HOUR);

    // Past the 10-minute freshness a chart this client already saw is served as it was.
    clock += 11 * 60_000;
    const again = await fetch(`${t.bridge.url}${charts[0]}`);
    expect(again.status).toBe(200);
    const body = (await again.json()) as { stale?: boolean; points: unknown[] };
    expect(body.stale).toBe(true);
    expect(body.points.length).toBeGreaterThan(0);
    expect(calls()).toBe(HISTORY_FETCHES_PER_CLIENT_PER_HOUR);

    // An hour later the client may fetch again.
    clock += 50 * 60_000;
    expect((await fetch(`${t.bridge.url}${charts[0]}`)).status).toBe(200);
    expect(calls()).toBe(HISTORY_FETCHES_PER_CLIENT_PER_HOUR + 1);
  });
});
