// Netatmo connection health in words the user understands: starting (the first poll of this
// process has not ended; the homes are the last known ones from the data file), ok, degraded (3+
// failures in a row while the data is still fresh, or some homes of the account fail), down
// (failing and the data went stale, or there never was any), auth_required (the refresh token is
// dead: reconnect), not_configured (no Netatmo credentials yet) and moved (the connection was
// exported to another machine: no more polls; the last data stays and is stale).
// The age of the data is measured on a monotonic clock: a wall clock stepping backwards must not
// make old data look fresh (nor one stepping forwards make fresh data look old).
import type { HealthError, NetatmoStatus } from '../model/types.js';

/** Failures in a row before the status leaves "ok": one lost poll is noise, three is a pattern. */
export const DEGRADED_AFTER_FAILURES = 3;

export interface HealthSnapshot {
  status: NetatmoStatus;
  stale: boolean;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastError: HealthError | null;
}

export interface HealthTrackerOptions {
  staleThresholdS: number;
  /** Wall clock (ms epoch): the times shown to people. */
  now?: () => number;
  /** Monotonic clock (ms) for ages; default `now` when given (tests), else performance.now. */
  monotonicNow?: () => number;
  /** Restored from the data file so a restart does not forget the last success or error. */
  restored?: { lastSuccessAt: string | null; lastError: HealthError | null };
}

export class HealthTracker {
  #staleThresholdMs: number;
  readonly #wall: () => number;
  readonly #mono: () => number;
  /** Monotonic time of the last success (a restored one is placed by its age at start). */
  #lastSuccessMono: number | null = null;
  #lastSuccessAt: string | null;
  #lastError: HealthError | null;
  #consecutiveFailures = 0;
  #failingHomes = 0;
  #firstPollEnded = false;
  #configured = true;
  #authRequired = false;
  #moved = false;

  constructor(options: HealthTrackerOptions) {
    this.#staleThresholdMs = options.staleThresholdS * 1000;
    this.#wall = options.now ?? Date.now;
    this.#mono = options.monotonicNow ?? options.now ?? (() => performance.now());
    this.#lastSuccessAt = options.restored?.lastSuccessAt ?? null;
    this.#lastError = options.restored?.lastError ?? null;
    const restoredAt = this.#lastSuccessAt === null ? Number.NaN : Date.parse(this.#lastSuccessAt);
    if (Number.isFinite(restoredAt)) this.#lastSuccessMono = this.#mono() - Math.max(0, this.#wall() - restoredAt);
  }

  setStaleThreshold(seconds: number): void {
    this.#staleThresholdMs = seconds * 1000;
  }

  get staleThresholdMs(): number {
    return this.#staleThresholdMs;
  }

  setConfigured(configured: boolean): void {
    this.#configured = configured;
  }

  setAuthRequired(required: boolean): void {
    this.#authRequired = required;
  }

  setMoved(moved: boolean): void {
    this.#moved = moved;
  }

  /** A poll reached Netatmo and at least one home (or the home list) came back. */
  recordSuccess(): void {
    this.#firstPollEnded = true;
    this.#lastSuccessMono = this.#mono();
    this.#lastSuccessAt = new Date(this.#wall()).toISOString();
    this.#consecutiveFailures = 0;
  }

  /** A poll got nothing from Netatmo. */
  recordFailure(error: HealthError): void {
    this.#firstPollEnded = true;
    this.#consecutiveFailures += 1;
    this.#lastError = error;
  }

  /** Homes whose own polls fail (refused, or failing again and again) after the last poll. */
  setFailingHomes(errors: readonly HealthError[]): void {
    this.#failingHomes = errors.length;
    const newest = errors.reduce<HealthError | null>((a, b) => (a === null || b.at > a.at ? b : a), null);
    if (newest) this.#lastError = newest;
  }

  get failingHomes(): number {
    return this.#failingHomes;
  }

  /** Stale: not confirmed by this process yet, never read, or older than the threshold. */
  isStale(): boolean {
    if (this.#moved) return true;
    if (!this.#firstPollEnded || this.#lastSuccessMono === null) return true;
    return this.#mono() - this.#lastSuccessMono > this.#staleThresholdMs;
  }

  status(): NetatmoStatus {
    if (this.#moved) return 'moved';
    if (!this.#configured) return 'not_configured';
    if (this.#authRequired) return 'auth_required';
    if (!this.#firstPollEnded) return 'starting';
    if (this.#consecutiveFailures === 0) return this.#failingHomes > 0 ? 'degraded' : 'ok';
    if (this.isStale()) return 'down';
    return this.#consecutiveFailures >= DEGRADED_AFTER_FAILURES || this.#failingHomes > 0 ? 'degraded' : 'ok';
  }

  snapshot(): HealthSnapshot {
    return {
      status: this.status(),
      stale: this.isStale(),
      lastSuccessAt: this.#lastSuccessAt,
      consecutiveFailures: this.#consecutiveFailures,
      lastError: this.#lastError,
    };
  }
}
