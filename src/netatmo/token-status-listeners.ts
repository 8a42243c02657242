// Who hears of a new token status (the Netatmo webhook registers once the account is connected):
// told once per change, and a failing listener never stops the others.
import type { Logger } from '../util/logger.js';
import type { NetatmoError } from './errors.js';
import { describeError } from './token-store.js';
import type { TokenStatus, TokenStatusListener } from './token-types.js';

export class TokenStatusListeners {
  readonly #listeners = new Set<TokenStatusListener>();
  #last: TokenStatus;

  constructor(
    initial: TokenStatus,
    private readonly log: Logger,
  ) {
    this.#last = initial;
  }

  add(listener: TokenStatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells every listener when `status` differs from the last one told. */
  publish(status: TokenStatus, error: NetatmoError | null): void {
    if (status === this.#last) return;
    this.#last = status;
    for (const listener of this.#listeners) {
      try {
        listener(status, error);
      } catch (failure) {
        this.log.error({ err: describeError(failure) }, 'token status listener failed');
      }
    }
  }
}
