// Slows down guessing of the LAN token: after MAX_FAILURES wrong or missing tokens from one address
// within WINDOW_MS, that address gets 429 (with Retry-After) for wrong or missing tokens until its
// oldest failure leaves the window; the right token is always answered (src/lan/auth.ts). The
// shared SlidingWindow rather than a library: bearerAuth's throttle hook is synchronous, and
// rate-limiter-flexible and express-rate-limit both answer through promises or their own
// middleware and responses.
import type { IncomingMessage } from 'node:http';
import { KeyedSlidingWindows } from '../util/sliding-window.js';
import { LanError } from './errors.js';

export const MAX_FAILURES = 10;
export const WINDOW_MS = 60_000;
/** Addresses remembered at most (a flood of spoofed sources cannot grow memory without bound). */
const MAX_ADDRESSES = 10_000;

export class AuthFailureThrottle {
  readonly #failures: KeyedSlidingWindows;
  readonly #max: number;

  constructor(options: { now?: () => number; maxFailures?: number; windowMs?: number } = {}) {
    this.#max = options.maxFailures ?? MAX_FAILURES;
    // Only the last MAX failures matter for the decision.
    this.#failures = new KeyedSlidingWindows({ windowMs: options.windowMs ?? WINDOW_MS, capacity: this.#max, maxKeys: MAX_ADDRESSES, now: options.now });
  }

  /** A 429 for an address that failed too often lately, else null. */
  check(address: string): LanError | null {
    // Fast path: an address that never failed (every hub request passes here) has no window.
    const waitMs = this.#failures.retryAfterMs(address, this.#max);
    if (waitMs === 0) return null;
    const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
    return new LanError(429, 'rate_limited', `Too many requests with a wrong LAN token from this address; try again in ${retryAfterS} s.`, undefined, retryAfterS);
  }

  record(address: string): void {
    this.#failures.record(address);
  }
}

/** The peer's address. The socket's, not req.ip: the bridge trusts no proxy headers, and this runs on every LAN request. */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
