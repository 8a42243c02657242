// What ANY poll policy could reach for people's changes under a call allowance, so the
// adaptive policy's numbers can be read against a ceiling rather than against hopes. The yardstick
// is an oracle that knows the household's active hours exactly (the real policy must learn them
// from a few changes a day), polls evenly — `activeS` apart in those hours, `quietS` apart in the
// others — and spends every call on polls (no bursts, no second look after a schedule change),
// with the busy hours filled to the hourly limit. A change at a random moment waits for the next
// poll; with changes at random moments (Poisson, as in the benchmark) no other arrangement of the
// same number of polls sees more of them within a given time (the share seen within T is
// Σ share·min(1, T/interval) per hour, linear in the polls). Pure.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface CallLimits {
  /** Calls per hour per home, on average over the day. */
  meanPerHour: number;
  /** Calls in any clock hour. */
  maxPerHour: number;
  /** Calls per hour that are not polls (homesdata, token refreshes). */
  overheadPerHour: number;
}

/** The bridge's default allowance (ADAPTIVE_CALLS_PER_HOUR / ADAPTIVE_MAX_CALLS_PER_HOUR); it reads homesdata hourly and refreshes the 3-hour token before it ends. */
export const DEFAULT_CALL_LIMITS: CallLimits = { meanPerHour: 100, maxPerHour: 150, overheadPerHour: 1 + 1 / 3 };

export interface OraclePlan {
  activeS: number;
  quietS: number;
  callsMeanPerHour: number;
  callsMaxPerHour: number;
}

function activeHourCount(active: readonly [number, number][]): number {
  return active.reduce((sum, [from, to]) => sum + (to - from), 0);
}

/**
 * The fastest active-hour interval the limits pay for once the quiet hours poll every `quietS`
 * seconds; null when the quiet hours alone spend more than the day's calls.
 */
export function oraclePlan(quietS: number, active: readonly [number, number][], limits: CallLimits): OraclePlan | null {
  const activeHours = activeHourCount(active);
  const quietHours = 24 - activeHours;
  const quietPolls = 3600 / quietS;
  const pollsPerDay = (limits.meanPerHour - limits.overheadPerHour) * 24;
  const left = pollsPerDay - quietHours * quietPolls;
  if (left < 0) return null;
  // Whole polls in any hour: the cap counts calls, and a started hour's overhead counts in full.
  const capPolls = Math.floor(limits.maxPerHour - Math.ceil(limits.overheadPerHour));
  const activePolls = activeHours > 0 ? Math.min(capPolls, left / activeHours) : quietPolls;
  if (activePolls < quietPolls) return null;
  const activeS = 3600 / activePolls;
  const callsMeanPerHour = (activeHours * activePolls + quietHours * quietPolls) / 24 + limits.overheadPerHour;
  return { activeS, quietS, callsMeanPerHour, callsMaxPerHour: Math.ceil(Math.max(activePolls, quietPolls)) + Math.ceil(limits.overheadPerHour) };
}

function isActive(wallMs: number, localMidnight: number, active: readonly [number, number][]): boolean {
  const hour = (((wallMs - localMidnight) % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS;
  return active.some(([from, to]) => hour >= from && hour < to);
}

/**
 * The oracle's poll times over [from, to): one poll every activeS or quietS seconds after the
 * last, by the hour the last one fell in; the first at `phase` (0–1) of an interval after `from`.
 */
export function oraclePolls(plan: OraclePlan, from: number, to: number, localMidnight: number, active: readonly [number, number][], phase: number): number[] {
  const intervalAt = (at: number): number => 1000 * (isActive(at, localMidnight, active) ? plan.activeS : plan.quietS);
  const polls: number[] = [];
  for (let at = from + phase * intervalAt(from); at < to; at += intervalAt(at)) polls.push(at);
  return polls;
}

/** How long each change waited (s): until the next poll, plus the time Netatmo takes to answer. */
export function oracleWaitsS(changes: readonly number[], polls: readonly number[], answerS: number): number[] {
  const waits: number[] = [];
  let next = 0;
  for (const at of [...changes].sort((a, b) => a - b)) {
    while (next < polls.length && (polls[next] ?? 0) < at) next += 1;
    const poll = polls[next];
    if (poll !== undefined) waits.push((poll - at) / 1000 + answerS);
  }
  return waits;
}
