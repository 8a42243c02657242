// Netatmo's per-user limits (docs/netatmo.md#rate-limits): 50 requests per 10 s and 500 per hour,
// counted on every API call. Here a "user" is a token lineage. Refused calls are not counted.
import { KeyedSlidingWindows } from '../util/sliding-window.js';

export interface RateLimits {
  per10s: number;
  perHour: number;
}

const TEN_SECONDS_MS = 10_000;
const HOUR_MS = 3_600_000;
/** Token lineages remembered at most (each test or demo account is one). */
const MAX_USERS = 1_000;

export class RateLimiter {
  readonly #calls: KeyedSlidingWindows | null;

  constructor(
    private readonly limits: RateLimits | false,
    now: () => number,
  ) {
    this.#calls = limits ? new KeyedSlidingWindows({ windowMs: HOUR_MS, capacity: Math.max(1, limits.perHour), maxKeys: MAX_USERS, now }) : null;
  }

  /** Records the call and returns true, or returns false when the user is over a limit. */
  tryTake(user: string): boolean {
    if (!this.limits || !this.#calls) return true;
    if (this.#calls.count(user, TEN_SECONDS_MS) >= this.limits.per10s || this.#calls.count(user) >= this.limits.perHour) return false;
    this.#calls.record(user);
    return true;
  }
}
