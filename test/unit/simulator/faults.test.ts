import { afterEach, describe, expect, it } from 'vitest';
import { refresh, startHarness, type Harness, type Json } from './sim-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.sim.stop();
  h = undefined;
});

describe('simulator rate limits', () => {
  it('answers 429 code 26 at call 51 within 10 s, and again once the window has passed', async () => {
    h = await startHarness();
    for (let i = 1; i <= 50; i++) {
      const res = await h.api('homestatus', { home_id: h.homeId });
      expect(res.status, `call ${i}`).toBe(200);
      h.clock.tick(100);
    }
    const over = await h.api('homestatus', { home_id: h.homeId });
    expect(over.status).toBe(429);
    expect(over.json).toEqual({ error: { code: 26, message: 'User usage reached' } });
    h.clock.tick(10_000);
    expect((await h.api('homestatus', { home_id: h.homeId })).status).toBe(200);
    expect(h.sim.calls.list({ endpoint: 'homestatus' }).filter((c) => c.errorCode === 26)).toHaveLength(1);
  });

  it('enforces the hourly limit and can be switched off', async () => {
    h = await startHarness({ rateLimits: { per10s: 100, perHour: 5 } });
    for (let i = 0; i < 5; i++) {
      expect((await h.api('homesdata')).status).toBe(200);
      h.clock.tick(60_000);
    }
    expect((await h.api('homesdata')).json.error.code).toBe(26);
    h.clock.tick(3_600_000);
    // The 1-hour token lifetime is over too; api() refreshes and the window has emptied.
    expect((await h.api('homesdata')).status).toBe(200);
    await h.sim.stop();

    h = await startHarness({ rateLimits: false });
    for (let i = 0; i < 60; i++) expect((await h.api('homesdata')).status).toBe(200);
  });
});

