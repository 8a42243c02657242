// Each home's own poll record, so one home failing never blanks the others. A home Netatmo refuses
// (code 21 / 13: a shared or guest home, or a token without its scope; code 9: gone) is marked
// unreachable with that error at once and asked again with growing pauses (the rest of the account
// keeps its budget). Other failures of one home (5xx, timeouts) are noise until they repeat
// (DEGRADED_AFTER_FAILURES in a row) or the home's data goes stale. A marked home keeps its last
// known values. A relay offline is shown on the home too, but is not a failed poll.
import type { HealthError, Home, NetatmoErrorKind } from '../model/types.js';
import { DEGRADED_AFTER_FAILURES } from './health.js';

/** Netatmo refused this home: asking again soon will not change the answer. */
const REFUSAL_KINDS: readonly NetatmoErrorKind[] = ['bad_request', 'forbidden', 'device_not_found'];
/** A refused home is asked again after one interval, then 2, 4 … intervals, at most this long. */
export const REFUSED_RETRY_MAX_MS = 15 * 60_000;

interface HomeRecord {
  failures: number;
  lastError: HealthError | null;
  /** When the current run of failures began (ISO, shown as the error's `at`). */
  failingSince: string | null;
  lastOkAt: number | null;
  refused: boolean;
  retryAt: number;
  relayOfflineSince: string | null;
}

export interface HomeHealthOptions {
  /** Monotonic clock (ms). */
  now: () => number;
  staleThresholdMs: () => number;
}

export function isRefusal(kind: NetatmoErrorKind): boolean {
  return REFUSAL_KINDS.includes(kind);
}

export class HomeHealthBook {
  readonly #records = new Map<string, HomeRecord>();
  readonly #createdAt: number;

  constructor(private readonly options: HomeHealthOptions) {
    this.#createdAt = options.now();
  }

  #record(homeId: string): HomeRecord {
    let record = this.#records.get(homeId);
    if (!record) {
      record = { failures: 0, lastError: null, failingSince: null, lastOkAt: null, refused: false, retryAt: 0, relayOfflineSince: null };
      this.#records.set(homeId, record);
    }
    return record;
  }

  /** False while a refused home waits for its next try. */
  mayPoll(homeId: string): boolean {
    return this.options.now() >= (this.#records.get(homeId)?.retryAt ?? 0);
  }

  recordOk(homeId: string, relayOffline: boolean, at: string): void {
    const record = this.#record(homeId);
    record.failures = 0;
    record.lastError = null;
    record.failingSince = null;
    record.refused = false;
    record.retryAt = 0;
    record.lastOkAt = this.options.now();
    record.relayOfflineSince = relayOffline ? (record.relayOfflineSince ?? at) : null;
  }

  recordFailure(homeId: string, error: HealthError, intervalMs: number): void {
    const record = this.#record(homeId);
    record.failures += 1;
    record.lastError = error;
    record.failingSince ??= error.at;
    record.refused = isRefusal(error.kind);
    record.retryAt = record.refused ? this.options.now() + Math.min(intervalMs * 2 ** (record.failures - 1), REFUSED_RETRY_MAX_MS) : 0;
  }

  /** Homes the user should hear about: refused, failing again and again, or stale. */
  failingErrors(): HealthError[] {
    const errors: HealthError[] = [];
    for (const homeId of this.#records.keys()) {
      const error = this.#failingError(homeId);
      if (error) errors.push(error);
    }
    return errors;
  }

  /** Forget homes that are no longer polled (left the account, lost their heating devices). */
  keepOnly(homeIds: ReadonlySet<string>): void {
    for (const homeId of this.#records.keys()) if (!homeIds.has(homeId)) this.#records.delete(homeId);
  }

  /** The home as clients should see it: marked unreachable with its error while it fails. */
  present(home: Home): Home {
    // Not asked yet in this process: shown as last known (saved values, saved error).
    if (!this.#records.has(home.id)) return home;
    const failing = this.#failingError(home.id);
    if (failing) return { ...home, reachable: false, error: failing };
    const relaySince = this.#records.get(home.id)?.relayOfflineSince;
    if (relaySince && !home.reachable) return { ...home, error: relayOfflineError(relaySince) };
    return home.error === null ? home : { ...home, error: null };
  }

  #failingError(homeId: string): HealthError | null {
    const record = this.#records.get(homeId);
    if (!record?.lastError || record.failures === 0) return null;
    // A home not polled fine since the start counts from the start (one lost poll is noise).
    const stale = this.options.now() - (record.lastOkAt ?? this.#createdAt) > this.options.staleThresholdMs();
    if (!record.refused && record.failures < DEGRADED_AFTER_FAILURES && !stale) return null;
    return { ...record.lastError, at: record.failingSince ?? record.lastError.at };
  }
}

function relayOfflineError(since: string): HealthError {
  return {
    kind: 'relay_offline',
    code: 6,
    message: 'Netatmo cannot reach this home\'s relay (or OpenTherm gateway): check its power and Wi-Fi; the last known values are shown',
    at: since,
  };
}
