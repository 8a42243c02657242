// The token manager's public types (src/netatmo/tokens.ts).
import type { Logger } from '../util/logger.js';
import type { RateBudget } from './budget.js';
import type { NetatmoError } from './errors.js';
import type { NetatmoCredentials, NetatmoTokens, TokenRepository } from './token-repository.js';

/** moved: the connection was exported to another machine (src/moving/): no more token requests here. */
export type TokenStatus = 'ok' | 'auth_required' | 'not_configured' | 'moved';
export type TokenStatusListener = (status: TokenStatus, error: NetatmoError | null) => void;

export interface TokenManagerOptions {
  /** Where the pair is saved (the data file: storeTokenRepository in src/store/). */
  repository: TokenRepository;
  /** NETATMO_API_URL + '/oauth2/token' */
  tokenUrl: string;
  budget: RateBudget;
  logger: Logger;
  /** Client id/secret from the environment; credentials saved in the store (status page) win. */
  envCredentials?: NetatmoCredentials | null;
  /** NETATMO_REFRESH_TOKEN: used only while the store holds no tokens. */
  envRefreshToken?: string | null;
  now?: () => number;
  timeoutMs?: number;
  /** Refresh this long before the access token expires (default 5 min). */
  refreshMarginMs?: number;
  /** While auth_required, re-read the data file at most this often (another process may reconnect). */
  blockedRecheckMs?: number;
  /** Told after every successful refresh (metrics); never given the tokens themselves. */
  onRefreshed?: () => void;
}

/** What connect() got: the pair, and whether it reached the data file (else it lives in memory). */
export interface ConnectResult {
  tokens: NetatmoTokens;
  saved: boolean;
  /** Why it is not saved (the store's words), when it is not. */
  notSavedBecause: string | null;
}
