// The admin page's one-button actions: rotate the LAN token, open the pairing window, poll now.
import type { Request, RequestHandler, Response } from 'express';
import { untilText } from '../i18n/format.js';
import { generateLanToken } from '../store/index.js';
import type { Session } from './auth/sessions.js';
import { actionForm } from './forms.js';
import { translatorFor } from './language.js';
import { authorisePost, backToAdmin, sendMessagePage, type WebDeps } from './web-deps.js';

/** POST /admin/lan-token/rotate: paired hubs must pair again. */
export function rotateLanToken(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return async (req, res) => {
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
  };
}

/** POST /admin/pairing/open. */
export function openPairing(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return (req, res) => {
    const session = actionSession(deps, req, res);
    if (!session) return;
    const closesAt = new Date(context.pairing.open()).toISOString();
    context.logger.info({ closesAt }, 'pairing window opened from the admin page');
    const tr = translatorFor(req);
    const closes = untilText(closesAt, context.now(), tr) ?? tr.t('time.soon');
    backToAdmin(res, session, { kind: 'success', text: tr.t('admin.pairingOpened', { when: closes }) });
  };
}

/** POST /admin/refresh: one poll now. */
export function refreshNow(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return async (req, res) => {
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
  };
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

