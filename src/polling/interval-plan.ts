// How long to wait between regular polls at each hour of the day, from the learned activity
// weights. A change at a random moment waits a time spread evenly over the interval in force, so
// the share of changes seen within a time T is Σ activity·min(1, T/interval): linear in the poll
// rate of each hour. For that share (what a median or a percentile of the wait measures) a poll is
// worth most in the busiest hours — spending it there first is optimal, where minimising the MEAN
// wait would give intervals ∝ 1/√(activity) and leave busy hours slower. The plan uses poll
// rates proportional to activity (intervals ∝ 1/activity): the busy hours reach the hourly
// ceiling, the quiet ones keep what the target leaves, and with nothing learnt yet (every hour
// weighing the same) the polls stay evenly spread rather than bet on arbitrary hours. The intervals are
// scaled so that the polls of a whole day — regular polls, a little early when brought forward to
// an expected measurement report — average the target per hour, and clamped between the fastest
// interval allowed and a quiet-hour ceiling: a change in a quiet hour still waits at most that
// long (the 95th percentile of the wait). The ceiling rises towards the configured poll interval
// only when the target cannot pay for it; never slower than the configured interval.
// Pure.

export interface PlanOptions {
  /** Relative activity per hour of the day (averaging 1). */
  weights: readonly number[];
  /** Polls after expected measurement reports, per hour. */
  measurementPollsPerHour: number;
  /** What the day's polls should average per hour. */
  targetPollsPerHour: number;
  /** No hour's plan may exceed this many polls (the hourly cap keeps a margin above it). */
  maxPollsPerHour: number;
  minIntervalS: number;
  maxIntervalS: number;
  /** The longest interval any hour gets while the target allows it (≤ maxIntervalS). */
  quietCeilingS: number;
}

/**
 * An expected measurement report within this share of the interval before the regular poll
 * brings that poll forward to just after it: the new temperature arrives at once and no poll is
 * added. Earlier reports wait for the regular poll — evenly spaced polls catch people's changes
 * sooner for the same calls than polls spent on every report would.
 */
export const MEASUREMENT_SHARE = 0.25;

/**
 * Polls per hour with regular polls every `intervalS`, each brought forward to the last of the
 * `m` expected reports an hour (spread independently) in the window w = share · I before it: the
 * gap shortens on average by (1 − e^(−m·w)) / m − w · e^(−m·w).
 */
export function pollsPerHour(intervalS: number, measurementPollsPerHour: number): number {
  const m = measurementPollsPerHour / 3600;
  if (m <= 0) return 3600 / intervalS;
  const w = MEASUREMENT_SHARE * intervalS;
  const pull = (1 - Math.exp(-m * w)) / m - w * Math.exp(-m * w);
  return 3600 / (intervalS - pull);
}

/** The shortest interval whose polls per hour stay within `maxPolls` (bisection; pollsPerHour falls with I). */
function intervalForRate(maxPolls: number, options: PlanOptions): number {
  let lo = options.minIntervalS;
  let hi = options.maxIntervalS;
  if (pollsPerHour(lo, options.measurementPollsPerHour) <= maxPolls) return lo;
  if (pollsPerHour(hi, options.measurementPollsPerHour) > maxPolls) return hi;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (pollsPerHour(mid, options.measurementPollsPerHour) > maxPolls) lo = mid;
    else hi = mid;
  }
  return hi;
}

function intervalsFor(scale: number, floorS: number, ceilingS: number, weights: readonly number[]): number[] {
  return weights.map((w) => Math.min(ceilingS, Math.max(floorS, scale / Math.max(w, 1e-3))));
}

function meanPolls(intervals: readonly number[], measurementPollsPerHour: number): number {
  return intervals.reduce((sum, i) => sum + pollsPerHour(i, measurementPollsPerHour), 0) / intervals.length;
}

/** Regular poll interval (seconds) for each hour of the day. */
export function planIntervals(options: PlanOptions): number[] {
  const floorS = intervalForRate(options.maxPollsPerHour, options);
  // The quiet-hour ceiling holds only when the target pays for it in every hour; otherwise the
  // configured interval bounds the quiet hours and the busy ones still get the rest.
  const affordable = pollsPerHour(options.quietCeilingS, options.measurementPollsPerHour) <= options.targetPollsPerHour;
  const ceilingS = Math.max(floorS, affordable ? Math.min(options.quietCeilingS, options.maxIntervalS) : options.maxIntervalS);
  const polls = (scale: number): number => meanPolls(intervalsFor(scale, floorS, ceilingS, options.weights), options.measurementPollsPerHour);
  let lo = 0;
  let hi = ceilingS * Math.max(...options.weights, 1) * 2;
  if (polls(hi) > options.targetPollsPerHour) return intervalsFor(hi, floorS, ceilingS, options.weights);
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (polls(mid) > options.targetPollsPerHour) lo = mid;
    else hi = mid;
  }
  return intervalsFor(hi, floorS, ceilingS, options.weights);
}

/**
 * After an observed change or a command people often change something else within minutes:
 * the interval starts at `burstS` and grows back to the planned one over `durationMs`.
 */
export function burstIntervalS(plannedS: number, sinceActivityMs: number, burstS: number, durationMs: number): number {
  if (sinceActivityMs < 0 || sinceActivityMs >= durationMs) return plannedS;
  return Math.min(plannedS, burstS + ((plannedS - burstS) * sinceActivityMs) / durationMs);
}
