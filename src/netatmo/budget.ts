// Local rate budget for every call to Netatmo (API calls and token refreshes alike). Netatmo allows
// 50 requests / 10 s and 500 / hour per user and punishes overruns with code 26 lock-outs that
// can last hours (docs/netatmo.md#rate-limits), so the bridge stays under its own, lower budget:
//
// - rolling hour (default 400) and rolling 10 seconds (default 40), counted per call;
// - polls stop earlier than user commands: a reserve (default 15 % of the hour) is kept for
//   commands and token refreshes, so a user can still change a setpoint near the limit;
// - no start-up burst: there is no "initial allowance"; the 10-second window applies from the first
//   call, so even a bridge with many homes spreads its first homesdata + homestatus calls out
//   (openHAB tripped Netatmo's 50/10 s with ~65 calls at start-up);
// - back-off after Netatmo said "slow down": code 26 → nothing for ≥ 30 min (longer if Netatmo's
//   Retry-After says so, doubling on repeats up to 2 h); 5xx / code 11 / timeout / network →
//   exponential 30 s, 60 s, 120 s … capped at 1 h, for polls only (a user command may still try);
// - a back-off ends early only with a success of a request sent after it began: an answer to an
//   older request says nothing about the lock-out Netatmo declared meanwhile.
//
// Pure logic with injected clocks: windows and back-off run on a monotonic clock (a wall clock
// stepping backwards must not count calls twice or stretch a back-off); the wall clock only turns
// the back-off's end into a time for people. No timers, nothing to stop. The rolling windows are
// the shared SlidingWindow (src/util/sliding-window.ts).
import { SlidingWindow } from '../util/sliding-window.js';

export type CallKind = 'poll' | 'command' | 'auth';

/** ticket: the call's place in the order calls were let through (give it back to noteSuccess). */
export type AcquireResult = { ok: true; ticket: number } | { ok: false; retryAfterMs: number; reason: string };

export interface RateBudgetSnapshot {
  callsLastHour: number;
  callsLast10s: number;
  budgetPerHour: number;
  budgetPer10s: number;
  /** ISO time until which the bridge holds back, or null. */
  backoffUntil: string | null;
  /** Why it holds back: Netatmo's usage limit (code 26) or failures (5xx, code 11, timeouts). */
  backoffReason: 'rate_limited' | 'failures' | null;
}

export interface RateBudgetOptions {
  /** Wall clock (ms epoch), for the ISO time in snapshot(). */
  now?: () => number;
  /** Monotonic clock (ms) for windows and back-off; default `now` when given (tests), else performance.now. */
  monotonicNow?: () => number;
  perHour?: number;
  per10s?: number;
  /** Share of the hourly budget polls may not use (kept for commands and token refreshes). */
  commandReserve?: number;
  /** Share of the hourly budget the projected poll load should stay under. */
  pollTarget?: number;
}

const HOUR_MS = 3_600_000;
const TEN_S_MS = 10_000;
export const RATE_LIMIT_BACKOFF_MS = 30 * 60_000;
const RATE_LIMIT_BACKOFF_MAX_MS = 2 * HOUR_MS;
export const TRANSIENT_BACKOFF_BASE_MS = 30_000;
export const TRANSIENT_BACKOFF_MAX_MS = HOUR_MS;
/** homesdata once an hour plus a token refresh every ~3 h: calls the poll-interval sum leaves out. */
const FIXED_OVERHEAD_PER_HOUR = 2;

export class RateBudget {
  readonly perHour: number;
  readonly per10s: number;
  private readonly now: () => number;
  private readonly wallNow: () => number;
  private readonly commandReserve: number;
  private readonly pollTarget: number;
  /** Every call let through in the rolling hour (the 10-second count is its last 10 s). */
  private readonly calls: SlidingWindow;
  /** The commands and token refreshes among them (what polling must leave room for). */
  private readonly nonPollCalls: SlidingWindow;
  private backoffUntilMs = 0;
  /** Tickets handed out so far (a sequence, so calls in the same millisecond still have an order). */
  private lastTicket = 0;
  /** The last ticket handed out when the current back-off began: calls up to it cannot end it. */
  private backoffStartTicket: number | null = null;
  private backoffReason: 'rate_limited' | 'failures' | null = null;
  private consecutiveFailures = 0;
  private consecutiveRateLimits = 0;

  constructor(options: RateBudgetOptions = {}) {
    this.now = options.monotonicNow ?? options.now ?? (() => performance.now());
    this.wallNow = options.now ?? Date.now;
    this.perHour = options.perHour ?? 400;
    this.per10s = options.per10s ?? 40;
    this.commandReserve = options.commandReserve ?? 0.15;
    this.pollTarget = options.pollTarget ?? 0.75;
    // Calls are refused at perHour, so the window never needs more than perHour times.
    const window = { windowMs: HOUR_MS, capacity: Math.max(1, this.perHour), now: this.now };
    this.calls = new SlidingWindow(window);
    this.nonPollCalls = new SlidingWindow(window);
  }

