// Netatmo access/refresh tokens: the most common way these integrations die (netatmo-api.md §2.2).
// Netatmo rotates the refresh token on every refresh and kills the old one at once, so:
// - one refresh at a time (single-flight: concurrent callers share the same promise);
// - the new pair is written to the store (atomic on disk) BEFORE anyone uses it;
// - on invalid_grant the store is re-read once: another process may have rotated the token;
//   if nothing newer is there, status becomes auth_required and no further refresh is attempted
//   until new tokens or credentials are stored (no retry loops against Netatmo);
// - the NETATMO_REFRESH_TOKEN from the environment seeds an empty store only; after the first
//   rotation the store wins, so a restart with the now-dead env token keeps working.
import type { Logger } from '../util/logger.js';
import type { Store } from '../store/store.js';
import type { NetatmoCredentials, NetatmoTokens } from '../store/types.js';
import type { RateBudget } from './budget.js';
import { NetatmoError } from './errors.js';
import { postTokenRequest, TOKEN_ENDPOINT } from './token-endpoint.js';
import { describeError, TokenStore, tokensFromResponse } from './token-store.js';

export { tokensFromResponse };

export type TokenStatus = 'ok' | 'auth_required' | 'not_configured';
export type TokenStatusListener = (status: TokenStatus, error: NetatmoError | null) => void;

export interface TokenManagerOptions {
  store: Store;
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

interface BlockedOn {
  refreshToken: string | null;
  credentialsKey: string;
  at: number;
}

export class TokenManager {
  readonly tokenUrl: string;
  readonly budget: RateBudget;
  private readonly store: Store;
  private readonly log: Logger;
  private readonly envCredentials: NetatmoCredentials | null;
  private readonly envRefreshToken: string | null;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly marginMs: number;
  private readonly blockedRecheckMs: number;
  private readonly onRefreshed: (() => void) | undefined;

  private inflight: Promise<string> | null = null;
  private blocked: BlockedOn | null = null;
  private readonly saved: TokenStore;
  private envTokenTried = false;
  private lastErrorValue: NetatmoError | null = null;
  private lastStatus: TokenStatus | null = null;
  private readonly listeners = new Set<TokenStatusListener>();

  constructor(options: TokenManagerOptions) {
    this.store = options.store;
    this.tokenUrl = options.tokenUrl;
    this.budget = options.budget;
    this.log = options.logger;
    this.envCredentials = options.envCredentials ?? null;
    this.envRefreshToken = options.envRefreshToken?.trim() ? options.envRefreshToken.trim() : null;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.blockedRecheckMs = options.blockedRecheckMs ?? 5 * 60_000;
    this.onRefreshed = options.onRefreshed;
    this.saved = new TokenStore(this.store, this.log);
    this.lastStatus = this.status();
  }

  /** Client id/secret in force: the store's (set on the status page) or the environment's. */
  credentials(): NetatmoCredentials | null {
    return this.store.data.netatmo.credentials ?? this.envCredentials;
  }

  status(): TokenStatus {
    let status: TokenStatus;
    if (!this.credentials()) status = 'not_configured';
    else if (this.isBlocked()) status = 'auth_required';
    else if (!this.currentTokens() && !this.envRefreshToken) status = 'not_configured';
    else status = 'ok';
    this.publish(status);
    return status;
  }

  /** The error that led to auth_required (or the last refresh failure), for the status page. */
  lastError(): NetatmoError | null {
    return this.lastErrorValue;
  }

