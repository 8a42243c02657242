// The Netatmo "connect" flow (authorization_code grant): build the authorize address and read the
// code back (from the redirect, or from an address the user pastes when the bridge is not reachable
// from the browser). Exchanging it and storing the pair is TokenManager.connect()'s job.
// Checking `state` against the value the caller issued is the caller's job (it owns the session).
import { DEFAULT_SCOPES } from './token-grants.js';

export { DEFAULT_SCOPES };

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

/** Netatmo's token endpoint (code exchange and refresh) under NETATMO_API_URL. */
export function tokenUrlOf(apiUrl: string): string {
  return `${withoutTrailingSlash(apiUrl)}/oauth2/token`;
}

function withoutTrailingSlash(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '');
}

export type RedirectParseResult =
  | { ok: true; code: string; state: string | null }
  | { ok: false; reason: 'access_denied' | 'oauth_error' | 'missing_code' | 'unreadable' | 'empty'; message: string; error?: string };

/**
 * Reads `code` and `state` from what a user pasted: the whole address the browser ended on
 * (`http://…/callback?code=…&state=…`), just its query (`?code=…` or `code=…&state=…`).
 */
export function parseRedirectedUrl(pasted: string): RedirectParseResult {
  const text = pasted.trim();
  if (text === '') return { ok: false, reason: 'empty', message: 'Paste the whole address your browser showed after you allowed access.' };

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
    return { ok: false, reason: 'oauth_error', error: error.slice(0, 60), message: `Netatmo answered with the error "${error.slice(0, 60)}". Start the connection again.` };
  }
  const code = params.get('code')?.split('#')[0];
  if (!code) {
    return { ok: false, reason: 'missing_code', message: 'The address holds no authorization code. Paste the address of the page you landed on after allowing access.' };
  }
  return { ok: true, code, state };
}
