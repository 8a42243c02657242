// /oauth2/authorize (consent page → redirect with a code) and /oauth2/token (authorization_code
// and refresh_token grants with rotation, oauth-token.ts), answering like Netatmo
// (docs/netatmo.md#tokens).
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { consentPage, errorPage, type ConsentRequest } from './authorize-page.js';
import { isLoopbackUrl } from './loopback.js';
import { AuthorizationCodes } from './oauth-codes.js';
import { str, tokenEndpoint, type OAuthDeps } from './oauth-token.js';

export type { OAuthDeps } from './oauth-token.js';

export function oauthRouter(deps: OAuthDeps): Router {
  const router = express.Router();
  const codes = new AuthorizationCodes(deps.nowMs);
  const form = express.urlencoded({ extended: false });
  router.get('/oauth2/authorize', showConsent(deps));
  router.post('/oauth2/authorize', form, answerConsent(deps, codes));
  router.post('/oauth2/token', form, tokenEndpoint(deps, codes));
  return router;
}

function consentRequest(deps: OAuthDeps, source: Record<string, unknown>): ConsentRequest | string {
  const request = { clientId: str(source.client_id), redirectUri: str(source.redirect_uri), scope: str(source.scope) || 'read_station', state: str(source.state) };
  if (request.clientId !== deps.clientId) return 'Unknown client_id: this application is not registered with the simulator.';
  if (!request.redirectUri) return 'Missing redirect_uri.';
  if (!isLoopbackUrl(request.redirectUri)) return 'redirect_uri must point to this machine (localhost / 127.0.0.1) when using the simulator.';
  return request;
}

/** GET /oauth2/authorize: the consent page. */
function showConsent(deps: OAuthDeps): RequestHandler {
  return (req: Request, res: Response) => {
    res.locals.endpoint = 'oauth2/authorize';
    const request = consentRequest(deps, req.query);
    if (typeof request === 'string') {
      res.status(400).type('html').send(errorPage(request));
      return;
    }
    res.status(200).type('html').send(consentPage(request));
  };
}

/** POST /oauth2/authorize: the user's answer, back to the redirect URI with a code or access_denied. */
function answerConsent(deps: OAuthDeps, codes: AuthorizationCodes): RequestHandler {
  return (req: Request, res: Response) => {
    res.locals.endpoint = 'oauth2/authorize';
    const body = (req.body ?? {}) as Record<string, unknown>;
    const request = consentRequest(deps, body);
    if (typeof request === 'string') {
      res.status(400).type('html').send(errorPage(request));
      return;
    }
    const target = new URL(request.redirectUri);
    if (str(body.decision) === 'allow') {
      const scope = request.scope.split(/[\s+]+/).filter(Boolean);
      target.searchParams.set('code', codes.issue({ clientId: request.clientId, redirectUri: request.redirectUri, scope }));
    } else {
      target.searchParams.set('error', 'access_denied');
    }
    if (request.state) target.searchParams.set('state', request.state);
    res.redirect(302, target.toString());
  };
}
