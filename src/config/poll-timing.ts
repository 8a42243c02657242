// The one rule for the poll interval and the stale threshold, shared by the configuration loader
// (.env / environment) and the admin page's settings form, so a pair one accepts the other accepts
// too, and a refusal reads the same in both places. Pure: no I/O.
export const POLL_TIMING = {
  /** Netatmo asks integrations not to poll more often (Home Assistant's netatmo integration polls every ~42 s). */
  minPollS: 10,
  maxPollS: 3600,
  /** Stale only after two missed polls: one late poll must not mark the data stale. */
  staleFactor: 2,
  maxStaleS: 86_400,
} as const;

export interface PollTiming {
  pollIntervalS: number;
  staleThresholdS: number;
}

export interface PollTimingProblem {
  field: keyof PollTiming;
  /** Which part of the rule, and its numbers: the admin page says the same in the user's language (form.pollRange …). */
  rule: 'poll_range' | 'stale_range' | 'stale_ratio';
  values: Record<string, number>;
  message: string;
}

const POLL = 'POLL_INTERVAL_S (the poll interval)';
const STALE = 'STALE_THRESHOLD_S (the stale threshold)';

export function checkPollTiming({ pollIntervalS, staleThresholdS }: PollTiming): PollTimingProblem[] {
  const { minPollS, maxPollS, staleFactor, maxStaleS } = POLL_TIMING;
  if (!Number.isInteger(pollIntervalS) || pollIntervalS < minPollS || pollIntervalS > maxPollS) {
    return [{ field: 'pollIntervalS', rule: 'poll_range', values: { min: minPollS, max: maxPollS, got: pollIntervalS }, message: `${POLL} must be a whole number of seconds from ${minPollS} to ${maxPollS} (got ${pollIntervalS})` }];
  }
  if (!Number.isInteger(staleThresholdS) || staleThresholdS > maxStaleS) {
    return [{ field: 'staleThresholdS', rule: 'stale_range', values: { max: maxStaleS, got: staleThresholdS }, message: `${STALE} must be a whole number of seconds, at most ${maxStaleS} seconds (one day) (got ${staleThresholdS})` }];
  }
  if (staleThresholdS < pollIntervalS * staleFactor) {
    return [
      {
        field: 'staleThresholdS',
        rule: 'stale_ratio',
        values: { stale: staleThresholdS, poll: pollIntervalS },
        message:
          `${STALE} must be at least twice ${POLL}: got ${staleThresholdS} and ${pollIntervalS} seconds; ` +
          'otherwise every late poll would mark the data stale',
      },
    ];
  }
  return [];
}
