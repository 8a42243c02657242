// Where the token manager keeps the current pair: the store, plus a pair the store failed to save.
// Netatmo kills the old refresh token the moment it issues a new one, so a new pair that could
// not be written (disk full, read-only) is still the only one that works: it is kept in memory,
// used, and written again on the next request. If the process dies before that, the user must
// reconnect; nothing better is possible.
import type { Logger } from '../util/logger.js';
import type { Store } from '../store/store.js';
import type { NetatmoTokens } from '../store/types.js';
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
  private unsaved: NetatmoTokens | null = null;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** The newest pair: an unsaved one wins over the store's. */
  current(): NetatmoTokens | null {
    return this.unsaved ?? this.store.data.netatmo.tokens;
  }

  /** Forget an unsaved pair because the store now holds a newer one (another process, the UI). */
  dropUnsaved(): void {
    this.unsaved = null;
  }

  /** Writes the pair (two attempts); resolves once it is on disk or kept in memory for later. */
  async save(tokens: NetatmoTokens): Promise<void> {
    this.unsaved = tokens; // from here on the old pair is dead; never fall back to it
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      try {
        await this.write(tokens);
        if (this.unsaved === tokens) this.unsaved = null;
        return;
      } catch (error) {
        this.log.error({ err: describeError(error), attempt }, 'could not save the new Netatmo tokens to the data file');
      }
    }
  }

  /** Writes a pair that earlier failed to save, if any. */
  async saveUnsaved(): Promise<void> {
    const pending = this.unsaved;
    if (!pending) return;
    try {
      await this.write(pending);
      if (this.unsaved === pending) this.unsaved = null;
    } catch (error) {
      this.log.error({ err: describeError(error) }, 'still cannot save the Netatmo tokens to the data file');
    }
  }

  private write(tokens: NetatmoTokens): Promise<void> {
    return this.store.update((draft) => {
      draft.netatmo.tokens = tokens;
    });
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
