// Netatmo access/refresh tokens: the most common way these integrations die (docs/architecture.md,
// Tokens). Netatmo rotates the refresh token on every refresh and kills the old one at once, so:
// - every way of getting a pair goes through here: the refresh, the code exchange of the "connect"
//   flow (status page, `npm run auth`) and a refresh token typed in the SmartApp (connect());
// - one token request at a time (single-flight: concurrent callers share the same promise);
// - the new pair (with the credentials it was issued to) is written to the store in ONE atomic
//   write BEFORE anyone uses it; when the disk refuses it is kept in memory (isSaved() false);
// - on invalid_grant the store is re-read once: another process may have rotated the token;
//   if nothing newer is there, status becomes auth_required and no further refresh is attempted
//   until new tokens or credentials are stored (no retry loops against Netatmo);
// - the NETATMO_REFRESH_TOKEN from the environment seeds an empty store only; after the first
//   rotation the store wins, so a restart with the now-dead env token keeps working.
import type { Logger } from '../util/logger.js';
import { NetatmoError } from './errors.js';
import { RefreshBlock } from './token-block.js';
import { refusalFor, RequestGate } from './token-gate.js';
import { TOKEN_ENDPOINT, type TokenEndpointOptions } from './token-endpoint.js';
import { requestTokens, type TokenGrant } from './token-grants.js';
import { TokenStatusListeners } from './token-status-listeners.js';
import { describeError, TokenStore, tokensFromResponse } from './token-store.js';
import type { NetatmoCredentials, NetatmoTokens, TokenRepository } from './token-repository.js';
import type { ConnectResult, TokenManagerOptions, TokenStatus, TokenStatusListener } from './token-types.js';

export { tokensFromResponse, type TokenGrant };
export type { ConnectResult, TokenManagerOptions, TokenStatus, TokenStatusListener } from './token-types.js';
export type { NetatmoCredentials, NetatmoTokens, TokenRepository, TokenSave } from './token-repository.js';

export class TokenManager {
  private readonly repository: TokenRepository;
  private readonly log: Logger;
  private readonly envCredentials: NetatmoCredentials | null;
  private readonly envRefreshToken: string | null;
  private readonly now: () => number;
  private readonly endpoint: TokenEndpointOptions;
  private readonly marginMs: number;
  private readonly blockedRecheckMs: number;
  private readonly onRefreshed: (() => void) | undefined;

  /** The refresh in progress: concurrent callers share it (single-flight). */
  private refreshing: Promise<string> | null = null;
  /** A connect in progress: a refresh waits for it, and a connect waits for a running refresh. */
  private connecting: Promise<unknown> | null = null;
  private readonly block = new RefreshBlock();
  private readonly gate = new RequestGate();
  private readonly saved: TokenStore;
  private envTokenTried = false;
  private lastErrorValue: NetatmoError | null = null;
  private readonly listeners: TokenStatusListeners;

  constructor(options: TokenManagerOptions) {
    this.repository = options.repository;
    this.log = options.logger;
    this.envCredentials = options.envCredentials ?? null;
    this.envRefreshToken = options.envRefreshToken?.trim() ? options.envRefreshToken.trim() : null;
    this.now = options.now ?? Date.now;
    this.endpoint = { tokenUrl: options.tokenUrl, budget: options.budget, timeoutMs: options.timeoutMs ?? 10_000, now: this.now };
    this.marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.blockedRecheckMs = options.blockedRecheckMs ?? 5 * 60_000;
    this.onRefreshed = options.onRefreshed;
    this.saved = new TokenStore(this.repository, this.log);
    this.listeners = new TokenStatusListeners(this.status(), this.log);
  }

  /** Client id/secret in force: an unsaved connection's, the store's (status page), or the environment's. */
  credentials(): NetatmoCredentials | null {
    return this.saved.unsavedCredentials() ?? this.repository.savedCredentials() ?? this.envCredentials;
  }

  /** The status now (reads only: a reconnect saved elsewhere shows at once, nobody is told). */
  status(): TokenStatus {
    if (this.repository.movedAt() !== null) return 'moved';
    if (!this.credentials()) return 'not_configured';
    if (this.blockHolds()) return 'auth_required';
    if (!this.currentTokens() && !this.envRefreshToken) return 'not_configured';
    return 'ok';
  }

  /**
   * Looks again and acts on what changed: a block that new tokens or credentials ended is lifted,
   * and the listeners hear of a new status. Called after every change here and by the health tick,
   * which notices changes saved elsewhere (status page, SmartApp, another process).
   */
  checkStatus(): TokenStatus {
    if (this.block.active && !this.blockHolds()) {
      this.block.clear();
      this.lastErrorValue = null;
      this.log.info('new Netatmo tokens or credentials found: trying again');
    }
    const status = this.status();
    this.listeners.publish(status, this.lastErrorValue);
    return status;
  }

  /** False while the pair in use exists only in memory (the data file refused it): a restart would lose it. */
  isSaved(): boolean {
    return this.saved.isSaved();
  }

  /** The error that led to auth_required (or the last refresh failure), for the status page. */
  lastError(): NetatmoError | null {
    // A block that new tokens or credentials ended no longer has a cause to show.
    return this.block.active && !this.blockHolds() ? null : this.lastErrorValue;
  }

