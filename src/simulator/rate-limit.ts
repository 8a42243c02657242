// Netatmo's per-user limits (reference §5.2): 50 requests per 10 s and 500 per hour, counted on
// every API call. Here a "user" is a token lineage. Refused calls are not counted.

export interface RateLimits {
  per10s: number;
  perHour: number;
}

const TEN_SECONDS_MS = 10_000;
const HOUR_MS = 3_600_000;

export class RateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(private readonly limits: RateLimits | false) {}

  /** Records the call and returns true, or returns false when the user is over a limit. */
  tryTake(user: string, nowMs: number): boolean {
    if (!this.limits) return true;
    const times = (this.calls.get(user) ?? []).filter((t) => t > nowMs - HOUR_MS);
    const lastTenSeconds = times.filter((t) => t > nowMs - TEN_SECONDS_MS).length;
    this.calls.set(user, times);
    if (lastTenSeconds >= this.limits.per10s || times.length >= this.limits.perHour) return false;
    times.push(nowMs);
    return true;
  }

  usage(user: string, nowMs: number): { last10s: number; lastHour: number } {
    const times = this.calls.get(user) ?? [];
    return {
      last10s: times.filter((t) => t > nowMs - TEN_SECONDS_MS).length,
      lastHour: times.filter((t) => t > nowMs - HOUR_MS).length,
    };
  }
}
