import { afterEach, describe, expect, it } from 'vitest';
import { NetatmoError } from '../../../src/netatmo/errors.js';
import type { TokenStatus } from '../../../src/netatmo/tokens.js';
import { makeTokens, storeWith } from '../../fakes/memory-store.js';
import { ok, oauthError, tokenAnswer } from '../../fakes/scripted-netatmo.js';
import { caught, freshTokens, startHarness, T0, type Harness } from './harness.js';

const HOME = { home: { id: 'home-1', rooms: [], modules: [] } };
let h: Harness | undefined;

afterEach(async () => {
  await h?.server.close();
  h = undefined;
});

/** A pair that expires in 2 minutes: inside the 5-minute refresh margin. */
const expiring = (suffix: string) => makeTokens(suffix, new Date(T0 + 2 * 60_000));

describe('TokenManager rotation', () => {
  it('persists the new pair before it is used and never reuses the old refresh token', async () => {
    h = await startHarness({ storedTokens: expiring('old') });
    const harness = h;
    h.server.enqueue('oauth2/token', tokenAnswer('new1'), tokenAnswer('new2'));
    const diskTokenWhenUsed: (string | undefined)[] = [];
    h.server.setDefault('homestatus', () => {
      diskTokenWhenUsed.push(harness.store.diskData.netatmo.tokens?.accessToken);
      return ok(HOME);
    });

    await h.client.homeStatus('home-1');
    const apiCall = h.server.requestsTo('homestatus')[0];
    expect(apiCall?.headers.authorization).toBe('Bearer access-new1');
    expect(diskTokenWhenUsed).toEqual(['access-new1']);
    expect(h.store.diskData.netatmo.tokens?.refreshToken).toBe('refresh-new1');
    expect(h.store.diskData.netatmo.tokens?.expiresAt).toBe(new Date(T0 + 10_800_000).toISOString());

    // Three hours later the next refresh must use the rotated token, not the original one.
    h.clock.advance(3 * 3_600_000);
    await h.client.homeStatus('home-1');
    expect(h.server.requestsTo('oauth2/token').map((r) => r.form.refresh_token)).toEqual(['refresh-old', 'refresh-new1']);
    expect(h.server.requestsTo('oauth2/token')[0]?.form).toMatchObject({ grant_type: 'refresh_token', client_id: 'test-client-id', client_secret: 'test-client-SECRET-9f8e7d' });
    expect(diskTokenWhenUsed).toEqual(['access-new1', 'access-new2']);
  });

  it('does not hand out the new token until the store has written it', async () => {
    h = await startHarness({ storedTokens: expiring('old') });
    h.server.enqueue('oauth2/token', tokenAnswer('new'));
    const release = h.store.holdWrites();
    let handedOut = false;
    const pending = h.tokens.getAccessToken().then((token) => {
      handedOut = true;
      return token;
    });
    await h.store.writeWaiting();
    expect(h.store.waitingWrites).toBe(1);
    expect(handedOut).toBe(false);
    release();
    expect(await pending).toBe('access-new');
    expect(h.store.diskData.netatmo.tokens?.accessToken).toBe('access-new');
  });

  it('does not refresh a token that is valid for more than 5 minutes', async () => {
    h = await startHarness({ storedTokens: freshTokens('stored', 6 * 60_000) });
    expect(await h.tokens.getAccessToken()).toBe('access-stored');
    expect(h.server.requestsTo('oauth2/token')).toHaveLength(0);
  });

  it('shares one refresh between concurrent callers (single-flight)', async () => {
    h = await startHarness({ storedTokens: expiring('old') });
    h.server.enqueue('oauth2/token', tokenAnswer('new1'), tokenAnswer('unexpected'));
    const results = await Promise.all(Array.from({ length: 5 }, () => h!.tokens.getAccessToken()));
    expect(results).toEqual(Array(5).fill('access-new1'));
    expect(h.server.requestsTo('oauth2/token')).toHaveLength(1);
    expect(h.store.writeCount).toBe(1);
  });

  it('refreshAfterRejection uses a newer stored token without refreshing', async () => {
    h = await startHarness({ storedTokens: freshTokens('current') });
    expect(await h.tokens.refreshAfterRejection('access-older')).toBe('access-current');
    expect(h.server.requestsTo('oauth2/token')).toHaveLength(0);
  });

  it('refreshAfterRejection refreshes when the rejected token is the current one', async () => {
    h = await startHarness({ storedTokens: freshTokens('current') });
    h.server.enqueue('oauth2/token', tokenAnswer('next'));
    expect(await h.tokens.refreshAfterRejection('access-current')).toBe('access-next');
    expect(h.server.requestsTo('oauth2/token').map((r) => r.form.refresh_token)).toEqual(['refresh-current']);
  });
});