describe('simulator faults', () => {
  it('server_error: 503 HTML by default, 500 JSON on request, limited by count', async () => {
    h = await startHarness();
    h.sim.faults.inject({ kind: 'server_error', count: 1 });
    const html = await h.api('homestatus', { home_id: h.homeId });
    expect(html.status).toBe(503);
    expect(html.text).toContain('<html>');
    expect((await h.api('homestatus', { home_id: h.homeId })).status).toBe(200);
    h.sim.faults.inject({ kind: 'server_error', httpStatus: 500, endpoints: ['homesdata'] });
    expect((await h.api('homestatus', { home_id: h.homeId })).status).toBe(200);
    const json = await h.api('homesdata');
    expect(json.status).toBe(500);
    expect(json.json.error.code).toBe(11);
    expect(h.sim.calls.list({ endpoint: 'homesdata' }).at(-1)).toMatchObject({ httpStatus: 500, errorCode: 11, fault: 'server_error' });
  });

  it('rate_limit, overloaded and token_expired answer Netatmo envelopes', async () => {
    h = await startHarness();
    h.sim.faults.inject({ kind: 'rate_limit', count: 1 });
    const limited = await h.rawApi('homesdata');
    expect([limited.status, limited.json.error.code]).toEqual([429, 26]);
    h.sim.faults.inject({ kind: 'overloaded', count: 1 });
    const overloaded = await h.rawApi('homesdata');
    expect(overloaded.status).toBe(429);
    expect(overloaded.json.error).toEqual({ code: 11, message: 'Failed to enter concurrency limited section' });
    h.sim.faults.inject({ kind: 'token_expired' });
    const expired = await h.rawApi('homesdata');
    expect([expired.status, expired.json.error.code]).toEqual([403, 3]);
    // token_expired defaults to a single request.
    expect((await h.rawApi('homesdata')).status).toBe(200);
  });

  it('malformed: HTTP 200 with JSON cut short', async () => {
    h = await startHarness();
    h.sim.faults.inject({ kind: 'malformed', endpoints: ['homestatus'], count: 1 });
    const res = await h.api('homestatus', { home_id: h.homeId });
    expect(res.status).toBe(200);
    expect(res.json).toBeUndefined();
    expect(() => JSON.parse(res.text) as unknown).toThrow();
  });

  it('relay_offline: homestatus 200 with errors code 6 and a bare home', async () => {
    h = await startHarness();
    h.sim.faults.inject({ kind: 'relay_offline' });
    const res = await h.api('homestatus', { home_id: h.homeId });
    expect(res.status).toBe(200);
    expect(res.json.body.errors).toEqual([{ code: 6, id: expect.stringMatching(/^70:ee:50/) }]);
    expect(res.json.body.home).toEqual({ id: h.homeId });
    expect((await h.api('homesdata')).json.body.homes).toHaveLength(1);
    h.sim.faults.clear();
    expect((await h.api('homestatus', { home_id: h.homeId })).json.body.home.rooms.length).toBeGreaterThan(0);
  });

  it('invalid_grant: the token endpoint refuses while it lasts', async () => {
    h = await startHarness();
    h.sim.faults.inject({ kind: 'invalid_grant', count: 1 });
    expect((await refresh(h.sim, h.refreshToken)).json).toEqual({ error: 'invalid_grant' });
    // The fault did not consume the real token.
    expect((await refresh(h.sim, h.refreshToken)).status).toBe(200);
  });

  it('durationMs ends a fault on the simulator clock', async () => {
    h = await startHarness();
    h.sim.faults.inject({ kind: 'server_error', durationMs: 60_000 });
    expect((await h.api('homesdata')).status).toBe(503);
    h.clock.tick(60_001);
    expect((await h.api('homesdata')).status).toBe(200);
  });

  it('hang: holds the request until stop() and then drops the socket', async () => {
    h = await startHarness();
    h.sim.faults.inject({ kind: 'hang', endpoints: ['homestatus'] });
    let settled = false;
    const pending = fetch(`${h.sim.url}/api/homestatus?home_id=${h.homeId}`, { headers: { authorization: `Bearer ${h.accessToken}` } }).finally(() => {
      settled = true;
    });
    // Other endpoints still answer while one request hangs.
    expect((await h.api('homesdata')).status).toBe(200);
    expect(settled).toBe(false);
    await h.sim.stop();
    await expect(pending).rejects.toThrow();
    expect(h.sim.calls.list({ endpoint: 'homestatus' })).toEqual([expect.objectContaining({ httpStatus: 0, fault: 'hang' })]);
  });
});

describe('simulator control routes', () => {
  it('injects and clears faults, lists calls and shows state over HTTP', async () => {
    h = await startHarness();
    const url = h.sim.url;
    const injected = await fetch(`${url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'rate_limit', endpoints: ['homesdata'] }) });
    expect(injected.status).toBe(201);
    expect((await h.api('homesdata')).status).toBe(429);
    const bad = await fetch(`${url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'meteor' }) });
    expect(bad.status).toBe(400);
    expect((await fetch(`${url}/__sim/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.api('homesdata')).status).toBe(200);

    const calls = (await (await fetch(`${url}/__sim/calls?endpoint=homesdata`)).json()) as Json;
    expect(calls.calls.map((c: Json) => c.httpStatus)).toEqual([429, 200]);
    const tokenCalls = (await (await fetch(`${url}/__sim/calls?endpoint=oauth2/token`)).json()) as Json;
    expect(JSON.stringify(tokenCalls)).not.toContain(h.refreshToken);
    expect(JSON.stringify(tokenCalls)).not.toContain(h.sim.clientSecret);

    const state = (await (await fetch(`${url}/__sim/state`)).json()) as Json;
    expect(state.homes[0]).toMatchObject({ id: h.homeId, name: 'Simulated home', thermMode: 'schedule' });
    expect(state.homes[0].rooms[0]).toHaveProperty('measuredTemperature');

    const token = (await (await fetch(`${url}/__sim/refresh-token`, { method: 'POST' })).json()) as Json;
    expect((await refresh(h.sim, token.refresh_token)).status).toBe(200);
    const before = h.sim.world.now();
    await fetch(`${url}/__sim/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 60_000 }) });
    expect(h.sim.world.now() - before).toBe(60_000);
  });
});
