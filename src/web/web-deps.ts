// What the web routes share: the services the web feature uses (WebFeatureDeps), the REAL data file (the same store as the
// context's, except in the demo), admin sessions, the password check and the sign-in throttle.
import type { Request, Response } from 'express';
import type { LiveBundleDeps } from '../diagnostics/live.js';
import type { PairingWindow } from '../lan/pairing.js';
import type { MoveActionsDeps } from '../moving/actions.js';
import type { NetatmoApi } from '../netatmo/api.js';
import type { RateBudget } from '../netatmo/budget.js';
import type { TokenManager } from '../netatmo/tokens.js';
import type { HealthTracker } from '../sync/health.js';
import type { Poller } from '../sync/poller.js';
import type { StateService } from '../sync/state-service.js';
import type { Store } from '../store/index.js';
import type { AdminPassword } from './auth/admin-password.js';
import { originAllowed, readCookie, SESSION_COOKIE } from './auth/cookies.js';
import { sameSecret, type Session, type SessionStore } from './auth/sessions.js';
import type { SignInThrottle } from './auth/throttle.js';
import { html } from './html.js';
import { translatorFor } from './language.js';
import { page } from './layout.js';

/** What the web feature (status page, admin page, Netatmo connection, moving) uses of the bridge. */
export interface WebFeatureDeps extends LiveBundleDeps, MoveActionsDeps {
  store: Store;
  /** The real account's data file (the same as `store` unless the demo runs). */
  realStore: Store;
  state: StateService;
  health: HealthTracker;
  budget: RateBudget;
  tokens: TokenManager;
  api: NetatmoApi;
  poller: Poller;
  pairing: PairingWindow;
  httpPort(): number;
}

export interface WebDeps {
  context: WebFeatureDeps;
  realStore: Store;
  sessions: SessionStore;
  password: AdminPassword;
  throttle: SignInThrottle;
}

export function sessionOf(deps: WebDeps, req: Request): Session | null {
  return deps.sessions.get(readCookie(req, SESSION_COOKIE));
}

/**
 * Every admin POST: signed in, sent from this bridge's own page (Origin) and carrying the
 * session's CSRF token. Answers the refusal itself and returns null when any check fails.
 */
export function authorisePost(deps: WebDeps, req: Request, res: Response): Session | null {
  const session = sessionOf(deps, req);
  const tr = translatorFor(req);
  if (!session) {
    sendMessagePage(deps, req, res, 401, tr.t('message.signInTitle'), tr.t('message.signInText'));
    return null;
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  const token = typeof body._csrf === 'string' ? body._csrf : '';
  if (!originAllowed(req) || !sameSecret(token, session.csrfToken)) {
    sendMessagePage(deps, req, res, 403, tr.t('message.formRefusedTitle'), tr.t('message.formForeign'));
    return null;
  }
  return session;
}

/** A page with one message (a refusal, the end of a connection), in the request's language. */
export function sendMessagePage(deps: WebDeps, req: Request, res: Response, status: number, title: string, text: string, extra?: { refreshToStatus?: boolean }): void {
  const tr = translatorFor(req);
  res.status(status).set('cache-control', 'no-store');
  const body = html`<h1>${title}</h1>
<div class="card message" role="${status >= 400 ? 'alert' : 'status'}"><p>${text}</p></div>
<p><a href="/admin">${tr.t('message.toAdmin')}</a> · <a href="/">${tr.t('message.toStatus')}</a></p>
${extra?.refreshToStatus ? html`<p class="muted" id="reload-note">${tr.t('message.reloadNote')}</p><meta http-equiv="refresh" content="6; url=/">` : ''}`;
  res.type('html').send(page({ tr, title, current: 'none', version: deps.context.bridgeInfo().version, body }));
}

/** Redirect back to the admin page with a one-time message. */
export function backToAdmin(res: Response, session: Session, flash: Session['flash'], anchor = ''): void {
  session.flash = flash;
  res.redirect(303, `/admin${anchor}`);
}
