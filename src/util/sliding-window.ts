// Counts events in a rolling window: "at most N in the last T". Every limiter of the bridge uses it
// (the Netatmo rate budget, the LAN token and sign-in throttles, the history and key-fetch caps,
// the SSDP replies, the simulator's Netatmo limits), so the subtle parts live in one place:
//
// - bounded memory: a ring buffer of the last `capacity` event times. A limiter refuses at its
//   limit, so it never needs more than `limit` times to decide; older ones are forgotten.
// - an injected clock, monotonic by default (performance.now): a wall clock stepping backwards
//   must not make events count twice or stretch a wait. Should an injected clock go backwards
//   anyway, an event is recorded at the newest time already held, so the buffer stays ordered.
// - "when may the next one go": retryAfterMs(limit) is the wait until fewer than `limit` remain.
//
// KeyedSlidingWindows keeps one window per key (a client address, a user) with a cap on the keys,
// the least recently used dropped first, so a flood of spoofed addresses cannot grow memory.

export interface SlidingWindowOptions {
  windowMs: number;
  /** Event times kept at most (the largest limit the window is asked about). */
  capacity: number;
  /** Milliseconds on a clock that does not step backwards; default performance.now. */
  now?: () => number;
}

const monotonic = (): number => performance.now();

export class SlidingWindow {
  readonly windowMs: number;
  readonly capacity: number;
  readonly #now: () => number;
  readonly #times: Float64Array;
  /** Index of the oldest kept time, and how many are kept. */
  #head = 0;
  #size = 0;

  constructor(options: SlidingWindowOptions) {
    if (!(options.windowMs > 0)) throw new RangeError('windowMs must be positive');
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.windowMs = options.windowMs;
    this.capacity = options.capacity;
    this.#now = options.now ?? monotonic;
    this.#times = new Float64Array(options.capacity);
  }

  /** Events within the window (optionally only within its last `withinMs`). */
  count(withinMs = this.windowMs): number {
    const now = this.#prune();
    if (withinMs >= this.windowMs) return this.#size;
    let count = 0;
    while (count < this.#size && this.#newest(count + 1) > now - withinMs) count += 1;
    return count;
  }

  /** Records one event now; past capacity the oldest one is forgotten. */
  record(): void {
    const now = this.#prune();
    const at = this.#size > 0 ? Math.max(now, this.#newest(1)) : now;
    if (this.#size === this.capacity) this.#dropOldest();
    this.#times[(this.#head + this.#size) % this.capacity] = at;
    this.#size += 1;
  }

  /** Records an event and answers true when fewer than `limit` happened in the window; else false, nothing recorded. */
  tryRecord(limit: number = this.capacity): boolean {
    if (this.count() >= limit) return false;
    this.record();
    return true;
  }

  /**
   * Milliseconds until fewer than `limit` events are in the window (looking at its last `withinMs`
   * only, when given): 0 when that is already so, else at least 1.
   */
  retryAfterMs(limit: number = this.capacity, withinMs = this.windowMs): number {
    const span = Math.min(withinMs, this.windowMs);
    // A limit of 0 or less lets nothing go: a whole window, as good an answer as any.
    if (limit <= 0) return span;
    if (this.count(span) < limit) return 0;
    // Once the limit-th newest event leaves the span, limit - 1 remain.
    const freeing = this.#newest(limit);
    return Math.max(1, freeing + span - this.#now());
  }

  /** Forgets every event (a correct password wipes the failures before it). */
  clear(): void {
    this.#head = 0;
    this.#size = 0;
  }

  /** Drops the events that left the window; returns the time it used. */
  #prune(): number {
    const now = this.#now();
    const cutoff = now - this.windowMs;
    while (this.#size > 0 && (this.#times[this.#head] ?? Infinity) <= cutoff) this.#dropOldest();
    return now;
  }

  #dropOldest(): void {
    this.#head = (this.#head + 1) % this.capacity;
    this.#size -= 1;
  }

  /** The n-th newest kept time (1 = the newest); n ≤ size. */
  #newest(n: number): number {
    return this.#times[(this.#head + this.#size - n + this.capacity) % this.capacity] ?? 0;
  }
}

export interface KeyedSlidingWindowsOptions extends SlidingWindowOptions {
  /** Keys kept at most; past it the least recently used key is forgotten. */
  maxKeys: number;
}

export class KeyedSlidingWindows {
  readonly #windows = new Map<string, SlidingWindow>();
  readonly #options: KeyedSlidingWindowsOptions;

  constructor(options: KeyedSlidingWindowsOptions) {
    this.#options = options;
  }

  /** Events of this key within the window (0 for a key never seen; looking does not create it). */
  count(key: string, withinMs?: number): number {
    return this.#windows.get(key)?.count(withinMs) ?? 0;
  }

  /** Milliseconds until this key has fewer than `limit` events in the window (0: now). */
  retryAfterMs(key: string, limit?: number, withinMs?: number): number {
    return this.#windows.get(key)?.retryAfterMs(limit, withinMs) ?? 0;
  }

  record(key: string): void {
    this.#touch(key).record();
  }

  /** Like SlidingWindow.tryRecord, for this key. */
  tryRecord(key: string, limit?: number): boolean {
    if (this.count(key) >= (limit ?? this.#options.capacity)) return false;
    this.record(key);
    return true;
  }

  /** Forgets this key's events. */
  delete(key: string): void {
    this.#windows.delete(key);
  }

  /** Keys held now (memory check). */
  get size(): number {
    return this.#windows.size;
  }

  #touch(key: string): SlidingWindow {
    const window = this.#windows.get(key) ?? new SlidingWindow(this.#options);
    // Re-inserted: Map order is then least recently used first.
    this.#windows.delete(key);
    this.#windows.set(key, window);
    for (const [oldest, held] of this.#windows) {
      if (this.#windows.size <= this.#options.maxKeys && held.count() > 0) break;
      if (oldest === key && this.#windows.size <= this.#options.maxKeys) break;
      this.#windows.delete(oldest);
    }
    return window;
  }
}
