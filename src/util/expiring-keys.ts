// Keys remembered until a time of their own, with a cap on how many: "was this seen lately?" for
// the replay guards of SmartThings lifecycle signatures and of Netatmo webhook deliveries. Keys go
// in roughly in time order, so expired ones are dropped from the front; past the cap the oldest is
// forgotten, so a flood cannot grow memory. The clock is injected.

export interface ExpiringKeysOptions {
  now: () => number;
  /** Keys held at most. */
  capacity: number;
}

export class ExpiringKeys {
  readonly #until = new Map<string, number>();
  readonly #now: () => number;
  readonly #capacity: number;

  constructor(options: ExpiringKeysOptions) {
    this.#now = options.now;
    this.#capacity = options.capacity;
  }

  /** True when the key is held and its time has not passed. */
  has(key: string): boolean {
    const until = this.#until.get(key);
    return until !== undefined && until > this.#now();
  }

  /**
   * Holds the key until `untilMs`; false (and nothing changes) when it is already held. Synchronous:
   * of two claims of one key, only the first succeeds.
   */
  claim(key: string, untilMs: number): boolean {
    this.#prune();
    if (this.has(key)) return false;
    this.#until.delete(key);
    this.#until.set(key, untilMs);
    while (this.#until.size > this.#capacity) {
      const oldest = this.#until.keys().next();
      if (oldest.done) break;
      this.#until.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.#until.size;
  }

  #prune(): void {
    const now = this.#now();
    for (const [key, until] of this.#until) {
      if (until > now) break;
      this.#until.delete(key);
    }
  }
}
