// A whole bridge run at debug level — token refreshes (start, expiry, rejection), commands, a failed
// LAN auth carrying the real token, pairing, admin sign-in (wrong and right), an SSDP scan,
// a revoked login, metrics and shutdown — and not one secret in any captured log line.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { SsdpResponder } from '../../src/lan/ssdp.js';
import { moduleLogger } from '../../src/util/logger.js';
import { LogCapture, startTestBridge, type TestBridge } from '../helpers/bridge.js';

const ADMIN_PASSWORD = 'correct-horse-battery';
const LAN_TOKEN = 'lan-token-9f8e7d6c5b4a39281706';

describe('no secret in any log line', () => {
  let t: TestBridge | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('across refreshes, commands, failed auth, pairing, sign-in, scan, revocation and shutdown', async () => {
    const logs = new LogCapture();
    const seen = new Set<string>();
    t = await startTestBridge({ logs, env: { ADMIN_PASSWORD, LAN_TOKEN } });
    const { context } = t.bridge;
    const remember = () => {
      const tokens = context.store.data.netatmo.tokens;
      if (tokens) {
        seen.add(tokens.accessToken);
        seen.add(tokens.refreshToken);
      }
    };
    const envRefresh = t.config.netatmo.refreshToken;
    if (envRefresh) seen.add(envRefresh);
    seen.add(t.simulator.clientSecret);
    seen.add(ADMIN_PASSWORD);
    seen.add(LAN_TOKEN);

    // Start-up refresh and reads, then an expired access token (code 3 → refresh → retry).
    expect((await context.poller.pollNow()).ok).toBe(true);
    remember();
    t.simulator.expireAccessTokens();
    expect((await context.poller.pollNow()).ok).toBe(true);
    remember();
    expect(seen.size).toBeGreaterThanOrEqual(7);

    // A command over the LAN API.
    const home = context.state.homes[0];
    const room = home?.rooms[0];
    const command = await t.api(`/api/v1/homes/${home?.id}/rooms/${room?.id}/setpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ temperatureC: 21.5 }),
    });
    expect(command.status).toBe(200);

    // Failed LAN auth that carries the real token inside a wrong one; pairing hands out the token.
    expect((await fetch(`${t.bridge.url}/api/v1/state`, { headers: { authorization: `Bearer ${LAN_TOKEN}x` } })).status).toBe(401);
    context.pairing.open();
    const paired = (await (await fetch(`${t.bridge.url}/api/v1/pair`, { method: 'POST' })).json()) as { token?: string };
    expect(paired.token).toBe(LAN_TOKEN);

    // Admin sign-in: a wrong password (a near miss of the real one), then the right one.
    for (const password of [`${ADMIN_PASSWORD}!`, ADMIN_PASSWORD]) {
      const res = await fetch(`${t.bridge.url}/admin/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ password }),
        redirect: 'manual',
      });
      expect([303, 401]).toContain(res.status);
    }
    expect(logs.find('admin sign-in refused')).toHaveLength(1);

    // A hub's SSDP scan, unicast on loopback, answered by a responder logging into the same capture.
    const responder = new SsdpResponder({
      bindAddress: '127.0.0.1',
      port: 0,
      multicast: false,
      configuredHost: '127.0.0.1',
      httpPort: () => t?.bridge.port ?? 0,
      bridgeId: () => context.store.data.bridgeId,
      server: 'test',
      logger: moduleLogger(context.logger, 'ssdp'),
      maxDelayMs: 0,
    });
    const { port } = await responder.start();
    const client = dgram.createSocket('udp4');
    const reply = await new Promise<string>((resolve) => {
      client.once('message', (m) => resolve(m.toString('utf8')));
      client.send(
        ['M-SEARCH * HTTP/1.1', `HOST: 127.0.0.1:${port}`, 'MAN: "ssdp:discover"', 'MX: 1', 'ST: urn:netatmo-smartthings-bridge:device:bridge:1', '', ''].join('\r\n'),
        port,
        '127.0.0.1',
      );
    });
    client.close();
    await responder.stop();
    expect(reply).toContain('LOCATION: http://127.0.0.1:');

    // Metrics scrape, then the login is revoked: invalid_grant → auth_required.
    expect((await fetch(`${t.bridge.url}/metrics`)).status).toBe(200);
    t.simulator.revokeRefreshTokens();
    t.simulator.expireAccessTokens();
    expect((await context.poller.pollNow()).ok).toBe(false);
    expect(context.tokens.status()).toBe('auth_required');

    await t.bridge.stop();
    const text = logs.text();
    expect(logs.lines.length).toBeGreaterThan(10);
    for (const secret of seen) expect(text, `a secret (${secret.length} chars) is in the log`).not.toContain(secret);
  });
});
