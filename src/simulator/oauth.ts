// /oauth2/authorize (consent page → redirect with a code) and /oauth2/token (authorization_code
// and refresh_token grants with rotation), answering like Netatmo (docs/netatmo.md#tokens).
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { consentPage, errorPage, type ConsentRequest } from './authorize-page.js';
import { sendOAuthError } from './envelopes.js';
import type { FaultController } from './faults.js';
import { TOKEN_ENDPOINT } from './faults.js';
import { isLoopbackUrl } from './loopback.js';
import type { TokenRegistry } from './tokens.js';
import type { FaultResponder } from './fault-responses.js';

const CODE_TTL_MS = 10 * 60_000;

interface PendingCode {
  clientId: string;
  redirectUri: string;
  scope: string[];
  expiresAtMs: number;
}

export interface OAuthDeps {
  clientId: string;
  clientSecret: string;
  tokens: TokenRegistry;
  faults: FaultController;
  respondToFault: FaultResponder;
  nowMs: () => number;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** client_id/client_secret from the form, or from HTTP Basic auth. */
function clientCredentials(req: Request): { id: string; secret: string } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { id: str(body.client_id), secret: str(body.client_secret) };
}

export function oauthRouter(deps: OAuthDeps): Router {
  const router = express.Router();
  const codes = new Map<string, PendingCode>();
  const form = express.urlencoded({ extended: false });

  function consentRequest(source: Record<string, unknown>): ConsentRequest | string {
    const request = { clientId: str(source.client_id), redirectUri: str(source.redirect_uri), scope: str(source.scope) || 'read_station', state: str(source.state) };
    if (request.clientId !== deps.clientId) return 'Unknown client_id: this application is not registered with the simulator.';
    if (!request.redirectUri) return 'Missing redirect_uri.';
    if (!isLoopbackUrl(request.redirectUri)) return 'redirect_uri must point to this machine (localhost / 127.0.0.1) when using the simulator.';
    return request;
  }

  router.get('/oauth2/authorize', (req: Request, res: Response) => {
    res.locals.endpoint = 'oauth2/authorize';
    const request = consentRequest(req.query);
    if (typeof request === 'string') {
      res.status(400).type('html').send(errorPage(request));
      return;
    }
    res.status(200).type('html').send(consentPage(request));
  });

  router.post('/oauth2/authorize', form, (req: Request, res: Response) => {
    res.locals.endpoint = 'oauth2/authorize';
    const body = (req.body ?? {}) as Record<string, unknown>;
    const request = consentRequest(body);
    if (typeof request === 'string') {
      res.status(400).type('html').send(errorPage(request));
      return;
    }
    const target = new URL(request.redirectUri);
    if (str(body.decision) === 'allow') {
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        scope: request.scope.split(/[\s+]+/).filter(Boolean),
        expiresAtMs: deps.nowMs() + CODE_TTL_MS,
      });
      target.searchParams.set('code', code);
    } else {
      target.searchParams.set('error', 'access_denied');
    }
    if (request.state) target.searchParams.set('state', request.state);
    res.redirect(302, target.toString());
  });

  router.post('/oauth2/token', form, (req: Request, res: Response) => {
    res.locals.endpoint = TOKEN_ENDPOINT;
    res.set('cache-control', 'no-store');
    const fault = deps.faults.take(TOKEN_ENDPOINT);
    if (fault) {
      if (fault.kind === 'invalid_grant') {
        res.locals.fault = fault.kind;
        sendOAuthError(res, 400, 'invalid_grant');
        return;
      }
      if (deps.respondToFault(fault, req, res)) return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grantType = str(body.grant_type);
    if (!grantType) return sendOAuthError(res, 400, 'invalid_request');
    if (grantType !== 'refresh_token' && grantType !== 'authorization_code') return sendOAuthError(res, 400, 'unsupported_grant_type');
    const client = clientCredentials(req);
    if (client.id !== deps.clientId || client.secret !== deps.clientSecret) return sendOAuthError(res, 400, 'invalid_client');

    if (grantType === 'refresh_token') {
      const refreshToken = str(body.refresh_token);
      if (!refreshToken) return sendOAuthError(res, 400, 'invalid_request');
      const pair = deps.tokens.rotate(refreshToken);
      if (!pair) return sendOAuthError(res, 400, 'invalid_grant');
      res.status(200).json(pair);
      return;
    }
    const code = str(body.code);
    if (!code) return sendOAuthError(res, 400, 'invalid_request');
    const pending = codes.get(code);
    codes.delete(code); // single use, even when the exchange fails
    if (!pending || pending.clientId !== client.id || pending.expiresAtMs <= deps.nowMs() || pending.redirectUri !== str(body.redirect_uri)) {
      return sendOAuthError(res, 400, 'invalid_grant');
    }
    res.status(200).json(deps.tokens.issuePair(pending.scope));
  });

  return router;
}
