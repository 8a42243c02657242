// Signing in and out of the admin page: the password check is throttled per address and every
// sign-in gets a fresh session id (no fixation).
import type { Request, RequestHandler, Response } from 'express';
import { clearSessionCookie, originAllowed, setSessionCookie } from './auth/cookies.js';
import { renderSignIn } from './admin-render.js';
import { firstProblem, signInForm } from './forms.js';
import { translatorFor } from './language.js';
import { page } from './layout.js';
import { authorisePost, sessionOf, type WebDeps } from './web-deps.js';

/** POST /admin/sign-in: the password, throttled per address. */
export function signIn(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return async (req, res) => {
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
  };
}

/** POST /admin/sign-out. */
export function signOut(deps: WebDeps): RequestHandler {
  return (req, res) => {
    const session = authorisePost(deps, req, res);
    if (!session) return;
    deps.sessions.destroy(session.id);
    clearSessionCookie(req, res);
    res.redirect(303, '/');
  };
}

export function sendSignIn(deps: WebDeps, req: Request, res: Response, status: number, error: string | null): void {
  const tr = translatorFor(req);
  res.status(status).set('cache-control', 'no-store');
  const body = renderSignIn({ error, passwordSource: deps.password.source }, tr);
  res.type('html').send(page({ tr, title: tr.t('admin.signInTitle'), current: 'admin', version: deps.context.bridgeInfo().version, body }));
}

