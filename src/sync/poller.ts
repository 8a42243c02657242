// Keeps the state fresh: one poll round at a time (poll-round.ts: homesdata when due, then
// homestatus home by home, each home succeeding or failing on its own). A tick during a running
// poll is skipped, a refresh request joins the running poll. When the next poll is due is decided
// on a monotonic clock (poll-timing.ts): the regular time by a PollPolicy (fixed, or adaptive:
// src/polling/), which sees what each poll brought; confirmations apart, and never during Netatmo
// back-off; the Netatmo client enforces the budget itself.
import type { PollResult } from '../core/events.js';
import type { RawTopologyHome } from '../model/netatmo-raw.js';
import type { NetatmoApi } from '../netatmo/api.js';
import type { Home, PollPolicyName, PollReason } from '../model/types.js';
import type { Logger } from '../util/logger.js';
import type { HealthTracker } from './health.js';
import { HomeHealthBook } from './home-health.js';
import { runRound, toHealthError, type RoundOutcome } from './poll-round.js';
import { fixedIntervalPolicy, PollTimer, type PollObservation, type PollPolicy } from './poll-timing.js';
import type { StateService } from './state-service.js';
import { TopologyCache } from './topology-cache.js';

export { TOPOLOGY_REFRESH_MS } from './topology-cache.js';
export { toHealthError } from './poll-round.js';

export interface PollScheduler {
  /** Poll interval in force now, from the base interval and the budget (stretched near it). */
  effectiveIntervalS(baseS: number, homeCount: number): number;
  /** Milliseconds until Netatmo back-off lets polls through again (0 when they may go now). */
  backoffRemainingMs(): number;
  /** Netatmo calls in the last hour (every kind) and the hourly budget, for a policy that paces itself. */
  usage?(): { callsLastHour: number; budgetPerHour: number };
}

/** When the next poll comes and why (status page, state API). */
export interface PollStatus {
  policy: PollPolicyName;
  reason: PollReason;
  nextPollInS: number;
  currentIntervalS: number;
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
  /** Wall clock (ms epoch): error times, nextPollAt. */
  now?: () => number;
  /** Monotonic clock (ms) for every due time; default `now` when given (tests), else performance.now. */
  monotonicNow?: () => number;
  /** Decides the next regular poll (default: one interval after the last poll ended). */
  policy?: PollPolicy;
  /** Called on every heartbeat tick, polling or not (health is re-evaluated there). */
  onTick?: () => void;
  /** Called after every poll attempt, success or not (persistence, metrics, watchdog). */
  onPollFinished?: (result: PollResult) => void;
}

export type { PollResult } from '../core/events.js';

export class Poller {
  readonly #topology: TopologyCache;
  readonly #book: HomeHealthBook;
  readonly #timer = new PollTimer();
  readonly #policy: PollPolicy;
  #running: Promise<PollResult> | null = null;
  #lastTickAt: number | null = null;
  #pollStartedAt: number | null = null;
  #pollIntervalS: number;
  #notAskedLastRound = new Set<string>();
  readonly #now: () => number;
  readonly #mono: () => number;

  constructor(private readonly options: PollerOptions) {
    this.#now = options.now ?? Date.now;
    this.#mono = options.monotonicNow ?? options.now ?? (() => performance.now());
    this.#pollIntervalS = options.pollIntervalS;
    this.#policy = options.policy ?? fixedIntervalPolicy();
    this.#topology = new TopologyCache({ api: options.api, logger: options.logger, now: this.#mono, homeIds: options.homeIds });
    this.#book = new HomeHealthBook({ now: this.#mono, staleThresholdMs: () => options.health.staleThresholdMs });
  }

  /** Monotonic time of the last heartbeat tick (watchdog). */
  get lastTickAt(): number | null {
    return this.#lastTickAt;
  }

  /** When the next poll is due, on the wall clock (ms epoch; an estimate for display and tests). */
  get nextPollAt(): number {
    return this.#now() + (this.#timer.dueAt() - this.#mono());
  }

  /** Milliseconds until the next poll is due (0 when due now). */
  nextPollInMs(): number {
    return Math.max(0, this.#timer.dueAt() - this.#mono());
  }

  get isPolling(): boolean {
    return this.#running !== null;
  }

  /** When the running poll started (monotonic ms), or null when idle (watchdog). */
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
    this.#timer.pullRegular(this.#mono() + seconds * 1000);
  }

