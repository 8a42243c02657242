// Keeps the state fresh: homestatus per home every poll interval, homesdata at start, hourly and
// when Netatmo reports a room we do not know. One poll at a time (a tick during a running poll is
// skipped, a refresh request joins the running poll). The interval stretches near the rate budget
// and waits out back-off; the Netatmo client enforces the budget itself.
import { normaliseHome, statusHasUnknownRoom } from '../model/index.js';
import type { RawHomeStatusBody, RawTopologyHome } from '../model/netatmo-raw.js';
import type { HealthError, Home } from '../model/types.js';
import type { NetatmoApi } from '../netatmo/api.js';
import { NetatmoError } from '../netatmo/errors.js';
import type { Logger } from '../util/logger.js';
import type { HealthTracker } from './health.js';
import type { StateService } from './state-service.js';

export const TOPOLOGY_REFRESH_MS = 60 * 60 * 1000;

export interface PollScheduler {
  /** Poll interval in force now, from the base interval and the budget (stretched near it). */
  effectiveIntervalS(baseS: number, homeCount: number): number;
  /** While Netatmo back-off runs, polls wait until then (ms epoch), else null. */
  backoffUntil(): number | null;
}

export interface PollerOptions {
  api: NetatmoApi;
  state: StateService;
  health: HealthTracker;
  scheduler: PollScheduler;
  logger: Logger;
  pollIntervalS: number;
  /** Only these homes (settings); undefined = every home of the account. */
  homeIds?: () => readonly string[] | undefined;
  now?: () => number;
  /** Called after every poll attempt, success or not (persistence, metrics, watchdog). */
  onPollFinished?: (result: PollResult) => void;
}

export interface PollResult {
  ok: boolean;
  startedAt: number;
  durationMs: number;
  changed: boolean;
  /** The poll did not run because the local budget or a back-off deferred it. */
  deferred: boolean;
  error?: HealthError;
}

export class Poller {
  #topology: RawTopologyHome[] | null = null;
  #topologyAt = 0;
  #topologyDirty = false;
  #nextPollAt = 0;
  #running: Promise<PollResult> | null = null;
  #lastTickAt: number | null = null;
  #pollStartedAt: number | null = null;
  #pollIntervalS: number;
  readonly #now: () => number;

  constructor(private readonly options: PollerOptions) {
    this.#now = options.now ?? Date.now;
    this.#pollIntervalS = options.pollIntervalS;
  }

  get lastTickAt(): number | null {
    return this.#lastTickAt;
  }

  get nextPollAt(): number {
    return this.#nextPollAt;
  }

  get isPolling(): boolean {
    return this.#running !== null;
  }

  /** When the running poll started (ms epoch), or null when idle (watchdog). */
  get pollStartedAt(): number | null {
    return this.#running ? this.#pollStartedAt : null;
  }

