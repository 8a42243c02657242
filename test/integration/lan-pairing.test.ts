// Pairing over HTTP: the window after the first start, closed → 403, opened by the CLI call
// (POST /api/v1/pairing/open with the LAN token) → the hub gets the token and is remembered.
import { afterEach, describe, expect, it } from 'vitest';
import { errorBodySchema, pairingStatusSchema, pairResultSchema } from '../../src/lan/contract-schemas.js';
import { requestPairingWindow } from '../../src/lan/pairing-client.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const pair = (tb: TestBridge): Promise<Response> => fetch(`${tb.bridge.url}/api/v1/pair`, { method: 'POST', headers: { 'user-agent': 'SmartThings hub' } });

describe('pairing', () => {
  it('hands out the token during the first-start window and records the hub', async () => {
    t = await startTestBridge();
    const res = await pair(t);
    expect(res.status).toBe(200);
    expect(pairResultSchema.parse(await res.json()).token).toBe(t.lanToken());
    expect(t.bridge.context.hubs.hubs()).toEqual([expect.objectContaining({ paired: true, userAgent: 'SmartThings hub' })]);
    expect(t.logs.text()).not.toContain(t.lanToken());
  });

  it('answers 403 pairing_closed outside the window; the CLI call opens it for 5 minutes', async () => {
    let clock = Date.now();
    const now = () => clock;
    t = await startTestBridge({ bridge: { now } });
    t.bridge.context.pairing.close();
    const closed = await pair(t);
    expect(closed.status).toBe(403);
    expect(errorBodySchema.parse(await closed.json()).error.code).toBe('pairing_closed');

    const status = pairingStatusSchema.parse(await (await t.api('/api/v1/pairing')).json());
    expect(status).toEqual({ open: false, closesAt: null, reason: null });
    // the CLI needs the LAN token
    await expect(requestPairingWindow(t.bridge.url, 'wrong-token-wrong-token')).rejects.toThrow(/LAN token is wrong/);
    const opened = await requestPairingWindow(t.bridge.url, t.lanToken());
    expect(opened).toEqual({ open: true, closesAt: new Date(clock + 5 * 60_000).toISOString() });
    expect((await pair(t)).status).toBe(200);

    clock += 5 * 60_000;
    expect((await pair(t)).status).toBe(403);
  });
});

describe('pairing is for the LAN only', () => {
  // A reverse proxy that forwards every path would otherwise hand the LAN token to anyone on the
  // internet during the pairing window (docs/security.md).
  it.each([
    ['X-Forwarded-For', '203.0.113.9'],
    ['Forwarded', 'for=203.0.113.9;proto=https'],
    ['X-Real-IP', '203.0.113.9'],
  ])('refuses a request relayed by a proxy (%s) with 403 pairing_lan_only and no token', async (header, value) => {
    t = await startTestBridge();
    const res = await fetch(`${t.bridge.url}/api/v1/pair`, { method: 'POST', headers: { [header]: value } });
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(errorBodySchema.parse(JSON.parse(body)).error.code).toBe('pairing_lan_only');
    expect(body).not.toContain(t.lanToken());
    expect(t.bridge.context.hubs.hubs()).toEqual([]);
  });
});
