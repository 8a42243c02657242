// Per installed app timers of the cloud sync: the retry after a sync that left SmartThings behind
// (exponential back-off, reset by a complete sync) and the wake-up when a missing device's grace
// period ends. Timers never keep the process alive.

export interface RetryBackoff {
  /** First retry after this long (default 30 s). */
  baseMs: number;
  /** Never wait longer than this between retries (default 15 min). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: RetryBackoff = { baseMs: 30_000, maxMs: 15 * 60_000 };
/** setTimeout's ceiling (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class AppTimers {
  readonly #retries = new Map<string, { timer: NodeJS.Timeout; attempt: number }>();
  readonly #attempts = new Map<string, number>();
  readonly #wakeUps = new Map<string, NodeJS.Timeout>();

  constructor(private readonly backoff: RetryBackoff) {}

  /** Run `retry` later; each failure in a row doubles the wait. Returns the delay chosen. */
  retryLater(installedAppId: string, retry: () => void): number {
    const pending = this.#retries.get(installedAppId);
    if (pending) return -1;
    const attempt = this.#attempts.get(installedAppId) ?? 0;
    const delay = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** attempt);
    this.#attempts.set(installedAppId, attempt + 1);
    const timer = setTimeout(() => {
      this.#retries.delete(installedAppId);
      retry();
    }, delay);
    timer.unref();
    this.#retries.set(installedAppId, { timer, attempt });
    return delay;
  }

  /** SmartThings has the current values: no retry pending, the next failure waits the base delay. */
  succeeded(installedAppId: string): void {
    const pending = this.#retries.get(installedAppId);
    if (pending) clearTimeout(pending.timer);
    this.#retries.delete(installedAppId);
    this.#attempts.delete(installedAppId);
  }

  /** Wake up at `atMs` (replacing an earlier wake-up of this app), or never when atMs is null. */
  wakeUpAt(installedAppId: string, atMs: number | null, nowMs: number, wake: () => void): void {
    const previous = this.#wakeUps.get(installedAppId);
    if (previous) clearTimeout(previous);
    this.#wakeUps.delete(installedAppId);
    if (atMs === null) return;
    const timer = setTimeout(() => {
      this.#wakeUps.delete(installedAppId);
      wake();
    }, Math.min(MAX_TIMER_MS, Math.max(0, atMs - nowMs)));
    timer.unref();
    this.#wakeUps.set(installedAppId, timer);
  }

  forget(installedAppId: string): void {
    this.succeeded(installedAppId);
    this.wakeUpAt(installedAppId, null, 0, () => undefined);
  }

  clear(): void {
    for (const id of [...this.#retries.keys(), ...this.#wakeUps.keys()]) this.forget(id);
  }
}
