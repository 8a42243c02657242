// Finishing a Netatmo connection: the token manager exchanges the authorization code and stores
// client id/secret and tokens in one write (kept in memory when the disk refuses). On a real
// bridge a poll follows at once; in the demo the connection goes into the REAL data file (the demo
// runs on its own) through a token manager over that file, and the bridge restarts on the account.
import type { WebFeatureDeps } from './web-deps.js';
import { NetatmoError } from '../netatmo/errors.js';
import { createNetatmoServices } from '../netatmo/services.js';
import type { ConnectResult, TokenManager } from '../netatmo/tokens.js';
import { storeTokenRepository, type Store } from '../store/index.js';
import type { Translator } from '../i18n/translator.js';
import { withTimeout } from '../util/with-timeout.js';
import type { PendingConnect } from './auth/sessions.js';

export type ConnectOutcome =
  | { ok: true; mode: 'live'; homes: number; pollOk: boolean; notSavedBecause: string | null }
  | { ok: true; mode: 'restart'; restarting: boolean }
  | { ok: false; message: string };

/** Longest the callback waits for the first poll before answering anyway. */
const FIRST_POLL_WAIT_MS = 10_000;

/** Messages are in the language of the person connecting (`tr`). */
export async function finishNetatmoConnect(context: WebFeatureDeps, realStore: Store, pending: PendingConnect, code: string, tr: Translator): Promise<ConnectOutcome> {
  const credentials = { clientId: pending.clientId, clientSecret: pending.clientSecret };
  const tokens = context.simulator ? realAccountTokens(context, realStore) : context.tokens;
  let result: ConnectResult;
  try {
    result = await tokens.connect(credentials, { kind: 'authorization_code', code, redirectUri: pending.redirectUri });
  } catch (error) {
    context.logger.warn({ kind: error instanceof NetatmoError ? error.kind : 'unknown' }, 'Netatmo code exchange failed');
    return { ok: false, message: exchangeProblem(error, tr) };
  }

  if (context.simulator) {
    if (!result.saved) {
      return { ok: false, message: tr.t('connect.demoNotSaved', { reason: result.notSavedBecause ?? '' }) };
    }
    await realStore.flush();
    context.logger.info('Netatmo connected from the demo: credentials and tokens saved to the real data file');
    return { ok: true, mode: 'restart', restarting: context.requestRestart('Netatmo connected') };
  }

  context.poller.markTopologyDirty();
  const poll = await firstPoll(context);
  return { ok: true, mode: 'live', homes: context.state.homes.length, pollOk: poll, notSavedBecause: result.notSavedBecause };
}

/** The demo's own token manager serves the simulator; the real account gets one over the real data file. */
function realAccountTokens(context: WebFeatureDeps, realStore: Store): TokenManager {
  // The bridge's budget: one Netatmo app, one budget, whichever data file the tokens go to.
  return createNetatmoServices({ repository: storeTokenRepository(realStore), apiUrl: context.config.netatmo.apiUrl, budget: context.budget, logger: context.logger, now: context.now }).tokens;
}

/** The first poll's outcome, or false when it takes longer than FIRST_POLL_WAIT_MS (it goes on then). */
async function firstPoll(context: WebFeatureDeps): Promise<boolean> {
  try {
    // The poll is not handed the signal: the answer stops waiting, the poll carries on.
    return await withTimeout(FIRST_POLL_WAIT_MS, () => context.poller.pollNow().then((result) => result.ok));
  } catch {
    return false;
  }
}

function exchangeProblem(error: unknown, tr: Translator): string {
  if (!(error instanceof NetatmoError)) return tr.t('connect.exchangeUnknown');
  switch (error.kind) {
    case 'invalid_grant':
      return tr.t('connect.exchangeInvalidGrant');
    case 'auth':
      return tr.t('connect.exchangeAuth');
    case 'bad_request':
      return tr.t('connect.exchangeBadRequest', { detail: error.netatmoMessage ? ` (${error.netatmoMessage})` : '' });
    case 'rate_limited':
    case 'overloaded':
    case 'server':
    case 'timeout':
    case 'network':
      return tr.t('connect.exchangeUnreachable', { reason: error.message });
    default:
      return tr.t('connect.exchangeOther', { reason: error.message });
  }
}
