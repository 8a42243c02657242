// The LAN token throttle over real HTTP: wrong tokens from one address are slowed down, but a
// request with the right token is never throttled — clients behind one address (container NAT, a
// proxy) must not lock the hub out by guessing.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe('LAN token throttle', () => {
  it('answers the right token while wrong ones from the same address get 429', async () => {
    t = await startTestBridge();
    const url = t.bridge.url;
    const wrong = { authorization: 'Bearer not-the-token' };
    for (let i = 0; i < 10; i += 1) expect((await fetch(`${url}/api/v1/state`, { headers: wrong })).status).toBe(401);
    expect((await fetch(`${url}/api/v1/state`, { headers: wrong })).status).toBe(429);
    expect((await fetch(`${url}/api/v1/state`)).status).toBe(429);

    // The hub's poll (fast path) and an express route both still answer the right token.
    expect((await t.api('/api/v1/state')).status).toBe(200);
    expect((await t.api('/api/v1/pairing')).status).toBe(200);
    expect((await t.api('/api/v1/pairing/open', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    // … and the guesser is still slowed down.
    expect((await fetch(`${url}/api/v1/state`, { headers: wrong })).status).toBe(429);
  });
});
