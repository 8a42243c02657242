// The web feature: status page (open), admin page and guided Netatmo connection (password), the
// history chart's data and the bundled assets. Registered in defaultFeatures() (src/bridge/features.ts).
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Feature } from '../core/feature.js';
import type { WebFeatureDeps } from './web-deps.js';
import { moduleLogger } from '../util/logger.js';
import { adminRouter } from './admin-routes.js';
import { formParser } from './form-parser.js';
import { assetsRouter } from './assets.js';
import { prepareAdminPassword } from './auth/admin-password.js';
import { SessionStore } from './auth/sessions.js';
import { SignInThrottle } from './auth/throttle.js';
import { HistoryService } from './history.js';
import { languageRouter, translatorFor } from './language.js';
import { moveActions } from '../moving/actions.js';
import { moveRouter } from './move-routes.js';
import { oauthRouter } from './oauth-routes.js';
import { statusRouter } from './status-routes.js';
import { sendMessagePage, type WebDeps } from './web-deps.js';

export async function webFeature(context: WebFeatureDeps): Promise<Feature> {
  const logger = moduleLogger(context.logger, 'web');
  const realStore = context.realStore;
  const password = await prepareAdminPassword({ store: realStore, configured: context.config.adminPassword, logger });
  const deps: WebDeps = {
    context: { ...context, logger },
    realStore,
    sessions: new SessionStore({ now: context.now }),
    password,
    throttle: new SignInThrottle({ now: context.now }),
  };
  const history = new HistoryService({ api: context.api, now: context.now });

  const router: Router = express.Router();
  router.use(securityHeaders(new URL(context.config.netatmo.apiUrl).origin));
  router.use(assetsRouter());
  router.use(languageHeaders);
  router.use(
    languageRouter(formParser, (req, res, status) => {
      const tr = translatorFor(req);
      sendMessagePage(deps, req, res, status, tr.t('message.formRefusedTitle'), tr.t('message.languageRefused'));
    }),
  );
  router.use(statusRouter(deps.context, history));
  router.use(adminRouter(deps));
  router.use(oauthRouter(deps));
  router.use(moveRouter(deps, moveActions(context, realStore)));
  router.use(formErrors(deps));
  return {
    name: 'web',
    routes: { open: [router] },
  };
}

const OWN_PATHS = /^\/(?:$|status|admin|oauth\/|history\/|assets\/|language$)/;
const TRANSLATED_PATHS = /^\/(?:$|status|admin|oauth\/|history\/|language$)/;

/** Pages follow the request's language (cookie, then Accept-Language): say so, for caches too. */
const languageHeaders: express.RequestHandler = (req, res, next) => {
  if (TRANSLATED_PATHS.test(req.path)) {
    res.set('content-language', translatorFor(req).locale);
    res.vary('Accept-Language');
    res.vary('Cookie');
  }
  next();
};

/** Strict browser policies for the pages; forms may only post here or (redirect) to Netatmo's authorize page. */
function securityHeaders(netatmoOrigin: string): express.RequestHandler {
  const csp = [
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    `form-action 'self' ${netatmoOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return (req, res, next) => {
    // Only this feature's pages: the routers mounted after it (SmartApp, webhooks) answer machines.
    if (OWN_PATHS.test(req.path)) {
      res.set('x-content-type-options', 'nosniff');
      res.set('x-frame-options', 'DENY');
      res.set('referrer-policy', 'same-origin');
      res.set('content-security-policy', csp);
    }
    next();
  };
}

/** Body-parser failures on the admin forms become a page, not the LAN API's JSON error. */
function formErrors(deps: WebDeps): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const type = (error as { type?: string } | null)?.type;
    if (type === 'entity.too.large' || type === 'parameters.too.many') {
      const tr = translatorFor(req);
      sendMessagePage(deps, req, res, 413, tr.t('message.formRefusedTitle'), tr.t('message.formTooLarge'));
      return;
    }
    next(error);
  };
}
