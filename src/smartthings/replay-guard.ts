// Refuses a lifecycle call whose signature was already used. A SmartThings signature covers the
// request target, the Date and the body's digest, and stays acceptable for as long as its Date is
// within the allowed clock skew: within that window a captured call could be sent again (an
// INSTALL, a device command). Each accepted signature is remembered until its window closes.
// Memory is bounded: only verified signatures are claimed, and past MAX_ENTRIES the oldest is
// forgotten — far beyond what SmartThings sends one bridge in a few minutes.
import { createHash } from 'node:crypto';

const MAX_ENTRIES = 10_000;

export interface ReplayGuardOptions {
  now?: () => number;
  maxEntries?: number;
}

export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #now: () => number;
  readonly #max: number;

  constructor(options: ReplayGuardOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#max = options.maxEntries ?? MAX_ENTRIES;
  }

  /** True when this signature was already used and its window is still open (a cheap early refusal). */
  used(signature: string): boolean {
    const until = this.#seen.get(fingerprint(signature));
    return until !== undefined && until > this.#now();
  }

  /**
   * Claims a verified signature until `validUntilMs`; false when it was claimed before and its
   * window is still open. Synchronous (no await between the look-up and the claim), so of two
   * copies of one call verified at the same time only one passes.
   */
  claim(signature: string, validUntilMs: number): boolean {
    this.#prune();
    if (this.used(signature)) return false;
    const key = fingerprint(signature);
    this.#seen.delete(key);
    this.#seen.set(key, validUntilMs);
    while (this.#seen.size > this.#max) {
      const oldest = this.#seen.keys().next();
      if (oldest.done) break;
      this.#seen.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }

  #prune(): void {
    const now = this.#now();
    // Entries go in roughly in time order: drop expired ones from the front.
    for (const [key, until] of this.#seen) {
      if (until > now) break;
      this.#seen.delete(key);
    }
  }
}

function fingerprint(signature: string): string {
  return createHash('sha256').update(signature).digest('base64');
}
