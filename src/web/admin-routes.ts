// The admin page and its actions: sign in/out, LAN token rotation, pairing window, refresh and
// settings. Netatmo connection routes are in oauth-routes.ts.
import express, { type Request, type Response, type Router } from 'express';
import { cloudPathMissing } from '../config/index.js';
import { generateLanToken } from '../store/index.js';
import { clearSessionCookie, browserOrigin, originAllowed, setSessionCookie } from './auth/cookies.js';
import type { Session } from './auth/sessions.js';
import { renderAdmin, renderSignIn, type AdminView } from './admin-render.js';
import { actionForm, firstProblem, settingsForm, signInForm } from './forms.js';
import { untilText } from '../i18n/format.js';
import { translatorFor } from './language.js';
import { page } from './layout.js';
import { currentStatusView } from './status-routes.js';
import { authorisePost, backToAdmin, sendMessagePage, sessionOf, type WebDeps } from './web-deps.js';

/** Form bodies are tiny; anything bigger is refused by the parser (413). */
export const formParser = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });

export function adminRouter(deps: WebDeps): Router {
  const router = express.Router();
  const { context } = deps;

  router.get('/admin', (req, res) => {
    const session = sessionOf(deps, req);
    if (!session) {
      sendSignIn(deps, req, res, 200, null);
      return;
    }
    const flash = session.flash;
    session.flash = null;
    res.set('cache-control', 'no-store');
    const tr = translatorFor(req);
    const body = renderAdmin(adminView(deps, req, session, flash), tr);
    res.type('html').send(page({ tr, title: tr.t('admin.title'), current: 'admin', version: context.bridgeInfo().version, body }));
  });

  router.post('/admin/sign-in', formParser, async (req, res) => {
    const address = req.ip ?? 'unknown';
    const tr = translatorFor(req);
    if (!originAllowed(req)) {
      sendSignIn(deps, req, res, 403, tr.t('admin.signInForeign'));
      return;
    }
    const form = signInForm.safeParse(req.body);
    if (!form.success) {
      sendSignIn(deps, req, res, 400, firstProblem(form.error, tr));
      return;
    }
    // Reserved before the (asynchronous) check, so concurrent guesses count at once.
    const attempt = deps.throttle.begin(address);
    if (!attempt.ok) {
      res.set('retry-after', String(attempt.retryAfterS));
      sendSignIn(deps, req, res, 429, tr.t('admin.signInThrottled', { minutes: Math.ceil(attempt.retryAfterS / 60) }));
      return;
    }
    let right = false;
    try {
      right = await deps.password.verify(form.data.password);
    } finally {
      attempt.done(right);
    }
    if (!right) {
      context.logger.warn({ address }, 'admin sign-in refused: wrong password');
      sendSignIn(deps, req, res, 401, tr.t('admin.signInWrong'));
      return;
    }
    const previous = sessionOf(deps, req);
    if (previous) deps.sessions.destroy(previous.id); // a fresh id at every sign-in (no fixation)
    const session = deps.sessions.create();
    setSessionCookie(req, res, session.id, Math.floor(deps.sessions.maxAgeMs / 1000));
    context.logger.info({ address }, 'admin signed in');
    res.redirect(303, '/admin');
  });

  router.post('/admin/sign-out', formParser, (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    deps.sessions.destroy(session.id);
    clearSessionCookie(req, res);
    res.redirect(303, '/');
  });

  router.post('/admin/lan-token/rotate', formParser, async (req, res) => {
    const session = actionSession(deps, req, res);
    if (!session) return;
    const tr = translatorFor(req);
    if (context.config.lanToken) {
      backToAdmin(res, session, { kind: 'error', text: tr.t('admin.lanRotateRefused') });
      return;
    }
    const token = generateLanToken();
    // In the demo the real data file keeps the token too, so hubs still work after connecting.
    for (const store of new Set([context.store, deps.realStore])) {
      await store.update((draft) => {
        draft.lanToken = token;
      });
    }
    context.logger.info('LAN token rotated from the admin page; paired hubs must pair again');
    backToAdmin(res, session, { kind: 'success', text: tr.t('admin.lanRotated') });
  });

  router.post('/admin/pairing/open', formParser, (req, res) => {
    const session = actionSession(deps, req, res);
    if (!session) return;
    const closesAt = new Date(context.pairing.open()).toISOString();
    context.logger.info({ closesAt }, 'pairing window opened from the admin page');
    const tr = translatorFor(req);
    const closes = untilText(closesAt, context.now(), tr) ?? tr.t('time.soon');
    backToAdmin(res, session, { kind: 'success', text: tr.t('admin.pairingOpened', { when: closes }) });
  });

  router.post('/admin/refresh', formParser, async (req, res) => {
    const session = actionSession(deps, req, res);
    if (!session) return;
    const result = await context.poller.pollNow();
    const tr = translatorFor(req);
    const text = result.ok
      ? tr.t('admin.refreshed')
      : result.deferred
        ? tr.t('admin.refreshDeferred')
        : tr.t('admin.refreshFailed', { reason: result.error?.message ?? tr.t('admin.unknownError') });
    backToAdmin(res, session, { kind: result.ok ? 'success' : 'error', text });
  });

  router.post('/admin/settings', formParser, async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const tr = translatorFor(req);
    const form = settingsForm.safeParse(req.body);
    if (!form.success) {
      backToAdmin(res, session, { kind: 'error', text: firstProblem(form.error, tr) }, '#settings-title');
      return;
    }
    const { pollIntervalS, staleThresholdS, preferredPath } = form.data;
    const missing = cloudPathMissing(context.config);
    if (preferredPath === 'cloud' && missing.length > 0) {
      backToAdmin(res, session, { kind: 'error', text: tr.t('admin.cloudRefused', { missing: missing.join(', ') }) }, '#settings-title');
      return;
    }
    // In the demo the real data file keeps them too, so they survive connecting Netatmo.
    for (const store of new Set([context.store, deps.realStore])) {
      await store.update((draft) => {
        draft.settings = { ...draft.settings, pollIntervalS, staleThresholdS, preferredPath };
      });
    }
    context.poller.setPollInterval(pollIntervalS);
    context.health.setStaleThreshold(staleThresholdS);
    context.logger.info({ pollIntervalS, staleThresholdS, preferredPath }, 'settings changed from the admin page');
    const path = tr.t(preferredPath === 'lan' ? 'admin.settingsPathLan' : 'admin.settingsPathCloud');
    backToAdmin(res, session, { kind: 'success', text: tr.t('admin.settingsSaved', { poll: pollIntervalS, stale: staleThresholdS, path }) });
  });

  return router;
}