  effectiveIntervalS(): number {
    return this.options.scheduler.effectiveIntervalS(this.#pollIntervalS, Math.max(1, this.#homeCount()));
  }

  /** The last homesdata entry of a home as Netatmo sent it (schedule timetables the model does not keep). */
  topologyOf(homeId: string): RawTopologyHome | undefined {
    return this.#topology.home(homeId);
  }

  /** Re-read homesdata on the next poll (after a schedule switch, a webhook `schedule` event …). */
  markTopologyDirty(): void {
    this.#topology.markDirty();
  }

  /** Poll no later than `delayMs` from now (confirmation polls after a command); never delays one. */
  pollSoon(delayMs: number): void {
    this.#timer.requestConfirmation(this.#mono() + delayMs);
  }

  /** A command for this home was accepted: someone is using the heating (the policy may poll faster). */
  noteActivity(homeId: string): void {
    this.#policy.noteActivity?.(homeId, this.#mono(), this.#now());
  }

  pollStatus(): PollStatus {
    const now = this.#mono();
    const dueAt = this.#timer.dueAt();
    const plan = this.#policy.plan();
    const intervalMs = plan?.intervalMs ?? this.effectiveIntervalS() * 1000;
    const confirming = this.#timer.confirmDue !== null && this.#timer.confirmDue < this.#timer.regularDue;
    const reason = this.#timer.holdingAt(now) ?? (plan === null ? 'starting' : confirming ? 'confirmation' : plan.reason);
    return { policy: this.#policy.name, reason, nextPollInS: Math.max(0, Math.ceil((dueAt - now) / 1000)), currentIntervalS: Math.round(intervalMs / 1000) };
  }

  /** Scheduler heartbeat (node-cron, every second): starts a poll when one is due. */
  async tick(): Promise<PollResult | null> {
    this.#lastTickAt = this.#mono();
    this.options.onTick?.();
    if (this.#running || !this.#timer.isDue(this.#mono())) return null;
    return this.pollNow();
  }

  /** Poll now, or join the poll already running (coalesced refresh). */
  pollNow(): Promise<PollResult> {
    if (this.#running) return this.#running;
    this.#pollStartedAt = this.#mono();
    this.#timer.pollStarted(this.#pollStartedAt);
    const run = this.#poll().finally(() => {
      // An abandoned poll (watchdog) must not clear the poll that replaced it.
      if (this.#running === run) this.#running = null;
    });
    this.#running = run;
    return run;
  }

  #homeCount(): number {
    return this.#topology.homes?.length || this.options.state.homes.length || 1;
  }

  async #poll(): Promise<PollResult> {
    const startedAt = this.#now();
    const monoStart = this.#mono();
    let result: PollResult;
    let observation: PollObservation | undefined;
    try {
      const outcome = await runRound({
        api: this.options.api,
        topology: this.#topology,
        book: this.#book,
        logger: this.options.logger,
        wallNow: this.#now,
        previous: (homeId) => this.options.state.home(homeId),
        intervalMs: this.effectiveIntervalS() * 1000,
        first: this.#notAskedLastRound,
      });
      this.#notAskedLastRound = outcome.notAsked;
      const previous = this.options.state.homes;
      result = this.#conclude(outcome, startedAt, monoStart);
      observation = this.#observation(monoStart, previous, outcome.answered);
    } catch (error) {
      // runRound handles Netatmo failures; anything here is a bug, recorded like a failed poll.
      result = this.#failed(error, startedAt, monoStart);
    }
    this.#scheduleNext(result, observation);
    this.options.onPollFinished?.(result);
    return result;
  }

  #observation(startedAt: number, previous: readonly Home[], answered: ReadonlySet<string>): PollObservation {
    const usage = this.options.scheduler.usage?.() ?? { callsLastHour: 0, budgetPerHour: Number.POSITIVE_INFINITY };
    const homes = this.options.state.homes;
    return { startedAt, wallAt: this.#now(), previous, homes, answered, topology: (homeId) => this.#topology.home(homeId), ...usage };
  }

  #conclude(outcome: RoundOutcome, startedAt: number, monoStart: number): PollResult {
    const durationMs = this.#mono() - monoStart;
    const changed = outcome.homes === null ? false : this.options.state.replaceHomes(outcome.homes);
    if (outcome.succeeded === 0 && outcome.failure === null && outcome.deferral) {
      // A refusal by our own budget is a deferral, not a Netatmo failure: nothing was sent.
      const retryAfterS = outcome.deferral.retryAfterS;
      this.options.logger.debug({ retryAfterS }, 'poll deferred by the rate budget');
      if (retryAfterS) this.#timer.holdUntil(this.#mono() + retryAfterS * 1000, 'budget');
      return { ok: false, startedAt, durationMs, changed, deferred: true };
    }
    this.options.health.setFailingHomes(this.#book.failingErrors());
    if (outcome.succeeded > 0) {
      this.options.health.recordSuccess();
      return { ok: true, startedAt, durationMs, changed, deferred: false };
    }
    return { ...this.#failed(outcome.failure, startedAt, monoStart), changed };
  }

  #failed(error: unknown, startedAt: number, monoStart: number): PollResult {
    const healthError = toHealthError(error, this.#now());
    this.options.health.recordFailure(healthError);
    // A moved connection is shown on every page already; one warning per poll would only be noise.
    this.options.logger[healthError.kind === 'moved' ? 'debug' : 'warn']({ kind: healthError.kind, code: healthError.code }, `Netatmo poll failed: ${healthError.message}`);
    return { ok: false, startedAt, durationMs: this.#mono() - monoStart, changed: false, deferred: false, error: healthError };
  }

  #scheduleNext(result: PollResult, observation: PollObservation | undefined): void {
    const endedAt = this.#mono();
    if (!result.deferred) {
      const backoffMs = this.options.scheduler.backoffRemainingMs();
      this.#timer.holdUntil(backoffMs > 0 ? endedAt + backoffMs : Number.NEGATIVE_INFINITY);
    }
    this.#timer.setRegular(this.#policy.nextRegularDue({ endedAt, intervalMs: this.effectiveIntervalS() * 1000, result, observation }));
  }
}