  /**
   * Watchdog escape hatch: forget a poll that never finished so the next tick can start a fresh
   * one. The abandoned promise may still settle later; its result is then ignored by the poller.
   */
  abandonRunningPoll(): boolean {
    if (!this.#running) return false;
    this.#running = null;
    this.#pollStartedAt = null;
    return true;
  }

  setPollInterval(seconds: number): void {
    this.#pollIntervalS = seconds;
    this.#nextPollAt = Math.min(this.#nextPollAt, this.#now() + seconds * 1000);
  }

  effectiveIntervalS(): number {
    return this.options.scheduler.effectiveIntervalS(this.#pollIntervalS, Math.max(1, this.#homeCount()));
  }

  /** The last homesdata entry of a home as Netatmo sent it (schedule timetables the model does not keep). */
  topologyOf(homeId: string): RawTopologyHome | undefined {
    return this.#topology?.find((t) => t.id === homeId);
  }

  /** Re-read homesdata on the next poll (after a schedule switch, a webhook `schedule` event …). */
  markTopologyDirty(): void {
    this.#topologyDirty = true;
  }

  /** Poll no later than `delayMs` from now (confirmation polls after a command). */
  pollSoon(delayMs: number): void {
    this.#nextPollAt = Math.min(this.#nextPollAt, this.#now() + delayMs);
  }

  /** Scheduler heartbeat (node-cron, every second): starts a poll when one is due. */
  async tick(): Promise<PollResult | null> {
    this.#lastTickAt = this.#now();
    if (this.#running || this.#now() < this.#nextPollAt) return null;
    return this.pollNow();
  }

  /** Poll now, or join the poll already running (coalesced refresh). */
  pollNow(): Promise<PollResult> {
    if (this.#running) return this.#running;
    this.#pollStartedAt = this.#now();
    const run = this.#poll().finally(() => {
      // An abandoned poll (watchdog) must not clear the poll that replaced it.
      if (this.#running === run) this.#running = null;
    });
    this.#running = run;
    return run;
  }

  #homeCount(): number {
    return this.options.state.homes.length || this.#topology?.length || 1;
  }

  async #poll(): Promise<PollResult> {
    const startedAt = this.#now();
    let result: PollResult;
    try {
      const changed = await this.#pollAll();
      this.options.health.recordSuccess();
      result = { ok: true, startedAt, durationMs: this.#now() - startedAt, changed, deferred: false };
    } catch (error) {
      // Netatmo says a home or device no longer exists: re-read the topology next time.
      if (error instanceof NetatmoError && error.kind === 'device_not_found') this.#topologyDirty = true;
      result = this.#failureResult(error, startedAt);
    }
    this.#scheduleNext();
    this.options.onPollFinished?.(result);
    return result;
  }

  #failureResult(error: unknown, startedAt: number): PollResult {
    const durationMs = this.#now() - startedAt;
    // A refusal by our own budget is a deferral, not a Netatmo failure: nothing was sent.
    if (error instanceof NetatmoError && error.kind === 'rate_limited' && error.httpStatus === null) {
      this.options.logger.debug({ retryAfterS: error.retryAfterS }, 'poll deferred by the rate budget');
      if (error.retryAfterS) this.#nextPollAt = this.#now() + error.retryAfterS * 1000;
      return { ok: false, startedAt, durationMs, changed: false, deferred: true };
    }
    const healthError = toHealthError(error, this.#now());
    this.options.health.recordFailure(healthError);
    this.options.logger.warn({ kind: healthError.kind, code: healthError.code }, `Netatmo poll failed: ${healthError.message}`);
    return { ok: false, startedAt, durationMs, changed: false, deferred: false, error: healthError };
  }

  #scheduleNext(): void {
    const intervalMs = this.effectiveIntervalS() * 1000;
    const backoff = this.options.scheduler.backoffUntil();
    const candidate = this.#now() + intervalMs;
    // A deferral may already have set a later time; never poll earlier than back-off allows.
    this.#nextPollAt = Math.max(candidate, backoff ?? 0, this.#nextPollAt > this.#now() ? this.#nextPollAt : 0);
  }

  async #pollAll(): Promise<boolean> {
    if (this.#topology === null || this.#topologyDirty || this.#now() - this.#topologyAt >= TOPOLOGY_REFRESH_MS) {
      await this.#refreshTopology();
    }
    const topology = this.#topology ?? [];
    const previous = new Map(this.options.state.homes.map((h) => [h.id, h]));
    const homes: Home[] = [];
    let refreshedTopologyThisPoll = false;
    for (const topo of topology) {
      const homeId = topo.id;
      if (!homeId) continue;
      const status: RawHomeStatusBody = await this.options.api.homeStatus(homeId);
      let topoForHome = topo;
      if (statusHasUnknownRoom(topo, status) && !refreshedTopologyThisPoll) {
        // A room Netatmo knows and we do not: re-read the topology once, then map with it.
        this.options.logger.info({ homeId }, 'unknown room in homestatus; re-reading homesdata');
        refreshedTopologyThisPoll = true;
        await this.#refreshTopology();
        topoForHome = this.#topology?.find((t) => t.id === homeId) ?? topo;
      }
      homes.push(normaliseHome(topoForHome, status, previous.get(homeId)));
    }
    return this.options.state.replaceHomes(homes);
  }

  async #refreshTopology(): Promise<void> {
    const body = await this.options.api.homesData();
    const wanted = this.options.homeIds?.();
    const homes = (body.homes ?? []).filter((h) => h.id && (!wanted || wanted.length === 0 || wanted.includes(h.id)));
    this.#topology = homes;
    this.#topologyAt = this.#now();
    this.#topologyDirty = false;
  }
}

export function toHealthError(error: unknown, now: number): HealthError {
  const at = new Date(now).toISOString();
  if (error instanceof NetatmoError) return { kind: error.kind, code: error.code, message: error.message, at };
  return { kind: 'unknown', code: null, message: error instanceof Error ? error.message : String(error), at };
}
