// The bridge against the simulator over real HTTP: first poll, the state document, ETag / 304,
// auth, and revisions that rise only on change.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('state API', () => {
  it('serves the simulated home after the first poll, with ETag and 304', async () => {
    t = await startTestBridge();
    const result = await t.bridge.context.poller.pollNow();
    expect(result.ok).toBe(true);

    const res = await t.api('/api/v1/state');
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag');
    const doc = (await res.json()) as { revision: number; homes: { name: string; rooms: { kind: string }[] }[]; netatmo: { status: string; callsLastHour: number } };
    expect(etag).toBe(`"${doc.revision}"`);
    expect(doc.revision).toBeGreaterThan(0);
    expect(doc.homes).toHaveLength(1);
    expect(doc.homes[0]!.rooms.length).toBeGreaterThanOrEqual(4);
    expect(doc.homes[0]!.rooms.map((r) => r.kind)).toContain('thermostat');
    expect(doc.homes[0]!.rooms.map((r) => r.kind)).toContain('valves');
    expect(doc.netatmo.status).toBe('ok');
    // token refresh + homesdata + homestatus
    expect(doc.netatmo.callsLastHour).toBe(3);

    const notModified = await t.api('/api/v1/state', { headers: { 'if-none-match': etag! } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
  });

  it('refuses the state without the LAN token and with a wrong one', async () => {
    t = await startTestBridge();
    const none = await fetch(`${t.bridge.url}/api/v1/state`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const wrong = await fetch(`${t.bridge.url}/api/v1/state`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const body = await wrong.text();
    expect(body).not.toContain(t.lanToken());
  });

  it('describes itself without auth and answers /healthz', async () => {
    t = await startTestBridge();
    const desc = (await (await fetch(`${t.bridge.url}/api/v1/description`)).json()) as Record<string, unknown>;
    expect(desc).toEqual({ id: t.bridge.context.store.data.bridgeId, name: 'Netatmo Bridge', version: expect.any(String), api: 'v1', port: t.bridge.port });
    const health = await fetch(`${t.bridge.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('keeps the revision when a poll finds nothing new and raises it on a change', async () => {
    let clock = Date.parse('2026-11-26T10:00:00Z');
    const now = () => clock;
    t = await startTestBridge({ simulator: { clock: now }, bridge: { now } });
    await t.bridge.context.poller.pollNow();
    const first = t.bridge.context.state.revision;
    await t.bridge.context.poller.pollNow();
    expect(t.bridge.context.state.revision).toBe(first);

    // An hour of simulated time moves temperatures: the next poll must bump the revision once.
    clock += 60 * 60_000;
    await t.bridge.context.poller.pollNow();
    expect(t.bridge.context.state.revision).toBe(first + 1);
  });

  it('answers unknown API routes with a JSON 404 after auth', async () => {
    t = await startTestBridge();
    const res = await t.api('/api/v1/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
