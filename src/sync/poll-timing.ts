// When the next poll is due, on a monotonic clock (performance.now() in production): a wall clock
// stepping backwards (NTP, a clock set by hand) must not stop polling, and one stepping forwards
// must not cause a burst. Three separate times decide it:
// - the regular due time, set after each poll by a PollPolicy (fixed interval, or adaptive:
//   src/polling/adaptive-policy.ts);
// - a confirmation time (a poll soon after a command or webhook), kept apart so a poll ending
//   meanwhile cannot overwrite it — only a poll that starts at or after it satisfies it;
// - a hold (Netatmo back-off, or our own budget deferring a poll), which nothing polls before.
import type { RawTopologyHome } from '../model/netatmo-raw.js';
import type { Home, PollPolicyName, PollReason } from '../model/types.js';
import type { PollResult } from '../core/events.js';

/** What a poll saw, for a policy that learns from it (the adaptive one). */
export interface PollObservation {
  /** Monotonic ms at which the poll began reading Netatmo. */
  startedAt: number;
  /** Wall clock (ms epoch) at the end of the poll (time of day, time zones). */
  wallAt: number;
  /** The homes before the poll and after it (as clients see them). */
  previous: readonly Home[];
  homes: readonly Home[];
  /** Homes whose homestatus answered in this poll. */
  answered: ReadonlySet<string>;
  /** homesdata of a home (its schedule timetable). */
  topology: (homeId: string) => RawTopologyHome | undefined;
  /** Netatmo calls in the last hour, of every kind, and the hourly budget. */
  callsLastHour: number;
  budgetPerHour: number;
}

export interface PollPolicyInput {
  /** Monotonic ms at which the poll ended. */
  endedAt: number;
  /** The configured interval in force (the base interval, stretched near the budget), in ms. */
  intervalMs: number;
  /** What the poll brought (ok, changed, deferred, error). */
  result: PollResult;
  observation?: PollObservation;
}

/** The regular poll's reason and the interval in force (status page, state API). */
export interface PollPlan {
  reason: PollReason;
  intervalMs: number;
}

/** Decides the next regular poll after each poll. Confirmations and holds are handled apart. */
export interface PollPolicy {
  readonly name: PollPolicyName;
  /** Monotonic ms at which the next regular poll is due. */
  nextRegularDue(input: PollPolicyInput): number;
  /** Why the next regular poll is where it is (null before the first poll). */
  plan(): PollPlan | null;
  /** Someone used the heating through the bridge (a command was accepted). */
  noteActivity?(homeId: string, monoAt: number, wallAt: number): void;
}

/** One interval after the end of the last poll. */
export function fixedIntervalPolicy(): PollPolicy {
  let last: PollPlan | null = null;
  return {
    name: 'fixed',
    nextRegularDue: ({ endedAt, intervalMs }) => {
      last = { reason: 'regular interval', intervalMs };
      return endedAt + intervalMs;
    },
    plan: () => last,
  };
}

export type HoldReason = 'back-off' | 'budget';

export class PollTimer {
  /** 0: the first poll is due at once. */
  #regularDue = 0;
  #confirmDue: number | null = null;
  #holdUntil = Number.NEGATIVE_INFINITY;
  #holdReason: HoldReason = 'back-off';

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
  holdUntil(until: number, reason: HoldReason = 'back-off'): void {
    this.#holdUntil = until;
    this.#holdReason = reason;
  }

  /** Why polling waits, when a hold decides the due time at `now`; null otherwise. */
  holdingAt(now: number): HoldReason | null {
    const soonest = this.#confirmDue === null ? this.#regularDue : Math.min(this.#regularDue, this.#confirmDue);
    return this.#holdUntil > now && this.#holdUntil >= soonest ? this.#holdReason : null;
  }

  /** A poll starts at `at`: it satisfies a confirmation that was due by then, not a later one. */
  pollStarted(at: number): void {
    if (this.#confirmDue !== null && this.#confirmDue <= at) this.#confirmDue = null;
  }
}
