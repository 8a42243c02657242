import { afterEach, describe, expect, it } from 'vitest';
import { NetatmoError } from '../../../src/netatmo/errors.js';
import { buildAuthorizeUrl, parseRedirectedUrl } from '../../../src/netatmo/oauth.js';
import { TEST_CREDENTIALS } from '../../fakes/memory-store.js';
import { oauthError, tokenAnswer } from '../../fakes/scripted-netatmo.js';
import { caught, startHarness, T0, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.server.close();
  h = undefined;
});

describe('buildAuthorizeUrl', () => {
  it('asks for the thermostat scopes with the given state and redirect', () => {
    const url = new URL(buildAuthorizeUrl({ apiUrl: 'https://api.netatmo.com/', clientId: 'cid', redirectUri: 'http://192.168.1.5:5000/setup/callback', state: 's-123' }));
    expect(url.origin + url.pathname).toBe('https://api.netatmo.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      redirect_uri: 'http://192.168.1.5:5000/setup/callback',
      scope: 'read_thermostat write_thermostat',
      state: 's-123',
    });
  });
});

describe('parseRedirectedUrl', () => {
  it('reads code and state from a full address, a query or a bare parameter string', () => {
    expect(parseRedirectedUrl(' http://localhost:5000/cb?state=abc&code=xyz ')).toEqual({ ok: true, code: 'xyz', state: 'abc' });
    expect(parseRedirectedUrl('?code=xyz&state=abc')).toEqual({ ok: true, code: 'xyz', state: 'abc' });
    expect(parseRedirectedUrl('code=xyz')).toEqual({ ok: true, code: 'xyz', state: null });
  });

  it('explains a refusal, an OAuth error and a missing code', () => {
    expect(parseRedirectedUrl('http://localhost/cb?error=access_denied&state=abc')).toMatchObject({ ok: false, reason: 'access_denied' });
    expect(parseRedirectedUrl('http://localhost/cb?error=invalid_scope')).toMatchObject({ ok: false, reason: 'oauth_error', message: expect.stringContaining('invalid_scope') });
    expect(parseRedirectedUrl('http://localhost/cb?state=abc')).toMatchObject({ ok: false, reason: 'missing_code' });
    expect(parseRedirectedUrl('   ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseRedirectedUrl('http://[bad')).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});

describe('TokenManager.connect with an authorization code', () => {
  it('posts the code with the client credentials and stores pair and credentials in one write (leaving auth_required)', async () => {
    h = await startHarness({ storedTokens: null });
    h.server.enqueue('oauth2/token', oauthError('invalid_grant'), tokenAnswer('from-code'));
    // Get into auth_required first: a dead env token.
    const dead = await startHarness({ store: h.store, server: h.server, tokenOptions: { envRefreshToken: 'dead' } });
    await caught(() => dead.tokens.getAccessToken());
    expect(dead.tokens.status()).toBe('auth_required');

    const writesBefore = h.store.writeCount;
    const { tokens: stored, saved } = await dead.tokens.connect(TEST_CREDENTIALS, { kind: 'authorization_code', code: 'the-code', redirectUri: 'http://localhost:5000/cb' });
    expect(saved).toBe(true);
    expect(h.store.writeCount).toBe(writesBefore + 1);
    expect(h.store.diskData.netatmo.credentials).toEqual(TEST_CREDENTIALS);
    expect(stored).toMatchObject({ accessToken: 'access-from-code', refreshToken: 'refresh-from-code', expiresAt: new Date(T0 + 10_800_000).toISOString() });
    expect(h.server.requestsTo('oauth2/token')[1]?.form).toEqual({
      grant_type: 'authorization_code',
      client_id: 'test-client-id',
      client_secret: 'test-client-SECRET-9f8e7d',
      code: 'the-code',
      redirect_uri: 'http://localhost:5000/cb',
      scope: 'read_thermostat write_thermostat',
    });
    expect(h.store.diskData.netatmo.tokens?.refreshToken).toBe('refresh-from-code');
    expect(dead.tokens.status()).toBe('ok');
  });

  it('reports a rejected code as a NetatmoError and stores nothing', async () => {
    h = await startHarness({ storedTokens: null });
    h.server.enqueue('oauth2/token', oauthError('invalid_grant'));
    const error = await caught(() => h!.tokens.connect(TEST_CREDENTIALS, { kind: 'authorization_code', code: 'used', redirectUri: 'http://localhost/cb' }));
    expect(error).toBeInstanceOf(NetatmoError);
    expect((error as NetatmoError).kind).toBe('invalid_grant');
    expect(h.store.writeCount).toBe(0);
  });
});
