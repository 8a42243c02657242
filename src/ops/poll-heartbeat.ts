// The poller's heartbeat as something that can be restarted: the watchdog recreates the node-cron
// task when ticks stop arriving, and shutdown stops it once HTTP and the features have stopped, so
// no new poll starts while the rest of the bridge winds down (src/bridge/stop-plan.ts).
import type { PollSchedule } from '../sync/schedule.js';

export class PollHeartbeat {
  #schedule: PollSchedule | null = null;
  #startedAt: number | null = null;
  #restarts = 0;

  constructor(
    private readonly startSchedule: () => PollSchedule,
    private readonly now: () => number = Date.now,
  ) {}

  get running(): boolean {
    return this.#schedule !== null;
  }

  /** When the current schedule was (re)started (ms epoch), or null while stopped. */
  get startedAt(): number | null {
    return this.#startedAt;
  }

  get restarts(): number {
    return this.#restarts;
  }

  start(): void {
    if (this.#schedule) return;
    this.#schedule = this.startSchedule();
    this.#startedAt = this.now();
  }

  /** Throws the old schedule away (even if stopping it fails) and starts a new one. */
  async restart(): Promise<void> {
    const old = this.#schedule;
    this.#schedule = null;
    this.#startedAt = null;
    try {
      await old?.stop();
    } finally {
      this.#restarts += 1;
      this.start();
    }
  }

  async stop(): Promise<void> {
    const old = this.#schedule;
    this.#schedule = null;
    this.#startedAt = null;
    await old?.stop();
  }
}
