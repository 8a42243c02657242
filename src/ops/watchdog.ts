// In-process watchdog for the poller. Two ways polling can die silently in a process that keeps
// serving HTTP: the node-cron heartbeat stops firing (a timer bug, a clock jump), or a poll never
// settles (a promise nobody resolves). Both leave the hubs with ever older data and nothing in the
// log, so the watchdog checks every heartbeat and repairs: it recreates the heartbeat when no tick
// arrived for 3 heartbeats while no poll runs, and abandons a poll running longer than 2 minutes
// (every Netatmo call has a 10 s timeout, so a poll that long is stuck, not slow).
// Every duration is measured on a monotonic clock, so a wall clock that steps backwards (NTP, a
// clock set by hand) cannot hide a stall. Such a step is noticed too — the wall clock moved
// differently from the monotonic one — logged, and answered by recreating the heartbeat, since
// node-cron plans its next run from the wall clock.
// Under systemd there is no sd_notify keep-alive (no maintained pure-JS library; see
// docs/operations.md): Restart=always covers a dead process, this covers a live one.
import type { Config } from '../config/index.js';
import type { BridgeEventBus } from '../core/events.js';
import type { Feature } from '../core/feature.js';
import { moduleLogger, type Logger } from '../util/logger.js';

export const HEARTBEAT_MS = 1_000;
export const STALLED_AFTER_HEARTBEATS = 3;
export const MAX_POLL_MS = 2 * 60_000;
/** A wall clock that moved this much more or less than the monotonic clock was stepped. */
export const CLOCK_STEP_MS = 2_000;

export interface WatchedPoller {
  readonly lastTickAt: number | null;
  readonly isPolling: boolean;
  readonly pollStartedAt: number | null;
  abandonRunningPoll(): boolean;
}

export interface WatchedHeartbeat {
  readonly running: boolean;
  readonly startedAt: number | null;
  restart(): Promise<void>;
}

export type WatchdogAction = 'none' | 'heartbeat_restarted' | 'poll_abandoned' | 'clock_stepped';

export interface PollWatchdogOptions {
  poller: WatchedPoller;
  heartbeat: WatchedHeartbeat;
  logger: Logger;
  /** Monotonic clock (ms), the one the poller's and heartbeat's times are on. */
  now?: () => number;
  /** Wall clock (ms epoch), only to notice it stepping. */
  wallNow?: () => number;
  heartbeatMs?: number;
  maxPollMs?: number;
  onAction?: (action: Exclude<WatchdogAction, 'none'>, reason: string) => void;
}

export class PollWatchdog {
  #timer: NodeJS.Timeout | null = null;
  #lastPollFinishedAt: number | null = null;
  #checking = false;
  /** wall − monotonic at the last check: a change is a wall-clock step. */
  #wallOffset: number | null = null;
  readonly #now: () => number;
  readonly #wallNow: () => number;
  readonly #heartbeatMs: number;
  readonly #maxPollMs: number;

  constructor(private readonly options: PollWatchdogOptions) {
    this.#now = options.now ?? (() => performance.now());
    this.#wallNow = options.wallNow ?? Date.now;
    this.#heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    this.#maxPollMs = options.maxPollMs ?? MAX_POLL_MS;
  }

  /** A poll just ended: the heartbeat was busy with it (node-cron does not overlap ticks). */
  notePollFinished(): void {
    this.#lastPollFinishedAt = this.#now();
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.check(), this.#heartbeatMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** One inspection; repairs what it finds. Public so tests can drive it directly. */
  async check(): Promise<WatchdogAction> {
    if (this.#checking) return 'none';
    this.#checking = true;
    try {
      return await this.#inspect();
    } catch (error) {
      this.options.logger.error({ err: error }, 'watchdog check failed');
      return 'none';
    } finally {
      this.#checking = false;
    }
  }

  async #inspect(): Promise<WatchdogAction> {
    const { poller, heartbeat, logger } = this.options;
    const now = this.#now();
    const step = this.#clockStep(now);
    if (step !== 0) {
      const reason = `the system clock stepped ${step < 0 ? 'back' : 'forward'} by ${Math.round(Math.abs(step) / 1000)} s`;
      logger.warn({ stepMs: step }, `watchdog: ${reason}; polling keeps its own timing${step < 0 && heartbeat.running ? ', restarting the poll schedule' : ''}`);
      // node-cron plans runs on the wall clock: after a step back it could wait that long.
      if (step < 0 && heartbeat.running) await heartbeat.restart();
      this.options.onAction?.('clock_stepped', reason);
      return 'clock_stepped';
    }
    if (poller.isPolling) {
      const startedAt = poller.pollStartedAt;
      if (startedAt === null || now - startedAt <= this.#maxPollMs) return 'none';
      const reason = `a poll has been running for ${Math.round((now - startedAt) / 1000)} s`;
      poller.abandonRunningPoll();
      logger.warn({ runningForMs: now - startedAt }, `watchdog: ${reason}; abandoned it so polling can go on`);
      this.options.onAction?.('poll_abandoned', reason);
      return 'poll_abandoned';
    }
    if (!heartbeat.running) return 'none';
    // The last sign of life: a tick, the end of a poll (no ticks run during one) or the (re)start.
    const lastSign = Math.max(poller.lastTickAt ?? 0, this.#lastPollFinishedAt ?? 0, heartbeat.startedAt ?? 0);
    const silentMs = now - lastSign;
    if (silentMs <= STALLED_AFTER_HEARTBEATS * this.#heartbeatMs) return 'none';
    const reason = `no poll heartbeat for ${Math.round(silentMs / 1000)} s`;
    logger.warn({ silentMs }, `watchdog: ${reason}; restarting the poll schedule`);
    await heartbeat.restart();
    this.options.onAction?.('heartbeat_restarted', reason);
    return 'heartbeat_restarted';
  }

  /** How far the wall clock stepped since the last check (0 when it kept pace). */
  #clockStep(monoNow: number): number {
    const offset = this.#wallNow() - monoNow;
    const previous = this.#wallOffset;
    this.#wallOffset = offset;
    if (previous === null || Math.abs(offset - previous) < CLOCK_STEP_MS) return 0;
    return offset - previous;
  }
}

/** What the watchdog feature uses of the bridge. */
export interface WatchdogFeatureDeps {
  config: Pick<Config, 'watchdog'>;
  poller: WatchedPoller;
  heartbeat: WatchedHeartbeat;
  logger: Logger;
  events: Pick<BridgeEventBus, 'on' | 'emit'>;
  now: () => number;
  monotonicNow: () => number;
}

/** The watchdog feature (WATCHDOG=on, the default). */
export function watchdogFeature(context: WatchdogFeatureDeps): Feature {
  if (!context.config.watchdog) return { name: 'watchdog' };
  const watchdog = new PollWatchdog({
    poller: context.poller,
    heartbeat: context.heartbeat,
    logger: moduleLogger(context.logger, 'watchdog'),
    now: context.monotonicNow,
    wallNow: context.now,
    onAction: (action, reason) => context.events.emit('watchdogAction', { action, reason }),
  });
  const feature: Feature = {
    name: 'watchdog',
    start: () => {
      // Owned by the feature: the composition root removes it when the feature stops.
      context.events.on('pollFinished', () => watchdog.notePollFinished(), feature);
      watchdog.start();
    },
    stop: () => watchdog.stop(),
  };
  return feature;
}
