// POST /oauth2/token of the simulator: the authorization_code and refresh_token grants (the refresh
// token rotates), with Netatmo's OAuth error answers (docs/netatmo.md#tokens).
import type { Request, RequestHandler, Response } from 'express';
import { sendOAuthError } from './envelopes.js';
import { TOKEN_ENDPOINT } from './faults.js';
import type { FaultResponder } from './fault-responses.js';
import type { FaultController } from './faults.js';
import type { AuthorizationCodes } from './oauth-codes.js';
import type { TokenRegistry } from './tokens.js';

export interface OAuthDeps {
  clientId: string;
  clientSecret: string;
  tokens: TokenRegistry;
  faults: FaultController;
  respondToFault: FaultResponder;
  nowMs: () => number;
}

export function str(value: unknown): string {
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

/** An injected fault answered instead of the grant: true when the request is answered. */
function answeredByFault(deps: OAuthDeps, req: Request, res: Response): boolean {
  const fault = deps.faults.take(TOKEN_ENDPOINT);
  if (!fault) return false;
  if (fault.kind === 'invalid_grant') {
    res.locals.fault = fault.kind;
    sendOAuthError(res, 400, 'invalid_grant');
    return true;
  }
  return deps.respondToFault(fault, req, res);
}

export function tokenEndpoint(deps: OAuthDeps, codes: AuthorizationCodes): RequestHandler {
  return (req, res) => {
    res.locals.endpoint = TOKEN_ENDPOINT;
    res.set('cache-control', 'no-store');
    if (answeredByFault(deps, req, res)) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grantType = str(body.grant_type);
    if (!grantType) return sendOAuthError(res, 400, 'invalid_request');
    if (grantType !== 'refresh_token' && grantType !== 'authorization_code') return sendOAuthError(res, 400, 'unsupported_grant_type');
    const client = clientCredentials(req);
    if (client.id !== deps.clientId || client.secret !== deps.clientSecret) return sendOAuthError(res, 400, 'invalid_client');
    if (grantType === 'refresh_token') refreshGrant(deps, body, res);
    else codeGrant(deps, codes, client.id, body, res);
  };
}

function refreshGrant(deps: OAuthDeps, body: Record<string, unknown>, res: Response): void {
  const refreshToken = str(body.refresh_token);
  if (!refreshToken) return sendOAuthError(res, 400, 'invalid_request');
  const pair = deps.tokens.rotate(refreshToken);
  if (!pair) return sendOAuthError(res, 400, 'invalid_grant');
  res.status(200).json(pair);
}

function codeGrant(deps: OAuthDeps, codes: AuthorizationCodes, clientId: string, body: Record<string, unknown>, res: Response): void {
  const code = str(body.code);
  if (!code) return sendOAuthError(res, 400, 'invalid_request');
  const pending = codes.take(code); // single use, even when the exchange fails
  if (!pending || pending.clientId !== clientId || pending.expiresAtMs <= deps.nowMs() || pending.redirectUri !== str(body.redirect_uri)) {
    return sendOAuthError(res, 400, 'invalid_grant');
  }
  res.status(200).json(deps.tokens.issuePair(pending.scope));
}
