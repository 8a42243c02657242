// Where the token manager keeps the current pair (and the client id/secret it was issued to): the
// store, plus what the store failed to save. Netatmo kills the old refresh token the moment it
// issues a new one, so a pair that could not be written (disk full, read-only, a data file the
// bridge must not overwrite) is still the only one that works: it is kept in memory, used, and
// written again on the next request. Until then the status page and the state API say "token not
// saved"; if the process dies before that, the user must reconnect — nothing better is possible.
import type { Logger } from '../util/logger.js';
import type { NetatmoCredentials, NetatmoTokens, TokenRepository, TokenSave } from './token-repository.js';
import type { TokenResponse } from './schemas.js';

export function tokensFromResponse(response: TokenResponse, nowMs: number): NetatmoTokens {
  return {
    accessToken: response.accessToken,
    refreshToken: response.refreshToken,
    expiresAt: new Date(nowMs + response.expiresInS * 1000).toISOString(),
    scope: response.scope,
    obtainedAt: new Date(nowMs).toISOString(),
  };
}

export class TokenStore {
  private unsaved: TokenSave | null = null;

  constructor(
    private readonly repository: TokenRepository,
    private readonly log: Logger,
  ) {}

  /** The newest pair: an unsaved one wins over the store's. */
  current(): NetatmoTokens | null {
    return this.unsaved?.tokens ?? this.repository.savedTokens();
  }

  /** Client id/secret of an unsaved connection (they win over the store's), else null. */
  unsavedCredentials(): NetatmoCredentials | null {
    return this.unsaved?.credentials ?? null;
  }

  /** True when the pair in use is on disk (a restart keeps the connection). */
  isSaved(): boolean {
    return this.unsaved === null;
  }

  /** Forget an unsaved pair because the store now holds a newer one (another process, the UI). */
  dropUnsaved(): void {
    this.unsaved = null;
  }

  /**
   * Writes the pair (and credentials) in ONE write, two attempts. Resolves true once it is on disk,
   * false when it is kept in memory for later (never rejects: the pair must not be lost).
   */
  async save(pair: TokenSave): Promise<boolean> {
    // From here on the old pair is dead; never fall back to it. A new connection's credentials stay
    // with its pair even when an older unsaved refresh was still waiting.
    const credentials = pair.credentials ?? this.unsaved?.credentials;
    const pending: TokenSave = credentials ? { tokens: pair.tokens, credentials } : { tokens: pair.tokens };
    this.unsaved = pending;
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      try {
        await this.write(pending);
        if (this.unsaved === pending) this.unsaved = null;
        return true;
      } catch (error) {
        this.log.error({ err: describeError(error), attempt }, 'could not save the new Netatmo tokens to the data file');
      }
    }
    return false;
  }

  /** Writes a pair that earlier failed to save, if any. */
  async saveUnsaved(): Promise<void> {
    const pending = this.unsaved;
    if (!pending) return;
    try {
      await this.write(pending);
      if (this.unsaved === pending) this.unsaved = null;
      this.log.info('the Netatmo tokens kept in memory are saved to the data file now');
    } catch (error) {
      this.log.debug({ err: describeError(error) }, 'still cannot save the Netatmo tokens to the data file');
    }
  }

  private write(pair: TokenSave): Promise<void> {
    return this.repository.save(pair);
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
