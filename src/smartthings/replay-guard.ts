// Refuses a lifecycle call whose signature was already used. A SmartThings signature covers the
// request target, the Date and the body's digest, and stays acceptable for as long as its Date is
// within the allowed clock skew: within that window a captured call could be sent again (an
// INSTALL, a device command). Each accepted signature is remembered until its window closes.
// Memory is bounded: only verified signatures are claimed, and past MAX_ENTRIES the oldest is
// forgotten — far beyond what SmartThings sends one bridge in a few minutes.
import { createHash } from 'node:crypto';
import { ExpiringKeys } from '../util/expiring-keys.js';

const MAX_ENTRIES = 10_000;

export interface ReplayGuardOptions {
  now?: () => number;
  maxEntries?: number;
}

export class ReplayGuard {
  readonly #seen: ExpiringKeys;

  constructor(options: ReplayGuardOptions = {}) {
    this.#seen = new ExpiringKeys({ now: options.now ?? Date.now, capacity: options.maxEntries ?? MAX_ENTRIES });
  }

  /** True when this signature was already used and its window is still open (a cheap early refusal). */
  used(signature: string): boolean {
    return this.#seen.has(fingerprint(signature));
  }

  /**
   * Claims a verified signature until `validUntilMs`; false when it was claimed before and its
   * window is still open. Synchronous (no await between the look-up and the claim), so of two
   * copies of one call verified at the same time only one passes.
   */
  claim(signature: string, validUntilMs: number): boolean {
    return this.#seen.claim(fingerprint(signature), validUntilMs);
  }

  get size(): number {
    return this.#seen.size;
  }
}

function fingerprint(signature: string): string {
  return createHash('sha256').update(signature).digest('base64');
}
