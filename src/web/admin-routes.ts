// The admin page and its actions: sign in/out, LAN token rotation, pairing window, refresh and
// settings. Netatmo connection routes are in oauth-routes.ts.
import express, { type Request, type Response, type Router } from 'express';
import { cloudPathMissing, cloudPathProblem } from '../config/index.js';
import { generateLanToken } from '../store/index.js';
import { clearSessionCookie, browserOrigin, originAllowed, setSessionCookie } from './auth/cookies.js';
import type { Session } from './auth/sessions.js';
import { renderAdmin, renderSignIn, type AdminView } from './admin-render.js';
import { actionForm, firstProblem, settingsForm, signInForm } from './forms.js';
import { page } from './layout.js';
import { untilText } from './words.js';
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
      sendSignIn(deps, res, 200, null);
      return;
    }
    const flash = session.flash;
    session.flash = null;
    res.set('cache-control', 'no-store');
    res.type('html').send(page({ title: 'Admin', current: 'admin', version: context.bridgeInfo().version, body: renderAdmin(adminView(deps, req, session, flash)) }));
  });

  router.post('/admin/sign-in', formParser, async (req, res) => {
    const address = req.ip ?? 'unknown';
    if (!originAllowed(req)) {
      sendSignIn(deps, res, 403, 'The sign-in form did not come from this bridge’s own page. Open the Admin page and try again.');
      return;
    }
    const form = signInForm.safeParse(req.body);
    if (!form.success) {
      sendSignIn(deps, res, 400, firstProblem(form.error));
      return;
    }
    // Reserved before the (asynchronous) check, so concurrent guesses count at once.
    const attempt = deps.throttle.begin(address);
    if (!attempt.ok) {
      res.set('retry-after', String(attempt.retryAfterS));
      sendSignIn(deps, res, 429, `Too many wrong passwords. Try again in about ${Math.ceil(attempt.retryAfterS / 60)} min.`);
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
      sendSignIn(deps, res, 401, 'That password is not right.');
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
    if (context.config.lanToken) {
      backToAdmin(res, session, { kind: 'error', text: 'The LAN token comes from LAN_TOKEN in the configuration; change it there.' });
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
    backToAdmin(res, session, {
      kind: 'success',
      text: 'The LAN token was rotated. Paired hubs stop working until they pair again: open the pairing window below and let each hub pair (or enter the new token in the driver settings).',
    });
  });

  router.post('/admin/pairing/open', formParser, (req, res) => {
    const session = actionSession(deps, req, res);
    if (!session) return;
    const closesAt = new Date(context.pairing.open()).toISOString();
    context.logger.info({ closesAt }, 'pairing window opened from the admin page');
    const closes = untilText(closesAt, context.now()) ?? 'soon';
    backToAdmin(res, session, { kind: 'success', text: `The pairing window is open and closes ${closes}. Add the bridge from the SmartThings app now (Add device → Scan nearby).` });
  });

  router.post('/admin/refresh', formParser, async (req, res) => {
    const session = actionSession(deps, req, res);
    if (!session) return;
    const result = await context.poller.pollNow();
    const text = result.ok
      ? 'Refreshed from Netatmo.'
      : result.deferred
        ? 'The bridge is holding back to stay within the Netatmo request budget; it refreshes as soon as it may.'
        : `The refresh failed: ${result.error?.message ?? 'unknown error'}.`;
    backToAdmin(res, session, { kind: result.ok ? 'success' : 'error', text });
  });

  router.post('/admin/settings', formParser, async (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    const form = settingsForm.safeParse(req.body);
    if (!form.success) {
      backToAdmin(res, session, { kind: 'error', text: firstProblem(form.error) }, '#settings-title');
      return;
    }
    const { pollIntervalS, staleThresholdS, preferredPath } = form.data;
    const missing = cloudPathMissing(context.config);
    if (preferredPath === 'cloud' && missing.length > 0) {
      backToAdmin(res, session, { kind: 'error', text: cloudPathProblem(missing) }, '#settings-title');
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
    backToAdmin(res, session, { kind: 'success', text: `Settings saved: poll every ${pollIntervalS} s, stale after ${staleThresholdS} s, ${preferredPath === 'lan' ? 'LAN' : 'cloud'} path preferred.` });
  });

  return router;
}

/** authorisePost plus the plain action form (only the CSRF token). */
function actionSession(deps: WebDeps, req: Request, res: Response): Session | null {
  const session = authorisePost(deps, req, res);
  if (!session) return null;
  if (!actionForm.safeParse(req.body).success) {
    sendMessagePage(deps, res, 400, 'Form refused', 'The form could not be read. Open the Admin page and try again.');
    return null;
  }
  return session;
}

function sendSignIn(deps: WebDeps, res: Response, status: number, error: string | null): void {
  res.status(status).set('cache-control', 'no-store');
  const body = renderSignIn({ error, passwordSource: deps.password.source });
  res.type('html').send(page({ title: 'Sign in', current: 'admin', version: deps.context.bridgeInfo().version, body }));
}

function adminView(deps: WebDeps, req: Request, session: Session, flash: Session['flash']): AdminView {
  const { context } = deps;
  const settings = context.store.data.settings;
  // In the demo the context's credentials are the simulator's: offer the real account's instead.
  const known = context.simulator ? (deps.realStore.data.netatmo.credentials ?? envCredentials(deps)) : context.tokens.credentials();
  const status = currentStatusView(context).netatmo;
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
    pairing: { closesAt: context.pairing.closesAt(), closesText: untilText(context.pairing.closesAt(), context.now()) },
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