  /** Asks to make one call now. On ok the call is counted at once (whether it then succeeds or not). */
  tryAcquire(kind: CallKind): AcquireResult {
    const now = this.now();
    if (now < this.backoffUntilMs) {
      // Code 26 stops everything; failure back-off only stops polls so a user's command still
      // gets its one try (the caller does not retry it automatically).
      if (this.backoffReason === 'rate_limited' || kind === 'poll') {
        const reason = this.backoffReason === 'rate_limited' ? 'Netatmo usage limit reached' : 'backing off after Netatmo failures';
        return { ok: false, retryAfterMs: this.backoffUntilMs - now, reason };
      }
    }

    if (this.calls.count(TEN_S_MS) >= this.per10s) {
      return { ok: false, retryAfterMs: this.calls.retryAfterMs(this.per10s, TEN_S_MS), reason: `at most ${this.per10s} calls per 10 s` };
    }

    const hourLimit = kind === 'poll' ? Math.floor(this.perHour * (1 - this.commandReserve)) : this.perHour;
    if (this.calls.count() >= hourLimit) {
      // The window frees up when enough of the oldest calls are an hour old.
      const retryAfterMs = this.calls.retryAfterMs(hourLimit);
      const reason = kind === 'poll' ? `hourly budget for polling used (${hourLimit} of ${this.perHour}; the rest is kept for commands)` : `hourly budget of ${this.perHour} calls used`;
      return { ok: false, retryAfterMs, reason };
    }

    this.calls.record();
    if (kind !== 'poll') this.nonPollCalls.record();
    this.lastTicket += 1;
    return { ok: true, ticket: this.lastTicket };
  }

  /** Netatmo said code 26: stop all calls for at least 30 min (or Retry-After, when longer). */
  noteRateLimited(retryAfterS: number | null = null): void {
    this.consecutiveRateLimits += 1;
    const ours = Math.min(RATE_LIMIT_BACKOFF_MS * 2 ** (this.consecutiveRateLimits - 1), RATE_LIMIT_BACKOFF_MAX_MS);
    const delay = Math.max(ours, (retryAfterS ?? 0) * 1000);
    // Every code 26 starts a lock-out of its own: nothing sent before it may end it.
    this.backoffStartTicket = this.lastTicket;
    this.extendBackoff(this.now() + delay, 'rate_limited');
  }

  /** 5xx, code 11, timeout or network error: exponential back-off for polls, 30 s … 1 h. */
  noteTransientFailure(retryAfterS: number | null = null): void {
    this.consecutiveFailures += 1;
    const ours = Math.min(TRANSIENT_BACKOFF_BASE_MS * 2 ** Math.min(this.consecutiveFailures - 1, 20), TRANSIENT_BACKOFF_MAX_MS);
    const delay = Math.max(ours, (retryAfterS ?? 0) * 1000);
    if (this.now() >= this.backoffUntilMs) this.backoffStartTicket = this.lastTicket;
    this.extendBackoff(this.now() + delay, this.backoffReason === 'rate_limited' && this.now() < this.backoffUntilMs ? 'rate_limited' : 'failures');
  }

  /**
   * The call with this ticket (tryAcquire's answer) succeeded: Netatmo is fine again and every
   * back-off ends, unless the call was sent before the back-off began.
   */
  noteSuccess(ticket: number): void {
    if (this.backoffStartTicket !== null && ticket <= this.backoffStartTicket) return;
    this.backoffStartTicket = null;
    this.consecutiveFailures = 0;
    this.consecutiveRateLimits = 0;
    this.backoffUntilMs = 0;
    this.backoffReason = null;
  }

  /**
   * The poll interval to use: at least `baseS`, stretched so that the projected calls per hour
   * (homes × 3600 / interval, plus the commands and refreshes of the last hour, plus hourly
   * topology) stay under ~75 % of the hourly budget. Back-off is separate (see snapshot()).
   */
  pollIntervalS(baseS: number, homeCount: number): number {
    const homes = Math.max(0, homeCount);
    if (homes === 0) return baseS;
    const nonPoll = this.nonPollCalls.count();
    const available = this.perHour * this.pollTarget - nonPoll - FIXED_OVERHEAD_PER_HOUR;
    if (available <= homes) return Math.max(baseS, 3600);
    const needed = Math.ceil((homes * 3600) / available);
    return Math.max(baseS, needed);
  }

  /** Milliseconds until back-off ends for this kind of call (0 when it may go now). */
  backoffRemainingMs(kind: CallKind = 'poll'): number {
    const now = this.now();
    if (now >= this.backoffUntilMs) return 0;
    if (this.backoffReason === 'failures' && kind !== 'poll') return 0;
    return this.backoffUntilMs - now;
  }

  snapshot(): RateBudgetSnapshot {
    const now = this.now();
    const active = now < this.backoffUntilMs;
    return {
      callsLastHour: this.calls.count(),
      callsLast10s: this.calls.count(TEN_S_MS),
      budgetPerHour: this.perHour,
      budgetPer10s: this.per10s,
      backoffUntil: active ? new Date(this.wallNow() + (this.backoffUntilMs - now)).toISOString() : null,
      backoffReason: active ? this.backoffReason : null,
    };
  }

  private extendBackoff(untilMs: number, reason: 'rate_limited' | 'failures'): void {
    if (untilMs > this.backoffUntilMs || reason === 'rate_limited') {
      this.backoffUntilMs = Math.max(untilMs, this.backoffUntilMs);
      this.backoffReason = reason;
    }
  }
}