  onStatusChange(listener: TokenStatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A valid access token; refreshes first when it is missing or expires within the margin. */
  async getAccessToken(): Promise<string> {
    await this.saved.saveUnsaved();
    await this.recheckWhileBlocked();
    this.assertUsable();
    const tokens = this.currentTokens();
    if (tokens && this.isFresh(tokens)) return tokens.accessToken;
    return this.refreshOnce();
  }

  /**
   * Netatmo rejected `rejectedAccessToken` (code 2/3). If the store already holds another, fresh
   * token (someone refreshed meanwhile) that one is returned without a refresh.
   */
  async refreshAfterRejection(rejectedAccessToken: string): Promise<string> {
    this.assertUsable();
    const tokens = this.currentTokens();
    if (tokens && tokens.accessToken !== rejectedAccessToken && this.isFresh(tokens)) return tokens.accessToken;
    return this.refreshOnce();
  }

  /** Saves a pair from the OAuth code exchange (or the status page) and leaves auth_required. */
  async storeNewTokens(tokens: NetatmoTokens): Promise<void> {
    await this.store.update((draft) => {
      draft.netatmo.tokens = tokens;
    });
    this.saved.dropUnsaved();
    this.blocked = null;
    this.lastErrorValue = null;
    this.status();
    this.log.info({ expiresAt: tokens.expiresAt, scope: tokens.scope }, 'new Netatmo tokens stored');
  }

  /** Saves client id/secret entered on the status page (they win over the environment). */
  async storeCredentials(credentials: NetatmoCredentials): Promise<void> {
    await this.store.update((draft) => {
      draft.netatmo.credentials = credentials;
    });
    this.status();
  }

  private currentTokens(): NetatmoTokens | null {
    return this.saved.current();
  }

  private isFresh(tokens: NetatmoTokens): boolean {
    const expiresAt = Date.parse(tokens.expiresAt);
    return Number.isFinite(expiresAt) && expiresAt - this.now() > this.marginMs;
  }

  private credentialsKey(): string {
    const credentials = this.credentials();
    // Only used to notice a change; the secret itself is never kept outside the store.
    return credentials ? `${credentials.clientId}:${credentials.clientSecret.length}:${hash(credentials.clientSecret)}` : '';
  }

  /** Blocked until the store holds another refresh token or other credentials than at the block. */
  private isBlocked(): boolean {
    if (!this.blocked) return false;
    const current = this.currentTokens()?.refreshToken ?? null;
    if (current !== this.blocked.refreshToken || this.credentialsKey() !== this.blocked.credentialsKey) {
      this.blocked = null;
      this.lastErrorValue = null;
      this.log.info('new Netatmo tokens or credentials found: trying again');
      return false;
    }
    return true;
  }

  private async recheckWhileBlocked(): Promise<void> {
    if (!this.blocked || this.now() - this.blocked.at < this.blockedRecheckMs) return;
    this.blocked.at = this.now();
    try {
      await this.store.reload();
    } catch (error) {
      this.log.warn({ err: describeError(error) }, 'could not re-read the data file');
    }
  }

  private assertUsable(): void {
    const status = this.status();
    if (status === 'ok') return;
    if (status === 'auth_required') {
      throw this.lastErrorValue ?? new NetatmoError({ kind: 'invalid_grant', endpoint: TOKEN_ENDPOINT, message: 'Netatmo needs to be reconnected on the status page' });
    }
    throw new NetatmoError({
      kind: 'not_configured',
      endpoint: TOKEN_ENDPOINT,
      message: this.credentials()
        ? 'Netatmo is not connected yet: connect it on the status page'
        : 'Netatmo client id and secret are not set: enter them on the status page or set NETATMO_CLIENT_ID and NETATMO_CLIENT_SECRET',
    });
  }

  private refreshOnce(): Promise<string> {
    this.inflight ??= this.refreshNow().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async refreshNow(): Promise<string> {
    this.assertUsable();
    const refreshToken = this.currentTokens()?.refreshToken ?? this.envRefreshToken;
    if (!refreshToken) throw new NetatmoError({ kind: 'not_configured', endpoint: TOKEN_ENDPOINT, message: 'Netatmo is not connected yet: connect it on the status page' });
    try {
      return await this.refreshWith(refreshToken);
    } catch (error) {
      if (!(error instanceof NetatmoError)) throw error;
      if (error.kind === 'invalid_grant') return this.recoverFromInvalidGrant(refreshToken, error);
      // invalid_client / unauthorized_client: repeating the same request cannot help.
      if (error.kind === 'auth') this.block(error);
      else this.lastErrorValue = error;
      throw error;
    }
  }

  private async refreshWith(refreshToken: string): Promise<string> {
    const credentials = this.credentials();
    if (!credentials) throw new NetatmoError({ kind: 'not_configured', endpoint: TOKEN_ENDPOINT, message: 'Netatmo client id and secret are not set' });
    if (refreshToken === this.envRefreshToken) this.envTokenTried = true;
    const response = await postTokenRequest(
      { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: credentials.clientId, client_secret: credentials.clientSecret },
      { tokenUrl: this.tokenUrl, budget: this.budget, timeoutMs: this.timeoutMs, now: this.now },
      ({ durationMs, httpStatus, error }) => this.log.debug({ endpoint: TOKEN_ENDPOINT, outcome: error?.kind ?? 'ok', durationMs: Math.round(durationMs), httpStatus }, 'netatmo call'),
    );
    const tokens = tokensFromResponse(response, this.now());
    await this.saved.save(tokens);
    this.lastErrorValue = null;
    this.log.info({ expiresAt: tokens.expiresAt }, 'Netatmo access token refreshed');
    this.status();
    try {
      this.onRefreshed?.();
    } catch (error) {
      this.log.error({ err: describeError(error) }, 'token refresh listener failed');
    }
    return tokens.accessToken;
  }

  private async recoverFromInvalidGrant(usedRefreshToken: string, error: NetatmoError): Promise<string> {
    let onDisk: NetatmoTokens | null = null;
    try {
      onDisk = (await this.store.reload()).netatmo.tokens;
    } catch (reloadError) {
      this.log.warn({ err: describeError(reloadError) }, 'could not re-read the data file after invalid_grant');
    }
    try {
      if (onDisk && onDisk.refreshToken !== usedRefreshToken) {
        this.log.info('Netatmo refused the refresh token but the data file holds a newer pair (another process rotated it): using that');
        this.saved.dropUnsaved();
        if (this.isFresh(onDisk)) return onDisk.accessToken;
        return await this.refreshWith(onDisk.refreshToken);
      }
      // The user may have put a new NETATMO_REFRESH_TOKEN in the environment after the stored one
      // died: try it once per process (a rotated-away env token just fails again, once).
      if (this.envRefreshToken && this.envRefreshToken !== usedRefreshToken && !this.envTokenTried) {
        this.log.info('stored Netatmo refresh token refused: trying NETATMO_REFRESH_TOKEN once');
        return await this.refreshWith(this.envRefreshToken);
      }
    } catch (retryError) {
      if (retryError instanceof NetatmoError && (retryError.kind === 'invalid_grant' || retryError.kind === 'auth')) {
        this.block(retryError);
      }
      throw retryError;
    }
    this.block(error);
    throw error;
  }

  private block(error: NetatmoError): void {
    this.blocked = { refreshToken: this.currentTokens()?.refreshToken ?? null, credentialsKey: this.credentialsKey(), at: this.now() };
    this.lastErrorValue = error;
    this.log.warn({ kind: error.kind, code: error.code, netatmoMessage: error.netatmoMessage }, error.message);
    this.status();
  }

  private publish(status: TokenStatus): void {
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    for (const listener of this.listeners) {
      try {
        listener(status, this.lastErrorValue);
      } catch (error) {
        this.log.error({ err: describeError(error) }, 'token status listener failed');
      }
    }
  }
}

/** Tiny non-cryptographic fingerprint (FNV-1a) so the secret itself is not kept around. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
