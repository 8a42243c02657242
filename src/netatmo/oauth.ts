// The Netatmo "connect" flow (authorization_code grant; netatmo-api.md §2.1): build the authorize
// address, read the code back (from the redirect, or from an address the user pastes when the
// bridge is not reachable from the browser), exchange it for the first token pair and store it.
// Checking `state` against the value the caller issued is the caller's job (it owns the session).
import type { NetatmoTokens } from '../store/types.js';
import { NetatmoError } from './errors.js';
import { postTokenRequest, TOKEN_ENDPOINT } from './token-endpoint.js';
import { tokensFromResponse, type TokenManager } from './tokens.js';

export const DEFAULT_SCOPES = ['read_thermostat', 'write_thermostat'] as const;

export interface AuthorizeUrlParams {
  /** NETATMO_API_URL, e.g. https://api.netatmo.com */
  apiUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  scopes?: readonly string[];
}

export function buildAuthorizeUrl(params: AuthorizeUrlParams): string {
  const url = new URL(`${withoutTrailingSlash(params.apiUrl)}/oauth2/authorize`);
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('scope', (params.scopes ?? DEFAULT_SCOPES).join(' '));
  url.searchParams.set('state', params.state);
  return url.toString();
}

function withoutTrailingSlash(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '');
}

export interface ExchangeCodeParams {
  code: string;
  redirectUri: string;
  tokens: TokenManager;
  scopes?: readonly string[];
  timeoutMs?: number;
  now?: () => number;
}

/** Exchanges an authorization code for a token pair and stores it (leaving auth_required). */
export async function exchangeAuthorizationCode(params: ExchangeCodeParams): Promise<NetatmoTokens> {
  const credentials = params.tokens.credentials();
  if (!credentials) {
    throw new NetatmoError({
      kind: 'not_configured',
      endpoint: TOKEN_ENDPOINT,
      message: 'Netatmo client id and secret are not set: enter them before connecting',
    });
  }
  const now = params.now ?? Date.now;
  const response = await postTokenRequest(
    {
      grant_type: 'authorization_code',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      code: params.code,
      redirect_uri: params.redirectUri,
      scope: (params.scopes ?? DEFAULT_SCOPES).join(' '),
    },
    { tokenUrl: params.tokens.tokenUrl, budget: params.tokens.budget, timeoutMs: params.timeoutMs ?? 10_000, now },
  );
  const stored = tokensFromResponse(response, now());
  await params.tokens.storeNewTokens(stored);
  return stored;
}

export type RedirectParseResult =
  | { ok: true; code: string; state: string | null }
  | { ok: false; reason: 'access_denied' | 'oauth_error' | 'missing_code' | 'unreadable'; message: string };

/**
 * Reads `code` and `state` from what a user pasted: the whole address the browser ended on
 * (`http://…/callback?code=…&state=…`), just its query (`?code=…` or `code=…&state=…`).
 */
export function parseRedirectedUrl(pasted: string): RedirectParseResult {
  const text = pasted.trim();
  if (text === '') return { ok: false, reason: 'unreadable', message: 'Paste the whole address your browser showed after you allowed access.' };

  let params: URLSearchParams;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) params = new URL(text).searchParams;
    else if (text.includes('?')) params = new URLSearchParams(text.slice(text.indexOf('?') + 1));
    else params = new URLSearchParams(text);
  } catch {
    return { ok: false, reason: 'unreadable', message: 'That does not look like a web address. Paste the whole address your browser showed after you allowed access.' };
  }
  // A fragment can trail the query when pasted from some browsers.
  const state = params.get('state')?.split('#')[0] ?? null;

  const error = params.get('error');
  if (error === 'access_denied') {
    return { ok: false, reason: 'access_denied', message: 'Access was refused on the Netatmo page. Start again and choose "Yes, I accept".' };
  }
  if (error) {
    return { ok: false, reason: 'oauth_error', message: `Netatmo answered with the error "${error.slice(0, 60)}". Start the connection again.` };
  }
  const code = params.get('code')?.split('#')[0];
  if (!code) {
    return { ok: false, reason: 'missing_code', message: 'The address holds no authorization code. Paste the address of the page you landed on after allowing access.' };
  }
  return { ok: true, code, state };
}
