// The admin page and its actions: sign in/out (admin-sign-in.ts), LAN token rotation, pairing
// window and refresh (admin-actions.ts), settings (admin-settings.ts). Netatmo connection routes are
// in oauth-routes.ts.
import express, { type RequestHandler, type Router } from 'express';
import { openPairing, refreshNow, rotateLanToken } from './admin-actions.js';
import { renderAdmin } from './admin-render.js';
import { saveSettings } from './admin-settings.js';
import { sendSignIn, signIn, signOut } from './admin-sign-in.js';
import { adminView } from './admin-view.js';
import { formParser } from './form-parser.js';
import { translatorFor } from './language.js';
import { page } from './layout.js';
import { sessionOf, type WebDeps } from './web-deps.js';

export function adminRouter(deps: WebDeps): Router {
  const router = express.Router();
  router.get('/admin', showAdmin(deps));
  router.post('/admin/sign-in', formParser, signIn(deps));
  router.post('/admin/sign-out', formParser, signOut(deps));
  router.post('/admin/lan-token/rotate', formParser, rotateLanToken(deps));
  router.post('/admin/pairing/open', formParser, openPairing(deps));
  router.post('/admin/refresh', formParser, refreshNow(deps));
  router.post('/admin/settings', formParser, saveSettings(deps));
  return router;
}

/** GET /admin: the page, or the sign-in form. */
function showAdmin(deps: WebDeps): RequestHandler {
  const { context } = deps;
  return (req, res) => {
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
  };
}
