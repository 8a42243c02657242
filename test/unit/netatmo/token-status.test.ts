// Reading the token status has no side effect: status() and lastError() only read, and listeners
// hear of a change when the manager acts or when checkStatus() looks (the health tick does).
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenStatus } from '../../../src/netatmo/tokens.js';
import { makeTokens } from '../../fakes/memory-store.js';
import { oauthError } from '../../fakes/scripted-netatmo.js';
import { caught, freshTokens, startHarness, T0, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.server.close();
  h = undefined;
});

async function blockedHarness(): Promise<{ h: Harness; statuses: TokenStatus[] }> {
  const harness = await startHarness({ storedTokens: makeTokens('dead', new Date(T0 + 2 * 60_000)) });
  harness.server.enqueue('oauth2/token', oauthError('invalid_grant'));
  const statuses: TokenStatus[] = [];
  harness.tokens.onStatusChange((s) => statuses.push(s));
  await caught(() => harness.tokens.getAccessToken());
  return { h: harness, statuses };
}

describe('TokenManager status', () => {
  it('status() shows a reconnect saved elsewhere at once but tells no listener; checkStatus() tells them once', async () => {
    const blocked = await blockedHarness();
    h = blocked.h;
    expect(blocked.statuses).toEqual(['auth_required']);
    await h.store.update((d) => {
      d.netatmo.tokens = freshTokens('via-ui');
    });

    expect(h.tokens.status()).toBe('ok');
    expect(h.tokens.status()).toBe('ok');
    expect(h.tokens.lastError()).toBeNull();
    expect(blocked.statuses).toEqual(['auth_required']);

    expect(h.tokens.checkStatus()).toBe('ok');
    expect(h.tokens.checkStatus()).toBe('ok');
    expect(blocked.statuses).toEqual(['auth_required', 'ok']);
  });

  it('while the block holds, status() and lastError() keep reporting it', async () => {
    const blocked = await blockedHarness();
    h = blocked.h;
    expect(h.tokens.status()).toBe('auth_required');
    expect(h.tokens.checkStatus()).toBe('auth_required');
    expect(h.tokens.lastError()?.kind).toBe('invalid_grant');
    expect(blocked.statuses).toEqual(['auth_required']);
  });
});
