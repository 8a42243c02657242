// Guided Netatmo connection: the admin enters client id/secret → Netatmo's authorize page (random
// `state` kept in the admin session) → back at GET /oauth/callback, or the user pastes the address
// they landed on when Netatmo's redirect cannot reach the bridge (redirect URI http://localhost).
import express, { type Response, type Router } from 'express';
import { buildAuthorizeUrl, parseRedirectedUrl } from '../netatmo/oauth.js';
import { browserOrigin } from './auth/cookies.js';
import { randomToken, sameSecret, type PendingConnect, type Session } from './auth/sessions.js';
import { envCredentials, formParser } from './admin-routes.js';
import { connectForm, firstProblem, pasteForm } from './forms.js';
import { finishNetatmoConnect, type ConnectOutcome } from './netatmo-connect.js';
import { authorisePost, backToAdmin, sendMessagePage, type WebDeps } from './web-deps.js';

export const CALLBACK_PATH = '/oauth/callback';

export function oauthRouter(deps: WebDeps): Router {
  const router = express.Router();
  const { context } = deps;

  router.post('/admin/netatmo/connect', formParser, (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const form = connectForm.safeParse(req.body);
    if (!form.success) {
      backToAdmin(res, session, { kind: 'error', text: firstProblem(form.error) }, '#connect');
      return;
    }
    const { clientId, redirectMode } = form.data;
    const clientSecret = form.data.clientSecret ?? savedSecretFor(deps, clientId);
    if (!clientSecret) {
      backToAdmin(res, session, { kind: 'error', text: 'Enter the client secret of your Netatmo app.' }, '#connect');
      return;
    }
    const redirectUri = redirectMode === 'paste' && form.data.redirectUri ? form.data.redirectUri : `${browserOrigin(req)}${CALLBACK_PATH}`;
    const pending: PendingConnect = { state: randomToken(24), clientId, clientSecret, redirectUri, mode: redirectMode, startedAt: context.now() };
    session.connect = pending;
    context.logger.info({ redirectMode }, 'Netatmo connection started from the admin page');
    res.redirect(303, buildAuthorizeUrl({ apiUrl: context.config.netatmo.apiUrl, clientId, redirectUri, state: pending.state }));
  });

  // Netatmo sends the browser here. The SameSite=Strict cookie is not sent on this cross-site
  // arrival, so the session is found by the unguessable `state` it issued instead.
  router.get(CALLBACK_PATH, async (req, res) => {
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const session = state ? deps.sessions.findByConnectState(state) : null;
    const pending = session?.connect;
    if (!session || !pending) {
      sendMessagePage(deps, res, 400, 'Connection not recognised', 'This answer from Netatmo does not belong to a connection started on this bridge (or it is older than 15 minutes). Start again from the Admin page.');
      return;
    }
    const parsed = parseRedirectedUrl(req.originalUrl);
    session.connect = null; // one answer per connection attempt
    if (!parsed.ok) {
      sendMessagePage(deps, res, 400, 'Netatmo was not connected', parsed.message);
      return;
    }
    respondToOutcome(deps, res, session, await finishNetatmoConnect(context, deps.realStore, pending, parsed.code), false);
  });

  router.post('/admin/netatmo/paste', formParser, async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const form = pasteForm.safeParse(req.body);
    if (!form.success) {
      backToAdmin(res, session, { kind: 'error', text: firstProblem(form.error) }, '#paste');
      return;
    }
    const pending = session.connect;
    if (!pending) {
      backToAdmin(res, session, { kind: 'error', text: 'There is no connection waiting to be finished (or it is older than 15 minutes). Start again.' }, '#connect');
      return;
    }
    const parsed = parseRedirectedUrl(form.data.address);
    if (!parsed.ok) {
      if (parsed.reason === 'access_denied' || parsed.reason === 'oauth_error') session.connect = null;
      backToAdmin(res, session, { kind: 'error', text: parsed.message }, '#paste');
      return;
    }
    if (!parsed.state || !sameSecret(parsed.state, pending.state)) {
      backToAdmin(res, session, { kind: 'error', text: 'That address belongs to another connection attempt (its state does not match). Paste the address from the attempt you just made, or start again.' }, '#paste');
      return;
    }
    session.connect = null;
    respondToOutcome(deps, res, session, await finishNetatmoConnect(context, deps.realStore, pending, parsed.code), true);
  });

  return router;
}

/** The secret saved earlier for this client id (store or environment), so it need not be retyped. */
function savedSecretFor(deps: WebDeps, clientId: string): string | undefined {
  const candidates = [deps.context.simulator ? deps.realStore.data.netatmo.credentials : deps.context.tokens.credentials(), envCredentials(deps)];
  return candidates.find((c) => c?.clientId === clientId)?.clientSecret;
}

function respondToOutcome(deps: WebDeps, res: Response, session: Session, outcome: ConnectOutcome, signedInPage: boolean): void {
  if (!outcome.ok) {
    if (signedInPage) backToAdmin(res, session, { kind: 'error', text: outcome.message }, '#connect');
    else sendMessagePage(deps, res, 502, 'Netatmo was not connected', outcome.message);
    return;
  }
  if (outcome.mode === 'restart') {
    const text = outcome.restarting
      ? 'Netatmo is connected and saved. The bridge now restarts on your real account (the demo home goes away); the status page is back in a few seconds. Sign in again afterwards.'
      : 'Netatmo is connected and saved. Restart the bridge to leave the demo and use your real account.';
    sendMessagePage(deps, res, 200, 'Netatmo connected', text, { refreshToStatus: outcome.restarting });
    return;
  }
  const read = outcome.pollOk
    ? `Netatmo is connected: ${outcome.homes} home${outcome.homes === 1 ? '' : 's'} found.`
    : 'Netatmo is connected. The first read has not finished yet; the status page shows the homes when it has.';
  const text = outcome.notSavedBecause === null ? read : `${read} ${notSavedWarning(outcome.notSavedBecause)}`;
  const kind = outcome.notSavedBecause === null ? 'success' : 'error';
  if (signedInPage) backToAdmin(res, session, { kind, text });
  else sendMessagePage(deps, res, 200, outcome.notSavedBecause === null ? 'Netatmo connected' : 'Netatmo connected, but not saved', text);
}

function notSavedWarning(reason: string): string {
  return `But the bridge could not save the new sign-in to its data file, so it only lasts until the bridge restarts: ${reason} The bridge saves it by itself once the data file can be written.`;
}
