// Netatmo connection health in words the user understands: ok, degraded (3+ failures in a row while
// the data is still fresh), down (failing and the data went stale), auth_required (the refresh
// token is dead: reconnect) and not_configured (no Netatmo credentials yet).
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
  now?: () => number;
  /** Restored from the data file so a restart does not forget the last success or error. */
  restored?: { lastSuccessAt: string | null; lastError: HealthError | null };
}

export class HealthTracker {
  #staleThresholdMs: number;
  readonly #now: () => number;
  readonly #startedAt: number;
  #lastSuccessAt: number | null;
  #lastError: HealthError | null;
  #consecutiveFailures = 0;
  #configured = true;
  #authRequired = false;

  constructor(options: HealthTrackerOptions) {
    this.#staleThresholdMs = options.staleThresholdS * 1000;
    this.#now = options.now ?? Date.now;
    this.#startedAt = this.#now();
    const restoredSuccess = options.restored?.lastSuccessAt;
    this.#lastSuccessAt = restoredSuccess ? Date.parse(restoredSuccess) : null;
    this.#lastError = options.restored?.lastError ?? null;
  }

  setStaleThreshold(seconds: number): void {
    this.#staleThresholdMs = seconds * 1000;
  }

  setConfigured(configured: boolean): void {
    this.#configured = configured;
  }

  setAuthRequired(required: boolean): void {
    this.#authRequired = required;
  }

  recordSuccess(): void {
    this.#lastSuccessAt = this.#now();
    this.#consecutiveFailures = 0;
  }

  recordFailure(error: HealthError): void {
    this.#consecutiveFailures += 1;
    this.#lastError = error;
  }

  /** Data is stale when the last success is older than the threshold (or never came, once the
   *  bridge has been running longer than the threshold). */
  isStale(): boolean {
    const now = this.#now();
    if (this.#lastSuccessAt === null) return now - this.#startedAt > this.#staleThresholdMs;
    return now - this.#lastSuccessAt > this.#staleThresholdMs;
  }

  status(): NetatmoStatus {
    if (!this.#configured) return 'not_configured';
    if (this.#authRequired) return 'auth_required';
    if (this.#consecutiveFailures === 0) return 'ok';
    if (this.isStale()) return 'down';
    return this.#consecutiveFailures >= DEGRADED_AFTER_FAILURES ? 'degraded' : 'ok';
  }

  snapshot(): HealthSnapshot {
    return {
      status: this.status(),
      stale: this.isStale(),
      lastSuccessAt: this.#lastSuccessAt === null ? null : new Date(this.#lastSuccessAt).toISOString(),
      consecutiveFailures: this.#consecutiveFailures,
      lastError: this.#lastError,
    };
  }
}
