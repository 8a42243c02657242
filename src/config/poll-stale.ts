// One rule for the poll interval against the stale threshold, for every place that lets a user
// set either (SmartApp options page today; the admin page and the environment can reuse it).
// Data counts as stale when the last successful poll is older than the threshold; with a
// threshold shorter than two intervals, one late or failed poll marks every device offline.

/** The stale threshold must cover at least this many poll intervals. */
export const STALE_TO_POLL_RATIO = 2;

/** The longest poll interval (whole seconds) that fits under this stale threshold. */
export function maxPollIntervalS(staleThresholdS: number): number {
  return Math.floor(staleThresholdS / STALE_TO_POLL_RATIO);
}

/** A sentence saying what is wrong with this pair, or null when it is fine. */
export function pollStaleProblem(pollIntervalS: number, staleThresholdS: number): string | null {
  if (pollIntervalS * STALE_TO_POLL_RATIO <= staleThresholdS) return null;
  return (
    `The poll interval (${pollIntervalS} s) must be at most half the stale threshold (${staleThresholdS} s), ` +
    `so at most ${maxPollIntervalS(staleThresholdS)} s; otherwise one late poll marks every device offline.`
  );
}