/** authorisePost plus the plain action form (only the CSRF token). */
function actionSession(deps: WebDeps, req: Request, res: Response): Session | null {
  const session = authorisePost(deps, req, res);
  if (!session) return null;
  if (!actionForm.safeParse(req.body).success) {
    const tr = translatorFor(req);
    sendMessagePage(deps, req, res, 400, tr.t('message.formRefusedTitle'), tr.t('message.formUnreadable'));
    return null;
  }
  return session;
}

function sendSignIn(deps: WebDeps, req: Request, res: Response, status: number, error: string | null): void {
  const tr = translatorFor(req);
  res.status(status).set('cache-control', 'no-store');
  const body = renderSignIn({ error, passwordSource: deps.password.source }, tr);
  res.type('html').send(page({ tr, title: tr.t('admin.signInTitle'), current: 'admin', version: deps.context.bridgeInfo().version, body }));
}

function adminView(deps: WebDeps, req: Request, session: Session, flash: Session['flash']): AdminView {
  const { context } = deps;
  const settings = context.store.data.settings;
  // In the demo the context's credentials are the simulator's: offer the real account's instead.
  const known = context.simulator ? (deps.realStore.data.netatmo.credentials ?? envCredentials(deps)) : context.tokens.credentials();
  const tr = translatorFor(req);
  const status = currentStatusView(context, tr).netatmo;
  const pending = session.connect?.mode === 'paste' ? { redirectUri: session.connect.redirectUri } : null;
  return {
    csrf: session.csrfToken,
    flash,
    netatmo: {
      headline: status.headline,
      connected: status.status !== 'not_configured' && status.status !== 'auth_required',
      simulated: context.simulator !== null,
      clientId: known?.clientId ?? null,
      hasSecret: Boolean(known?.clientSecret),
      callbackUrl: `${browserOrigin(req)}/oauth/callback`,
    },
    pendingPaste: pending,
    lanToken: context.store.data.lanToken,
    lanTokenFromEnv: Boolean(context.config.lanToken),
    pairing: { closesAt: context.pairing.closesAt(), closesText: untilText(context.pairing.closesAt(), context.now(), tr) },
    smartappConfigured: cloudPathMissing(context.config).length === 0,
    move: { movedAt: deps.realStore.data.netatmo.moved?.at ?? null },
    settings: {
      pollIntervalS: settings.pollIntervalS ?? context.config.pollIntervalS,
      staleThresholdS: settings.staleThresholdS ?? context.config.staleThresholdS,
      preferredPath: settings.preferredPath ?? context.config.preferredPath,
    },
  };
}

export function envCredentials(deps: WebDeps): { clientId: string; clientSecret: string } | null {
  const { clientId, clientSecret } = deps.context.config.netatmo;
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}