describe('TokenManager invalid_grant', () => {
  it('re-reads the store and uses the pair another process rotated to', async () => {
    h = await startHarness({ storedTokens: expiring('mine') });
    h.store.writeFromOtherProcess((d) => {
      d.netatmo.tokens = freshTokens('other');
    });
    h.server.enqueue('oauth2/token', oauthError('invalid_grant'));
    expect(await h.tokens.getAccessToken()).toBe('access-other');
    expect(h.store.reloadCount).toBe(1);
    expect(h.server.requestsTo('oauth2/token')).toHaveLength(1);
    expect(h.tokens.status()).toBe('ok');
  });

  it('refreshes with the other process token when that one is also near expiry', async () => {
    h = await startHarness({ storedTokens: expiring('mine') });
    h.store.writeFromOtherProcess((d) => {
      d.netatmo.tokens = expiring('other');
    });
    h.server.enqueue('oauth2/token', oauthError('invalid_grant'), tokenAnswer('after-other'));
    expect(await h.tokens.getAccessToken()).toBe('access-after-other');
    expect(h.server.requestsTo('oauth2/token').map((r) => r.form.refresh_token)).toEqual(['refresh-mine', 'refresh-other']);
    expect(h.store.diskData.netatmo.tokens?.refreshToken).toBe('refresh-after-other');
  });

  it('with nothing newer: auth_required, and no more refresh calls until new tokens are stored', async () => {
    h = await startHarness({ storedTokens: expiring('dead') });
    const statuses: TokenStatus[] = [];
    h.tokens.onStatusChange((s) => statuses.push(s));
    h.server.setDefault('oauth2/token', oauthError('invalid_grant'));

    const first = await caught(() => h!.tokens.getAccessToken());
    expect(first).toBeInstanceOf(NetatmoError);
    expect((first as NetatmoError).kind).toBe('invalid_grant');
    expect((first as NetatmoError).message).toMatch(/reconnect Netatmo on the status page/);
    expect(h.tokens.status()).toBe('auth_required');
    expect(statuses).toEqual(['auth_required']);

    for (let i = 0; i < 3; i++) {
      const again = await caught(() => h!.client.homeStatus('home-1'));
      expect((again as NetatmoError).kind).toBe('invalid_grant');
    }
    expect(h.server.requestsTo('oauth2/token')).toHaveLength(1);
    expect(h.server.requestsTo('homestatus')).toHaveLength(0);

    await h.tokens.storeNewTokens(freshTokens('reconnected'));
    expect(h.tokens.status()).toBe('ok');
    expect(statuses).toEqual(['auth_required', 'ok']);
    expect(await h.tokens.getAccessToken()).toBe('access-reconnected');
  });

  it('leaves auth_required when another part of the bridge stores new tokens directly', async () => {
    h = await startHarness({ storedTokens: expiring('dead') });
    h.server.enqueue('oauth2/token', oauthError('invalid_grant'));
    await caught(() => h!.tokens.getAccessToken());
    expect(h.tokens.status()).toBe('auth_required');
    await h.store.update((d) => {
      d.netatmo.tokens = freshTokens('via-ui');
    });
    expect(h.tokens.status()).toBe('ok');
    expect(await h.tokens.getAccessToken()).toBe('access-via-ui');
  });

  it('treats invalid_client as needing new credentials, without retry loops', async () => {
    h = await startHarness({ storedTokens: expiring('t') });
    h.server.setDefault('oauth2/token', oauthError('invalid_client', 401));
    const error = (await caught(() => h!.tokens.getAccessToken())) as NetatmoError;
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/client id or client secret/);
    await caught(() => h!.tokens.getAccessToken());
    expect(h.server.requestsTo('oauth2/token')).toHaveLength(1);
    expect(h.tokens.status()).toBe('auth_required');
    await h.store.update((d) => {
      d.netatmo.credentials = { clientId: 'test-client-id', clientSecret: 'corrected-secret' };
    });
    expect(h.tokens.status()).toBe('ok');
  });
});

