// Finishing a Netatmo connection: exchange the authorization code for the first token pair, then
// store client id/secret and tokens. On a real bridge they go through the token manager and a poll
// follows at once; in the demo they go into the REAL data file (the demo runs on its own), and the
// bridge restarts on the real account.
import type { BridgeContext } from '../context.js';
import { NetatmoError } from '../netatmo/errors.js';
import { DEFAULT_SCOPES } from '../netatmo/oauth.js';
import { postTokenRequest } from '../netatmo/token-endpoint.js';
import { tokensFromResponse } from '../netatmo/tokens.js';
import type { Store } from '../store/index.js';
import type { PendingConnect } from './auth/sessions.js';

export type ConnectOutcome =
  | { ok: true; mode: 'live'; homes: number; pollOk: boolean }
  | { ok: true; mode: 'restart'; restarting: boolean }
  | { ok: false; message: string };

/** Longest the callback waits for the first poll before answering anyway. */
const FIRST_POLL_WAIT_MS = 10_000;

export async function finishNetatmoConnect(context: BridgeContext, realStore: Store, pending: PendingConnect, code: string): Promise<ConnectOutcome> {
  const credentials = { clientId: pending.clientId, clientSecret: pending.clientSecret };
  let tokens;
  try {
    const response = await postTokenRequest(
      {
        grant_type: 'authorization_code',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        code,
        redirect_uri: pending.redirectUri,
        scope: DEFAULT_SCOPES.join(' '),
      },
      { tokenUrl: `${context.config.netatmo.apiUrl}/oauth2/token`, budget: context.budget, timeoutMs: 10_000, now: context.now },
    );
    tokens = tokensFromResponse(response, context.now());
  } catch (error) {
    context.logger.warn({ kind: error instanceof NetatmoError ? error.kind : 'unknown' }, 'Netatmo code exchange failed');
    return { ok: false, message: exchangeProblem(error) };
  }

  if (context.simulator) {
    await realStore.update((draft) => {
      draft.netatmo.credentials = credentials;
      draft.netatmo.tokens = tokens;
    });
    await realStore.flush();
    context.logger.info('Netatmo connected from the demo: credentials and tokens saved to the real data file');
    return { ok: true, mode: 'restart', restarting: context.requestRestart('Netatmo connected') };
  }

  await context.tokens.storeCredentials(credentials);
  await context.tokens.storeNewTokens(tokens);
  context.poller.markTopologyDirty();
  const poll = await firstPoll(context);
  return { ok: true, mode: 'live', homes: context.state.homes.length, pollOk: poll };
}

async function firstPoll(context: BridgeContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), FIRST_POLL_WAIT_MS);
  });
  try {
    return await Promise.race([context.poller.pollNow().then((result) => result.ok), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function exchangeProblem(error: unknown): string {
  if (!(error instanceof NetatmoError)) return 'The bridge could not finish the connection; the details are in its log.';
  switch (error.kind) {
    case 'invalid_grant':
      return 'Netatmo refused the authorization code. Codes work once and only for a few minutes, and the redirect URI must match the app exactly. Start again.';
    case 'auth':
      return 'Netatmo does not accept this client id and secret. Check them on dev.netatmo.com → My apps and start again.';
    case 'bad_request':
      return `Netatmo refused the request${error.netatmoMessage ? ` (${error.netatmoMessage})` : ''}. Check that the redirect URI matches the one registered on your app.`;
    case 'rate_limited':
    case 'overloaded':
    case 'server':
    case 'timeout':
    case 'network':
      return `Netatmo could not be reached or is busy: ${error.message}. Try again in a few minutes.`;
    default:
      return `Netatmo answered with an error: ${error.message}.`;
  }
}