  onStatusChange(listener: TokenStatusListener): () => void {
    return this.listeners.add(listener);
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

  /**
   * Connects an account: gets a pair with `credentials` (an authorization code, or a refresh token
   * the user typed) and stores both in one write. Rejects with a NetatmoError when Netatmo refuses;
   * a pair Netatmo issued is never lost: when the disk refuses it is kept and used from memory.
   */
  async connect(credentials: NetatmoCredentials, grant: TokenGrant, options: { timeoutMs?: number } = {}): Promise<ConnectResult> {
    const before = [this.refreshing, this.connecting];
    const run = (async () => {
      // A refresh of the old account still in flight must not save its pair over the new one.
      for (const pending of before) await pending?.catch(() => undefined);
      await this.gate.passed();
      const endpoint = { ...this.endpoint, timeoutMs: options.timeoutMs ?? this.endpoint.timeoutMs };
      const tokens = await requestTokens(credentials, grant, endpoint, (o) => this.logCall(o));
      return this.adopt({ tokens, credentials });
    })();
    this.connecting = run;
    void run
      .catch(() => undefined)
      .finally(() => {
        if (this.connecting === run) this.connecting = null;
      });
    return run;
  }

  /**
   * For a move (src/moving/): no token request starts until the returned function is called; those
   * in flight finish and an unsaved pair is written first (isSaved() false: the disk still refuses).
   */
  async holdRequests(): Promise<() => void> {
    const release = this.gate.close();
    for (const pending of [this.refreshing, this.connecting]) await pending?.catch(() => undefined);
    await this.saved.saveUnsaved();
    return release;
  }

  /** Saves a pair obtained elsewhere (tests, tools) and leaves auth_required, like connect(). */
  async storeNewTokens(tokens: NetatmoTokens): Promise<ConnectResult> {
    return this.adopt({ tokens });
  }

  private async adopt(pair: { tokens: NetatmoTokens; credentials?: NetatmoCredentials }): Promise<ConnectResult> {
    const saved = await this.saved.save(pair);
    this.block.clear();
    this.lastErrorValue = null;
    this.envTokenTried = false;
    this.checkStatus();
    this.log.info({ expiresAt: pair.tokens.expiresAt, scope: pair.tokens.scope, saved }, saved ? 'new Netatmo tokens stored' : 'new Netatmo tokens kept in memory: the data file refused them');
    return { tokens: pair.tokens, saved, notSavedBecause: saved ? null : (this.repository.problem() ?? 'the data file could not be written') };
  }

  private currentTokens(): NetatmoTokens | null {
    return this.saved.current();
  }

  private isFresh(tokens: NetatmoTokens): boolean {
    const expiresAt = Date.parse(tokens.expiresAt);
    return Number.isFinite(expiresAt) && expiresAt - this.now() > this.marginMs;
  }

  /** True while a block is on and nothing it waits for (new tokens or credentials) was saved. */
  private blockHolds(): boolean {
    return this.block.active && this.block.holdsFor(this.currentTokens()?.refreshToken ?? null, this.credentials());
  }

  private async recheckWhileBlocked(): Promise<void> {
    if (!this.blockHolds() || !this.block.startRecheckIfDue(this.now(), this.blockedRecheckMs)) return;
    try {
      await this.repository.reload();
    } catch (error) {
      this.log.warn({ err: describeError(error) }, 'could not re-read the data file');
    }
  }

  private assertUsable(): void {
    const status = this.checkStatus();
    if (status === 'ok') return;
    throw refusalFor(status, { lastError: this.lastErrorValue, hasCredentials: this.credentials() !== null, movedAt: this.repository.movedAt() });
  }

  private refreshOnce(): Promise<string> {
    this.refreshing ??= this.refreshAfterConnect().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** A refresh asked for while an account was being connected: the new pair is the answer. */
  private async refreshAfterConnect(): Promise<string> {
    await this.gate.passed();
    if (this.connecting) {
      await this.connecting.catch(() => undefined);
      const tokens = this.currentTokens();
      if (tokens && this.isFresh(tokens)) return tokens.accessToken;
    }
    return this.refreshNow();
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
      if (error.kind === 'auth') this.blockOn(error);
      else this.lastErrorValue = error;
      throw error;
    }
  }

  private async refreshWith(refreshToken: string): Promise<string> {
    const credentials = this.credentials();
    if (!credentials) throw new NetatmoError({ kind: 'not_configured', endpoint: TOKEN_ENDPOINT, message: 'Netatmo client id and secret are not set' });
    if (refreshToken === this.envRefreshToken) this.envTokenTried = true;
    const tokens = await requestTokens(credentials, { kind: 'refresh_token', refreshToken }, this.endpoint, (o) => this.logCall(o));
    await this.saved.save({ tokens });
    this.lastErrorValue = null;
    this.log.info({ expiresAt: tokens.expiresAt }, 'Netatmo access token refreshed');
    this.checkStatus();
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
      onDisk = await this.repository.reload();
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
      if (retryError instanceof NetatmoError && (retryError.kind === 'invalid_grant' || retryError.kind === 'auth')) this.blockOn(retryError);
      throw retryError;
    }
    this.blockOn(error);
    throw error;
  }

  private blockOn(error: NetatmoError): void {
    this.block.begin(this.currentTokens()?.refreshToken ?? null, this.credentials(), this.now());
    this.lastErrorValue = error;
    this.log.warn({ kind: error.kind, code: error.code, netatmoMessage: error.netatmoMessage }, error.message);
    this.checkStatus();
  }

  private logCall({ durationMs, httpStatus, error }: { durationMs: number; httpStatus: number | null; error: NetatmoError | null }): void {
    this.log.debug({ endpoint: TOKEN_ENDPOINT, outcome: error?.kind ?? 'ok', durationMs: Math.round(durationMs), httpStatus }, 'netatmo call');
  }
}
