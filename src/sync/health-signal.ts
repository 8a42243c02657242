// Health as a time-driven signal. What clients show about the links — the Netatmo status, the
// stale flag and whether a hub polls the LAN API — changes while no poll runs (data ages during a
// code-26 back-off, a hub stops polling). The signal is re-evaluated on every heartbeat tick and
// after every poll; any change raises the state revision through StateService (its change event),
// so ETag pollers get a 200, held long polls wake up and the SmartApp pushes the new link state.
import type { NetatmoStatus } from '../model/types.js';
import type { HealthTracker } from './health.js';
import type { HealthKey, StateService } from './state-service.js';

/** A hub that polled the LAN API this recently counts as linked (hubLink closed). */
export const HUB_LINK_WINDOW_MS = 5 * 60_000;

export interface HealthSignalOptions {
  health: HealthTracker;
  state: Pick<StateService, 'noteHealth'>;
  /** The token manager's view: credentials missing, the refresh token refused, or moved away. */
  tokenStatus: () => string;
  /** When a hub last read the LAN state (ISO), or null. Only its changes are used. */
  lastHubPollAt: () => string | null;
  /** Monotonic clock (ms): the hub link ages on it, whatever the wall clock does. */
  monotonicNow: () => number;
  /** false while the Netatmo sign-in lives only in memory (the data file refused it). */
  tokenSaved?: () => boolean;
}

export class HealthSignal {
  #hubPollSeen: string | null = null;
  #hubPollSeenAt: number | null = null;

  constructor(private readonly options: HealthSignalOptions) {}

  /** Mirrors the token manager into the tracker: no credentials, or a dead refresh token. */
  mirrorTokenStatus(): void {
    const status = this.options.tokenStatus();
    this.options.health.setConfigured(status !== 'not_configured');
    this.options.health.setAuthRequired(status === 'auth_required');
    this.options.health.setMoved(status === 'moved');
  }

  /**
   * A hub read the state within the last 5 minutes, as of the last evaluate() (reads only). Hub
   * reads are stamped with the wall clock, so only a change of the stamp is taken from them (at the
   * next heartbeat); the age is measured on the monotonic clock, so a wall-clock step cannot keep a
   * lost hub "linked".
   */
  hubLinked(): boolean {
    return this.#hubPollSeenAt !== null && this.options.monotonicNow() - this.#hubPollSeenAt < HUB_LINK_WINDOW_MS;
  }

  /** Mirrors the token status and takes in a new hub read, then re-evaluates; returns true when what clients see changed (the revision rose). */
  evaluate(): boolean {
    this.mirrorTokenStatus();
    this.#takeInHubPoll();
    return this.options.state.noteHealth(this.#current());
  }

  /** What clients see of the health now, as the tracker holds it. */
  #current(): HealthKey {
    const status: NetatmoStatus = this.options.health.status();
    return { status, stale: this.options.health.isStale(), hubLinked: this.hubLinked(), tokenSaved: this.options.tokenSaved?.() ?? true };
  }

  /** A new hub read (its stamp changed): the link ages from now. */
  #takeInHubPoll(): void {
    const last = this.options.lastHubPollAt();
    if (last === this.#hubPollSeen) return;
    this.#hubPollSeen = last;
    this.#hubPollSeenAt = last === null ? null : this.options.monotonicNow();
  }
}
