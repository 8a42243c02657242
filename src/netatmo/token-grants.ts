// The two ways Netatmo hands out a token pair (POST /oauth2/token): an authorization code from the
// "connect" flow, or a refresh token (the bridge's own, or one the user typed in the SmartApp).
// Only the TokenManager calls this: it alone decides where the new pair is stored.
import type { NetatmoCredentials, NetatmoTokens } from './token-repository.js';
import { postTokenRequest, type TokenCallOutcome, type TokenEndpointOptions } from './token-endpoint.js';
import type { NetatmoError } from './errors.js';
import { tokensFromResponse } from './token-store.js';

export const DEFAULT_SCOPES = ['read_thermostat', 'write_thermostat'] as const;

export type TokenGrant =
  | { kind: 'authorization_code'; code: string; redirectUri: string; scopes?: readonly string[] }
  | { kind: 'refresh_token'; refreshToken: string };

function grantForm(credentials: NetatmoCredentials, grant: TokenGrant): Record<string, string> {
  const client = { client_id: credentials.clientId, client_secret: credentials.clientSecret };
  if (grant.kind === 'refresh_token') return { grant_type: 'refresh_token', refresh_token: grant.refreshToken, ...client };
  return {
    grant_type: 'authorization_code',
    ...client,
    code: grant.code,
    redirect_uri: grant.redirectUri,
    scope: (grant.scopes ?? DEFAULT_SCOPES).join(' '),
  };
}

/** One token request; the pair it returns is not stored yet. */
export async function requestTokens(
  credentials: NetatmoCredentials,
  grant: TokenGrant,
  options: TokenEndpointOptions,
  onOutcome?: (outcome: TokenCallOutcome & { error: NetatmoError | null }) => void,
): Promise<NetatmoTokens> {
  const response = await postTokenRequest(grantForm(credentials, grant), options, onOutcome);
  return tokensFromResponse(response, options.now());
}
