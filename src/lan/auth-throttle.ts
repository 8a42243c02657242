// Slows down guessing of the LAN token: after MAX_FAILURES wrong or missing tokens from one address
// within WINDOW_MS, that address gets 429 (with Retry-After) for wrong or missing tokens until its
// oldest failure leaves the window; the right token is always answered (src/lan/auth.ts). A tiny
// sliding window of our own rather than a library: bearerAuth's throttle hook is synchronous, and
// rate-limiter-flexible and express-rate-limit both answer through promises or their own
// middleware and responses.
import type { IncomingMessage } from 'node:http';
import { LanError } from './errors.js';

export const MAX_FAILURES = 10;
export const WINDOW_MS = 60_000;
/** Addresses remembered at most (a flood of spoofed sources cannot grow memory without bound). */
const MAX_ADDRESSES = 10_000;

export class AuthFailureThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #now: () => number;
  readonly #max: number;
  readonly #windowMs: number;

  constructor(options: { now?: () => number; maxFailures?: number; windowMs?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#max = options.maxFailures ?? MAX_FAILURES;
    this.#windowMs = options.windowMs ?? WINDOW_MS;
  }

  #recent(address: string): number[] {
    const stored = this.#failures.get(address);
    // Fast path: an address that never failed (every hub request passes here).
    if (stored === undefined) return [];
    const cutoff = this.#now() - this.#windowMs;
    const list = stored.filter((at) => at > cutoff);
    if (list.length === 0) this.#failures.delete(address);
    else this.#failures.set(address, list);
    return list;
  }

  /** A 429 for an address that failed too often lately, else null. */
  check(address: string): LanError | null {
    const recent = this.#recent(address);
    if (recent.length < this.#max) return null;
    const oldest = recent[recent.length - this.#max] ?? this.#now();
    const retryAfterS = Math.max(1, Math.ceil((oldest + this.#windowMs - this.#now()) / 1000));
    return new LanError(429, 'rate_limited', `Too many requests with a wrong LAN token from this address; try again in ${retryAfterS} s.`, undefined, retryAfterS);
  }

  record(address: string): void {
    const recent = this.#recent(address);
    recent.push(this.#now());
    // Only the last MAX failures matter for the decision.
    this.#failures.set(address, recent.slice(-this.#max));
    if (this.#failures.size > MAX_ADDRESSES) {
      const first = this.#failures.keys().next();
      if (!first.done) this.#failures.delete(first.value);
    }
  }
}

/** The peer's address. The socket's, not req.ip: the bridge trusts no proxy headers, and this runs on every LAN request. */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
