// Guided Netatmo connection: the admin enters client id/secret → Netatmo's authorize page (random
// `state` kept in the admin session) → back at GET /oauth/callback, or the user pastes the address
// they landed on when Netatmo's redirect cannot reach the bridge (redirect URI http://localhost).
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { buildAuthorizeUrl, parseRedirectedUrl } from '../netatmo/oauth.js';
import { browserOrigin } from './auth/cookies.js';
import { randomToken, sameSecret, type PendingConnect, type Session } from './auth/sessions.js';
import { envCredentials } from './admin-view.js';
import { formParser } from './form-parser.js';
import { connectForm, firstProblem, pasteForm } from './forms.js';
import { redirectProblemText } from '../i18n/redirect-words.js';
import type { Translator } from '../i18n/translator.js';
import { translatorFor } from './language.js';
import { finishNetatmoConnect, type ConnectOutcome } from './netatmo-connect.js';
import { authorisePost, backToAdmin, sendMessagePage, type WebDeps } from './web-deps.js';

export const CALLBACK_PATH = '/oauth/callback';

export function oauthRouter(deps: WebDeps): Router {
  const router = express.Router();
  router.post('/admin/netatmo/connect', formParser, startConnect(deps));
  router.get(CALLBACK_PATH, finishFromCallback(deps));
  router.post('/admin/netatmo/paste', formParser, finishFromPaste(deps));
  return router;
}

/** The secret saved earlier for this client id (store or environment), so it need not be retyped. */
function savedSecretFor(deps: WebDeps, clientId: string): string | undefined {
  const candidates = [deps.context.simulator ? deps.realStore.data.netatmo.credentials : deps.context.tokens.credentials(), envCredentials(deps)];
  return candidates.find((c) => c?.clientId === clientId)?.clientSecret;
}

function respondToOutcome(deps: WebDeps, req: Request, res: Response, session: Session, outcome: ConnectOutcome, signedInPage: boolean): void {
  const tr = translatorFor(req);
  if (!outcome.ok) {
    if (signedInPage) backToAdmin(res, session, { kind: 'error', text: outcome.message }, '#connect');
    else sendMessagePage(deps, req, res, 502, tr.t('connect.failedTitle'), outcome.message);
    return;
  }
  if (outcome.mode === 'restart') {
    const text = tr.t(outcome.restarting ? 'connect.restarting' : 'connect.restartYourself');
    sendMessagePage(deps, req, res, 200, tr.t('connect.doneTitle'), text, { refreshToStatus: outcome.restarting });
    return;
  }
  const text = connectedText(outcome, tr);
  const saved = outcome.notSavedBecause === null;
  if (signedInPage) backToAdmin(res, session, { kind: saved ? 'success' : 'error', text });
  else sendMessagePage(deps, req, res, 200, tr.t(saved ? 'connect.doneTitle' : 'connect.doneNotSavedTitle'), text);
}

function connectedText(outcome: Extract<ConnectOutcome, { mode: 'live' }>, tr: Translator): string {
  const read = outcome.pollOk ? tr.t('connect.homesFound', { count: outcome.homes }) : tr.t('connect.firstReadPending');
  return outcome.notSavedBecause === null ? read : `${read} ${tr.t('connect.notSaved', { reason: outcome.notSavedBecause })}`;
}

/** POST /admin/netatmo/connect: the client id/secret, then off to Netatmo's authorize page. */
function startConnect(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const tr = translatorFor(req);
    const form = connectForm.safeParse(req.body);
    if (!form.success) {
      backToAdmin(res, session, { kind: 'error', text: firstProblem(form.error, tr) }, '#connect');
      return;
    }
    const { clientId, redirectMode } = form.data;
    const clientSecret = form.data.clientSecret ?? savedSecretFor(deps, clientId);
    if (!clientSecret) {
      backToAdmin(res, session, { kind: 'error', text: tr.t('connect.secretMissing') }, '#connect');
      return;
    }
    const redirectUri = redirectMode === 'paste' && form.data.redirectUri ? form.data.redirectUri : `${browserOrigin(req)}${CALLBACK_PATH}`;
    const pending: PendingConnect = { state: randomToken(24), clientId, clientSecret, redirectUri, mode: redirectMode, startedAt: context.now() };
    session.connect = pending;
    context.logger.info({ redirectMode }, 'Netatmo connection started from the admin page');
    res.redirect(303, buildAuthorizeUrl({ apiUrl: context.config.netatmo.apiUrl, clientId, redirectUri, state: pending.state }));
  };
}

/**
 * GET /oauth/callback: Netatmo sends the browser here. The SameSite=Strict cookie is not sent on
 * this cross-site arrival, so the session is found by the unguessable `state` it issued instead.
 */
function finishFromCallback(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return async (req, res) => {
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const session = state ? deps.sessions.findByConnectState(state) : null;
    const pending = session?.connect;
    const tr = translatorFor(req);
    if (!session || !pending) {
      sendMessagePage(deps, req, res, 400, tr.t('connect.unknownTitle'), tr.t('connect.unknownText'));
      return;
    }
    const parsed = parseRedirectedUrl(req.originalUrl);
    session.connect = null; // one answer per connection attempt
    if (!parsed.ok) {
      sendMessagePage(deps, req, res, 400, tr.t('connect.failedTitle'), redirectProblemText(parsed, tr));
      return;
    }
    respondToOutcome(deps, req, res, session, await finishNetatmoConnect(context, deps.realStore, pending, parsed.code, tr), false);
  };
}

/** POST /admin/netatmo/paste: the address the user landed on. */
function finishFromPaste(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const tr = translatorFor(req);
    const form = pasteForm.safeParse(req.body);
    if (!form.success) {
      backToAdmin(res, session, { kind: 'error', text: firstProblem(form.error, tr) }, '#paste');
      return;
    }
    const pending = session.connect;
    if (!pending) {
      backToAdmin(res, session, { kind: 'error', text: tr.t('connect.nothingPending') }, '#connect');
      return;
    }
    const parsed = parseRedirectedUrl(form.data.address);
    if (!parsed.ok) {
      if (parsed.reason === 'access_denied' || parsed.reason === 'oauth_error') session.connect = null;
      backToAdmin(res, session, { kind: 'error', text: redirectProblemText(parsed, tr) }, '#paste');
      return;
    }
    if (!parsed.state || !sameSecret(parsed.state, pending.state)) {
      backToAdmin(res, session, { kind: 'error', text: tr.t('connect.stateMismatch') }, '#paste');
      return;
    }
    session.connect = null;
    respondToOutcome(deps, req, res, session, await finishNetatmoConnect(context, deps.realStore, pending, parsed.code, tr), true);
  };
}
