// Two guards between a verified webhook delivery and the poller. A signature proves Netatmo wrote a
// body, not that it is new: whoever captured one delivery can post it again, so a body seen within
// the last hour is dropped. And however many genuine events arrive, they ask for at most one
// confirmation poll per poll interval, so events only ever bring a poll forward and never add polls
// to what the rate budget plans for.
import { ExpiringKeys } from '../util/expiring-keys.js';

/** Remembers recent delivery digests; firstTime() is false for a replay. */
export class ReplayGuard {
  readonly #seen: ExpiringKeys;

  constructor(
    private readonly now: () => number,
    private readonly windowMs = 60 * 60_000,
    capacity = 512,
  ) {
    this.#seen = new ExpiringKeys({ now, capacity });
  }

  firstTime(digest: string): boolean {
    return this.#seen.claim(digest, this.now() + this.windowMs);
  }
}

/** Lets one confirmation request through per `minGapMs()` (read each time: the interval may stretch). */
export class ConfirmationGate {
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number,
    private readonly minGapMs: () => number,
  ) {}

  tryPass(): boolean {
    const now = this.now();
    // A wall clock stepped back (NTP, manual fix) must not hold confirmations back for that long.
    if (now >= this.#lastAt && now - this.#lastAt < this.minGapMs()) return false;
    this.#lastAt = now;
    return true;
  }
}
