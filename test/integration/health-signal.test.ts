// Health is a time-driven signal: it changes while no poll runs (data ages during a code-26
// back-off, a hub stops polling), and every change must reach clients that poll with an ETag.
// After a start the bridge says `starting` and serves the last known state from the data file
// (marked stale) until the first poll ends.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { rigTracker, START, type StateBody } from './fault-rig.js';

const rigs = rigTracker();
const dirs: string[] = [];
const sims: RunningSimulator[] = [];
const bridges: TestBridge[] = [];
afterEach(async () => {
  await rigs.stopAll();
  for (const bridge of bridges.splice(0)) await bridge.stop({ keepSimulator: true, keepData: true });
  for (const sim of sims.splice(0)) await sim.stop();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('health reaches ETag pollers', () => {
  it('data turning stale during a code-26 back-off changes the revision though no poll runs', async () => {
    const rig = await rigs.start();
    rig.sim.faults.inject({ kind: 'rate_limit', count: 1 });
    const failed = await rig.nextPoll();
    expect(failed.error?.kind).toBe('rate_limited');
    const res = await rig.t.api('/api/v1/state');
    const etag = res.headers.get('etag')!;
    const during = (await res.json()) as { netatmo: { status: string; stale: boolean; backoffUntil: string | null } };
    expect(during.netatmo).toMatchObject({ status: 'ok', stale: false });
    expect(during.netatmo.backoffUntil).not.toBeNull();

    // 11 minutes of heartbeats, no poll (the back-off lasts 30 min): the data is now stale.
    const mark = rig.mark();
    const polls = await rig.tickFor(11 * 60_000);
    expect(polls).toEqual([]);
    expect(rig.callsTo(['homestatus', 'homesdata'], mark)).toBe(0);
    rig.advance(1000);
    const after = await rig.t.api('/api/v1/state', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const body = (await after.json()) as { revision: number; netatmo: { status: string; stale: boolean } };
    expect(body.netatmo).toMatchObject({ status: 'down', stale: true });
    expect(`"${body.revision}"`).not.toBe(etag);
  });

  it('the hub link lapsing changes the revision, with the homes unchanged', async () => {
    // Polls hourly (fixed): nothing but the hub link can change in the next minutes.
    const rig = await rigs.start({ env: { POLL_POLICY: 'fixed', POLL_INTERVAL_S: '3600', STALE_THRESHOLD_S: '86400' } });
    const changes: boolean[] = [];
    rig.ctx.state.onChange((change) => changes.push(change.homesChanged));
    await (await rig.t.api('/api/v1/state')).arrayBuffer();
    await rig.tickFor(2_000);
    const linked = await rig.t.api('/api/v1/state');
    const etag = linked.headers.get('etag')!;
    await linked.arrayBuffer();
    const before = changes.length;

    // No hub poll for 6 minutes: the hub link is gone.
    expect(await rig.tickFor(6 * 60_000)).toEqual([]);
    const res = await fetch(`${rig.t.bridge.url}/api/v1/state`, { headers: { authorization: `Bearer ${rig.t.lanToken()}`, 'if-none-match': etag } });
    expect(res.status).toBe(200);
    expect(changes.slice(before)).toEqual([false]);
  });
});

describe('after a start', () => {
  it('says starting and serves the saved homes, marked stale, until the first poll ends', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bridge-restart-'));
    dirs.push(dataDir);
    const now = (): number => START;
    const sim = await startSimulator({ rateLimits: false, clock: now });
    sims.push(sim);
    const first = await startTestBridge({ existingSimulator: sim, dataDir, bridge: { now } });
    expect((await first.bridge.context.poller.pollNow()).ok).toBe(true);
    const saved = (await (await first.api('/api/v1/state')).json()) as StateBody;
    expect(saved.homes.length).toBe(1);
    await first.stop({ keepData: true, keepSimulator: true });

    const second = await startTestBridge({ existingSimulator: sim, dataDir, bridge: { now } });
    bridges.push(second);
    const res = await second.api('/api/v1/state');
    const starting = (await res.json()) as StateBody;
    expect(starting.netatmo.status).toBe('starting');
    expect(starting.netatmo.stale).toBe(true);
    expect(starting.netatmo.lastSuccessAt).toBe(saved.netatmo.lastSuccessAt);
    expect(starting.homes.map((h) => h.id)).toEqual(saved.homes.map((h) => h.id));
    expect(starting.homes[0]!.rooms.map((r) => r.measuredC)).toEqual(saved.homes[0]!.rooms.map((r) => r.measuredC));

    expect((await second.bridge.context.poller.pollNow()).ok).toBe(true);
    const after = await second.api('/api/v1/state', { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as StateBody).netatmo).toMatchObject({ status: 'ok', stale: false });
  });

  it('a first start without data says starting, then down (not ok) when the first poll fails', async () => {
    const rig = await rigs.start({ firstPoll: false });
    const before = await rig.state();
    expect(before.netatmo).toMatchObject({ status: 'starting', lastSuccessAt: null });
    expect(before.homes).toEqual([]);
    rig.sim.faults.inject({ kind: 'server_error', count: 5 });
    expect((await rig.ctx.poller.pollNow()).ok).toBe(false);
    const after = await rig.state();
    expect(after.netatmo).toMatchObject({ status: 'down', stale: true, lastSuccessAt: null });
    expect(after.revision).toBeGreaterThan(before.revision);
  });
});
