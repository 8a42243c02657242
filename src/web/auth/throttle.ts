// Slows down password guessing: after a few wrong passwords from one address, sign-in from that
// address is refused for a while; a global cap covers guesses spread over many addresses.
export interface SignInThrottleOptions {
  now?: () => number;
  /** Wrong passwords per address within the window before that address is refused. */
  perAddress?: number;
  /** Wrong passwords from everywhere within the window before everybody is refused. */
  global?: number;
  windowMs?: number;
}

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterS: number };

export class SignInThrottle {
  readonly #now: () => number;
  readonly #perAddress: number;
  readonly #global: number;
  readonly #windowMs: number;
  readonly #failures = new Map<string, number[]>();
  #all: number[] = [];

  constructor(options: SignInThrottleOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#perAddress = options.perAddress ?? 5;
    this.#global = options.global ?? 50;
    this.#windowMs = options.windowMs ?? 15 * 60_000;
  }

  check(address: string): ThrottleVerdict {
    this.#prune();
    const mine = this.#failures.get(address) ?? [];
    const blockedUntil = Math.max(this.#blockedUntil(mine, this.#perAddress), this.#blockedUntil(this.#all, this.#global));
    const now = this.#now();
    return blockedUntil > now ? { ok: false, retryAfterS: Math.ceil((blockedUntil - now) / 1000) } : { ok: true };
  }

  recordFailure(address: string): void {
    const now = this.#now();
    const mine = this.#failures.get(address) ?? [];
    mine.push(now);
    this.#failures.set(address, mine);
    this.#all.push(now);
  }

  recordSuccess(address: string): void {
    this.#failures.delete(address);
  }

  /** When the window frees up enough for one more try (0 when under the limit). */
  #blockedUntil(times: number[], limit: number): number {
    if (times.length < limit) return 0;
    const freeing = times[times.length - limit];
    return freeing === undefined ? 0 : freeing + this.#windowMs;
  }

  #prune(): void {
    const cutoff = this.#now() - this.#windowMs;
    for (const [address, times] of this.#failures) {
      const kept = times.filter((t) => t > cutoff);
      if (kept.length === 0) this.#failures.delete(address);
      else this.#failures.set(address, kept);
    }
    this.#all = this.#all.filter((t) => t > cutoff);
  }
}
