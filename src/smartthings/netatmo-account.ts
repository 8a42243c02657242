// Connecting Netatmo from the SmartApp's first page: either the account the bridge already uses,
// or a client id / secret / refresh token typed in the SmartThings app, checked by a real token
// refresh through the token manager. Netatmo kills a refresh token the moment it is used, so the
// new pair is stored at once with the credentials (one write; kept in memory if the disk refuses)
// and the typed token is remembered (as a hash) as consumed, never refreshed a second time.
import { createHash } from 'node:crypto';
import type { SmartAppFeatureDeps } from './feature-deps.js';
import { englishTranslator, type Translator } from '../i18n/translator.js';
import { NetatmoError } from '../netatmo/errors.js';
import type { SmartAppContextStore } from './context-store.js';
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
  context: SmartAppFeatureDeps,
  contexts: SmartAppContextStore,
  installedAppId: string,
  answer: NetatmoAccountAnswer,
  /** The language of the page that shows the check (the phone's). */
  tr: Translator = englishTranslator(),
): Promise<AccountCheck> {
  if (answer.useBridgeAccount) return bridgeAccountStatus(context, tr);
  const { clientId, clientSecret, refreshToken } = answer;
  if (!clientId || !clientSecret || !refreshToken) return { ok: false, message: tr.t('account.missing') };
  const hash = tokenHash(refreshToken);
  if (contexts.bridgeData(installedAppId).consumedRefreshTokenHash === hash) return { ok: true, message: tr.t('account.alreadyAccepted') };
  try {
    const result = await context.tokens.connect({ clientId, clientSecret }, { kind: 'refresh_token', refreshToken }, { timeoutMs: CHECK_TIMEOUT_MS });
    // The typed token is dead now whatever happens next: never send it again.
    await contexts.updateBridgeData(installedAppId, (data) => ({ ...data, consumedRefreshTokenHash: hash })).catch(() => undefined);
    context.poller.markTopologyDirty();
    context.poller.pollSoon(0);
    context.logger.info({ installedAppId, saved: result.saved }, 'Netatmo account connected from the SmartApp');
    return { ok: true, message: tr.t(result.saved ? 'account.accepted' : 'account.acceptedNotSaved') };
  } catch (error) {
    context.logger.warn({ installedAppId, kind: error instanceof NetatmoError ? error.kind : 'unknown' }, `Netatmo account check failed: ${refusalMessage(error, englishTranslator())}`);
    return { ok: false, message: refusalMessage(error, tr) };
  }
}

function bridgeAccountStatus(context: SmartAppFeatureDeps, tr: Translator): AccountCheck {
  switch (context.tokens.status()) {
    case 'ok':
      return { ok: true, message: tr.t(context.tokens.isSaved() ? 'account.bridgeOk' : 'account.bridgeNotSaved') };
    case 'auth_required':
      return { ok: false, message: tr.t('account.bridgeAuthRequired') };
    case 'not_configured':
      return { ok: false, message: tr.t('account.bridgeNotConfigured') };
    case 'moved':
      return { ok: false, message: tr.t('account.bridgeMoved') };
  }
}

function refusalMessage(error: unknown, tr: Translator): string {
  if (!(error instanceof NetatmoError)) return tr.t('account.unexpected');
  switch (error.kind) {
    case 'invalid_grant':
      return tr.t('account.invalidGrant');
    case 'auth':
      return tr.t('account.auth');
    case 'rate_limited':
    case 'overloaded':
      return tr.t('account.slowDown');
    case 'timeout':
    case 'network':
    case 'server':
      return tr.t('account.unreachable');
    default:
      return tr.t('account.refused', { kind: error.kind });
  }
}
