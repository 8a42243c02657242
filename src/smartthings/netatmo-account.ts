// Connecting Netatmo from the SmartApp's first page: either the account the bridge already uses,
// or a client id / secret / refresh token typed in the SmartThings app, checked by a real token
// refresh through the token manager. Netatmo kills a refresh token the moment it is used, so the
// new pair is stored at once with the credentials (one write; kept in memory if the disk refuses)
// and the typed token is remembered (as a hash) as consumed, never refreshed a second time.
import { createHash } from 'node:crypto';
import type { BridgeContext } from '../context.js';
import { NetatmoError } from '../netatmo/errors.js';
import type { LowdbContextStore } from './context-store.js';
import type { NetatmoAccountAnswer } from './settings.js';

export interface AccountCheck {
  ok: boolean;
  message: string;
}

/** The SmartThings app waits for the page; a slow Netatmo must not make it time out. */
const CHECK_TIMEOUT_MS = 6_000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function connectNetatmoAccount(
  context: BridgeContext,
  contexts: LowdbContextStore,
  installedAppId: string,
  answer: NetatmoAccountAnswer,
): Promise<AccountCheck> {
  if (answer.useBridgeAccount) return bridgeAccountStatus(context);
  const { clientId, clientSecret, refreshToken } = answer;
  if (!clientId || !clientSecret || !refreshToken) {
    return { ok: false, message: 'Enter the client id, the client secret and a refresh token of your app at dev.netatmo.com (or use the account already connected to the bridge).' };
  }
  const hash = tokenHash(refreshToken);
  if (contexts.bridgeData(installedAppId).consumedRefreshTokenHash === hash) {
    return { ok: true, message: 'Netatmo accepted these credentials; the bridge keeps its tokens fresh itself.' };
  }
  try {
    const result = await context.tokens.connect({ clientId, clientSecret }, { kind: 'refresh_token', refreshToken }, { timeoutMs: CHECK_TIMEOUT_MS });
    // The typed token is dead now whatever happens next: never send it again.
    await contexts.updateBridgeData(installedAppId, (data) => ({ ...data, consumedRefreshTokenHash: hash })).catch(() => undefined);
    context.poller.markTopologyDirty();
    context.poller.pollSoon(0);
    context.logger.info({ installedAppId, saved: result.saved }, 'Netatmo account connected from the SmartApp');
    if (!result.saved) {
      return {
        ok: true,
        message: 'Netatmo accepted these credentials and the bridge uses this account, but it could not save them to its data file: they last only until the bridge restarts. Check the bridge\'s status page.',
      };
    }
    return { ok: true, message: 'Netatmo accepted these credentials. The bridge now uses this account.' };
  } catch (error) {
    const message = refusalMessage(error);
    context.logger.warn({ installedAppId, kind: error instanceof NetatmoError ? error.kind : 'unknown' }, `Netatmo account check failed: ${message}`);
    return { ok: false, message };
  }
}

function bridgeAccountStatus(context: BridgeContext): AccountCheck {
  switch (context.tokens.status()) {
    case 'ok':
      return context.tokens.isSaved()
        ? { ok: true, message: 'Using the Netatmo account already connected to this bridge.' }
        : { ok: true, message: 'Using the Netatmo account connected to this bridge, but its sign-in is not saved yet (the bridge cannot write its data file): check the bridge\'s status page.' };
    case 'auth_required':
      return { ok: false, message: 'The bridge must be reconnected to Netatmo: open its status page, or turn this option off and enter new credentials.' };
    case 'not_configured':
      return { ok: false, message: 'This bridge is not connected to Netatmo yet: turn this option off and enter your Netatmo app credentials.' };
    case 'moved':
      return { ok: false, message: 'This bridge\'s Netatmo connection was moved to another machine: install the SmartApp against the new bridge, or undo the move on this bridge\'s admin page.' };
  }
}

function refusalMessage(error: unknown): string {
  if (!(error instanceof NetatmoError)) return 'The check failed unexpectedly; try again.';
  switch (error.kind) {
    case 'invalid_grant':
      return 'Netatmo refused the refresh token: it is wrong or was already used (Netatmo accepts each refresh token once). Generate a new one at dev.netatmo.com.';
    case 'auth':
      return 'Netatmo refused the client id or client secret. Copy both again from your app at dev.netatmo.com.';
    case 'rate_limited':
    case 'overloaded':
      return 'Netatmo asks to slow down; wait a few minutes and try again.';
    case 'timeout':
    case 'network':
    case 'server':
      return 'Netatmo could not be reached; check the bridge\'s internet connection and try again.';
    default:
      return `Netatmo refused the credentials (${error.kind}).`;
  }
}