describe('TokenManager.connect', () => {
  it('waits for a refresh of the old account in flight: its pair never lands over the new connection', async () => {
    h = await startHarness({ storedTokens: expiring('old-account') });
    let answerRefresh: () => void = () => undefined;
    h.server.enqueue('oauth2/token', { ...tokenAnswer('old-rotated'), after: new Promise<void>((resolve) => (answerRefresh = resolve)) }, tokenAnswer('new-account'));
    const refresh = h.tokens.getAccessToken();
    await h.server.requestsArrived('oauth2/token');
    const newCredentials = { clientId: 'new-client', clientSecret: 'new-secret' };
    const connecting = h.tokens.connect(newCredentials, { kind: 'authorization_code', code: 'c', redirectUri: 'http://localhost' });
    // While the refresh is in flight the connect does not go to Netatmo (else the refresh's answer
    // could be saved after, and over, the new account's pair): nothing budgeted, nothing arrived
    // by the end of a round trip to the same server.
    expect(h.budget.snapshot().callsLastHour).toBe(1);
    await h.server.roundTrip();
    expect(h.server.requestsTo('oauth2/token').map((r) => r.form.grant_type)).toEqual(['refresh_token']);
    answerRefresh();
    expect(await refresh).toBe('access-old-rotated');
    const result = await connecting;
    expect(result).toMatchObject({ saved: true, notSavedBecause: null });
    expect(h.server.requestsTo('oauth2/token').map((r) => r.form.grant_type)).toEqual(['refresh_token', 'authorization_code']);
    expect(h.store.diskData.netatmo.tokens?.refreshToken).toBe('refresh-new-account');
    expect(h.store.diskData.netatmo.credentials).toEqual(newCredentials);
    expect(await h.tokens.getAccessToken()).toBe('access-new-account');
  });

  it('keeps a new connection in memory when the data file refuses it, and saves pair and credentials together later', async () => {
    h = await startHarness({ storedTokens: null });
    h.server.enqueue('oauth2/token', tokenAnswer('connected'));
    h.store.failWrites(2);
    const newCredentials = { clientId: 'new-client', clientSecret: 'new-secret' };
    const result = await h.tokens.connect(newCredentials, { kind: 'refresh_token', refreshToken: 'typed' });
    expect(result.saved).toBe(false);
    expect(h.tokens.isSaved()).toBe(false);
    expect(h.tokens.credentials()).toEqual(newCredentials);
    expect(h.store.diskData.netatmo.tokens).toBeNull();
    expect(await h.tokens.getAccessToken()).toBe('access-connected');
    expect(h.tokens.isSaved()).toBe(true);
    expect(h.store.diskData.netatmo).toMatchObject({ credentials: newCredentials, tokens: { refreshToken: 'refresh-connected' } });
  });
});

describe('TokenManager and the environment refresh token', () => {
  it('ignores NETATMO_REFRESH_TOKEN while the store holds tokens', async () => {
    h = await startHarness({ storedTokens: expiring('stored'), tokenOptions: { envRefreshToken: 'refresh-env' } });
    h.server.enqueue('oauth2/token', tokenAnswer('rotated'));
    expect(await h.tokens.getAccessToken()).toBe('access-rotated');
    expect(h.server.requestsTo('oauth2/token').map((r) => r.form.refresh_token)).toEqual(['refresh-stored']);
  });

  it('seeds an empty store from the env token, and a restart keeps using the rotated pair', async () => {
    h = await startHarness({ storedTokens: null, tokenOptions: { envRefreshToken: 'refresh-env' } });
    h.server.enqueue('oauth2/token', tokenAnswer('first'), tokenAnswer('second'));
    expect(await h.tokens.getAccessToken()).toBe('access-first');

    // "Restart": a new stack on the same store and the same (now dead) env token, 3 h later.
    const restarted = await startHarness({ store: h.store, server: h.server, tokenOptions: { envRefreshToken: 'refresh-env' } });
    restarted.clock.advance(3 * 3_600_000);
    expect(await restarted.tokens.getAccessToken()).toBe('access-second');
    expect(h.server.requestsTo('oauth2/token').map((r) => r.form.refresh_token)).toEqual(['refresh-env', 'refresh-first']);
  });

  it('reports not_configured without credentials or without any token', async () => {
    h = await startHarness({ store: storeWith(null, null) });
    expect(h.tokens.status()).toBe('not_configured');
    expect(((await caught(() => h!.tokens.getAccessToken())) as NetatmoError).kind).toBe('not_configured');
    const noToken = await startHarness({ store: storeWith(null), server: h.server });
    expect(noToken.tokens.status()).toBe('not_configured');
    const withEnv = await startHarness({ store: storeWith(null, null), server: h.server, tokenOptions: { envCredentials: { clientId: 'env-id', clientSecret: 'env-secret' }, envRefreshToken: 'r' } });
    expect(withEnv.tokens.status()).toBe('ok');
    expect(h.server.requests).toHaveLength(0);
  });
});

describe('TokenManager when the data file cannot be written', () => {
  it('keeps using the new pair from memory and saves it on the next request', async () => {
    h = await startHarness({ storedTokens: expiring('old') });
    h.server.enqueue('oauth2/token', tokenAnswer('new'));
    h.store.failWrites(2);
    expect(await h.tokens.getAccessToken()).toBe('access-new');
    expect(h.store.diskData.netatmo.tokens?.refreshToken).toBe('refresh-old');

    expect(await h.tokens.getAccessToken()).toBe('access-new');
    expect(h.store.diskData.netatmo.tokens?.refreshToken).toBe('refresh-new');
    expect(h.server.requestsTo('oauth2/token')).toHaveLength(1);
  });
});
