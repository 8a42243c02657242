// When the next poll is due, on a monotonic clock (performance.now() in production): a wall clock
// stepping backwards (NTP, a clock set by hand) must not stop polling, and one stepping forwards
// must not cause a burst. Three separate times decide it:
// - the regular due time, set after each poll by a PollPolicy (the seam for smarter policies);
// - a confirmation time (a poll soon after a command or webhook), kept apart so a poll ending
//   meanwhile cannot overwrite it — only a poll that starts at or after it satisfies it;
// - a hold (Netatmo back-off, or our own budget deferring a poll), which nothing polls before.
import type { PollResult } from './poller.js';

export interface PollPolicyInput {
  /** Monotonic ms at which the poll ended. */
  endedAt: number;
  /** The interval in force (the base interval, stretched near the rate budget), in ms. */
  intervalMs: number;
  /** What the poll brought (ok, changed, deferred, error). */
  result: PollResult;
}

/** Decides the next regular poll after each poll. Confirmations and holds are handled apart. */
export interface PollPolicy {
  /** Monotonic ms at which the next regular poll is due. */
  nextRegularDue(input: PollPolicyInput): number;
}

/** The default policy: one interval after the end of the last poll. */
export const fixedIntervalPolicy: PollPolicy = {
  nextRegularDue: ({ endedAt, intervalMs }) => endedAt + intervalMs,
};

export class PollTimer {
  /** 0: the first poll is due at once. */
  #regularDue = 0;
  #confirmDue: number | null = null;
  #holdUntil = Number.NEGATIVE_INFINITY;

  /** The monotonic time the next poll is due (never before a hold ends). */
  dueAt(): number {
    const soonest = this.#confirmDue === null ? this.#regularDue : Math.min(this.#regularDue, this.#confirmDue);
    return Math.max(soonest, this.#holdUntil);
  }

  isDue(now: number): boolean {
    return now >= this.dueAt();
  }

  get regularDue(): number {
    return this.#regularDue;
  }

  get confirmDue(): number | null {
    return this.#confirmDue;
  }

  setRegular(at: number): void {
    this.#regularDue = at;
  }

  /** Brings the regular poll forward (a shorter interval set at run time); never pushes it back. */
  pullRegular(at: number): void {
    this.#regularDue = Math.min(this.#regularDue, at);
  }

  /** A poll no later than `at` (earliest request wins; a later request never delays an earlier one). */
  requestConfirmation(at: number): void {
    this.#confirmDue = this.#confirmDue === null ? at : Math.min(this.#confirmDue, at);
  }

  /** Nothing polls before `until` (replaces the previous hold: back-off is re-read after each poll). */
  holdUntil(until: number): void {
    this.#holdUntil = until;
  }

  /** A poll starts at `at`: it satisfies a confirmation that was due by then, not a later one. */
  pollStarted(at: number): void {
    if (this.#confirmDue !== null && this.#confirmDue <= at) this.#confirmDue = null;
  }
}
