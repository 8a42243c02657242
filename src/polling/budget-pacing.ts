// Keeps the adaptive polls within an hourly allowance (the bridge's rate budget share for polling,
// and a cap per home): rounds are counted over the last rolling hour; near the allowance the pace
// slows to at most half the allowance's average rate, and at the allowance nothing polls until the
// oldest rounds leave the window. Commands keep their own reserve in the rate budget. Pure;
// monotonic milliseconds.

const HOUR_MS = 3_600_000;
/** Share of the allowance from which the pace slows down. */
export const SLOW_FROM = 0.95;

export interface PacingInput {
  now: number;
  /** Start times of the rounds in the last hour (any order). */
  recentRounds: readonly number[];
  /** Netatmo calls one round makes (the homes polled). */
  callsPerRound: number;
  /** Calls the polls may make in any rolling hour. */
  allowancePerHour: number;
}

export interface Pacing {
  /** The earliest monotonic time the next round may start. */
  notBefore: number;
  /** True when the allowance, not the plan, decided it. */
  limited: boolean;
}

export function pace(input: PacingInput): Pacing {
  const rounds = input.recentRounds.filter((t) => t > input.now - HOUR_MS).sort((a, b) => a - b);
  const perRound = Math.max(1, input.callsPerRound);
  const allowedRounds = Math.floor(input.allowancePerHour / perRound);
  if (allowedRounds <= 0) return { notBefore: input.now + HOUR_MS, limited: true };
  if (rounds.length >= allowedRounds) {
    // Wait until enough rounds are an hour old for one more to fit.
    const freeing = rounds[rounds.length - allowedRounds] ?? input.now;
    return { notBefore: freeing + HOUR_MS, limited: true };
  }
  const last = rounds[rounds.length - 1];
  if (last !== undefined && rounds.length >= SLOW_FROM * allowedRounds) {
    return { notBefore: last + (2 * HOUR_MS) / allowedRounds, limited: true };
  }
  return { notBefore: Number.NEGATIVE_INFINITY, limited: false };
}
