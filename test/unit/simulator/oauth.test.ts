import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { manualClock, refresh, startHarness, tokenRequest, type Harness, type Json } from './sim-helpers.js';

let h: Harness | undefined;
let plain: RunningSimulator | undefined;
afterEach(async () => {
  await h?.sim.stop();
  await plain?.stop();
  h = undefined;
  plain = undefined;
});

describe('simulator OAuth: refresh grant', () => {
  it('answers like Netatmo, rotates both tokens and kills the old refresh token at once', async () => {
    h = await startHarness();
    const second = await refresh(h.sim, h.refreshToken);
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ scope: ['read_thermostat', 'write_thermostat'], expires_in: 10800, expire_in: 10800 });
    expect(second.json.refresh_token).not.toBe(h.refreshToken);
    expect(second.json.access_token).toMatch(/^[0-9a-f]{24}\|[0-9a-f]{32}$/);

    const reuse = await refresh(h.sim, h.refreshToken);
    expect(reuse).toEqual({ status: 400, json: { error: 'invalid_grant' } });

    // The rotated-away access token is dead too; the new one works.
    const old = await h.api('homesdata');
    expect(old.status).toBe(403);
    expect(old.json).toEqual({ error: { code: 2, message: 'Invalid access token' } });
    const fresh = await h.api('homesdata', {}, { token: second.json.access_token });
    expect(fresh.status).toBe(200);
  });

  it('refuses a wrong client secret, an unknown grant and a missing token', async () => {
    h = await startHarness();
    const wrong = await tokenRequest(h.sim, { grant_type: 'refresh_token', refresh_token: h.refreshToken, client_id: h.sim.clientId, client_secret: 'nope' });
    expect(wrong).toEqual({ status: 400, json: { error: 'invalid_client' } });
    const password = await tokenRequest(h.sim, { grant_type: 'password', client_id: h.sim.clientId, client_secret: h.sim.clientSecret });
    expect(password.json).toEqual({ error: 'unsupported_grant_type' });
    const missing = await tokenRequest(h.sim, { grant_type: 'refresh_token', client_id: h.sim.clientId, client_secret: h.sim.clientSecret });
    expect(missing.json).toEqual({ error: 'invalid_request' });
    // The refused attempts did not burn the token.
    expect((await refresh(h.sim, h.refreshToken)).status).toBe(200);
  });

  it('expires access tokens after their lifetime on the injected clock (code 3)', async () => {
    h = await startHarness({ accessTokenTtlS: 60 });
    expect((await h.api('homesdata')).status).toBe(200);
    h.clock.tick(61_000);
    const expired = await h.rawApi('homesdata');
    expect(expired.status).toBe(403);
    expect(expired.json.error).toEqual({ code: 3, message: 'Access token expired' });
  });

  it('expireAccessTokens() and revokeRefreshTokens() act on every token', async () => {
    h = await startHarness();
    h.sim.expireAccessTokens();
    expect((await h.rawApi('homesdata')).json.error.code).toBe(3);
    h.sim.revokeRefreshTokens();
    expect((await refresh(h.sim, h.refreshToken)).json).toEqual({ error: 'invalid_grant' });
    // A newly generated token still works.
    expect((await refresh(h.sim, h.sim.issueRefreshToken())).status).toBe(200);
  });

  it('answers 401 code 1 without a bearer and 403 code 2 for garbage', async () => {
    h = await startHarness();
    const none = await fetch(`${h.sim.url}/api/homesdata`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as Json).error.code).toBe(1);
    const garbage = await h.api('homesdata', {}, { token: 'not-a-token' });
    expect(garbage.status).toBe(403);
    expect(garbage.json.error.code).toBe(2);
  });

  it('refuses to listen on a non-loopback host', async () => {
    await expect(startSimulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});

describe('simulator OAuth: authorize step', () => {
  const redirectUri = 'http://localhost:5000/oauth/callback';

  async function allow(sim: RunningSimulator, scope = 'read_thermostat write_thermostat', decision = 'allow'): Promise<URL> {
    const res = await fetch(`${sim.url}/oauth2/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: sim.clientId, redirect_uri: redirectUri, scope, state: 'xyz', decision }),
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  it('shows a consent page, redirects with a single-use code that exchanges for tokens', async () => {
    plain = await startSimulator({ clock: manualClock().now });
    const query = new URLSearchParams({ client_id: plain.clientId, redirect_uri: redirectUri, scope: 'read_thermostat write_thermostat', state: 'xyz' });
    const page = await fetch(`${plain.url}/oauth2/authorize?${query.toString()}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Simulated Netatmo');
    expect(html).toContain('read_thermostat write_thermostat');
    expect(html).toMatch(/value="allow"/);

    const location = await allow(plain);
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f]{32}$/);

    const exchange = { grant_type: 'authorization_code', client_id: plain.clientId, client_secret: plain.clientSecret, code, redirect_uri: redirectUri, scope: 'read_thermostat write_thermostat' };
    const first = await tokenRequest(plain, exchange);
    expect(first.status).toBe(200);
    expect(first.json.scope).toEqual(['read_thermostat', 'write_thermostat']);
    const second = await tokenRequest(plain, exchange);
    expect(second).toEqual({ status: 400, json: { error: 'invalid_grant' } });

    const homes = await fetch(`${plain.url}/api/homesdata`, { headers: { authorization: `Bearer ${first.json.access_token}` } });
    expect(homes.status).toBe(200);
  });

  it('needs the same redirect_uri at the exchange and the right client', async () => {
    plain = await startSimulator();
    const code = (await allow(plain)).searchParams.get('code')!;
    const mismatch = await tokenRequest(plain, { grant_type: 'authorization_code', client_id: plain.clientId, client_secret: plain.clientSecret, code, redirect_uri: 'http://localhost:9999/other' });
    expect(mismatch.json).toEqual({ error: 'invalid_grant' });
  });

  it('redirects with error=access_denied on Deny, and refuses unknown clients and foreign redirects', async () => {
    plain = await startSimulator();
    const denied = await allow(plain, 'read_thermostat', 'deny');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('xyz');
    expect(denied.searchParams.has('code')).toBe(false);

    const unknown = await fetch(`${plain.url}/oauth2/authorize?client_id=someone-else&redirect_uri=${encodeURIComponent(redirectUri)}`);
    expect(unknown.status).toBe(400);
    const foreign = await fetch(`${plain.url}/oauth2/authorize?client_id=${plain.clientId}&redirect_uri=${encodeURIComponent('https://example.com/cb')}`);
    expect(foreign.status).toBe(400);
  });

  it('enforces scopes: a read-only grant gets code 13 on writes', async () => {
    plain = await startSimulator();
    const code = (await allow(plain, 'read_thermostat')).searchParams.get('code')!;
    const pair = await tokenRequest(plain, { grant_type: 'authorization_code', client_id: plain.clientId, client_secret: plain.clientSecret, code, redirect_uri: redirectUri });
    const headers = { authorization: `Bearer ${pair.json.access_token}` };
    const homeId = plain.world.homeIds()[0]!;
    const write = await fetch(`${plain.url}/api/setthermmode`, { method: 'POST', headers, body: new URLSearchParams({ home_id: homeId, mode: 'away' }) });
    expect(write.status).toBe(403);
    expect(((await write.json()) as Json).error.code).toBe(13);
  });
});
