// One decision of the adaptive policy: when the next regular poll is due and why, from what the
// policy knows at the end of a poll. Candidates, soonest wins:
// - the regular interval of this hour (learned activity), shorter for a while after activity;
// - a known change (schedule switch, an away period or override ending) — a few seconds after it,
//   and once more a little later in case Netatmo shows it late; a regular poll due just before
//   one waits for it;
// - a room's next expected temperature report — when it falls shortly before the regular poll,
//   that poll comes just after it instead (interval-plan.ts MEASUREMENT_SHARE).
// Then the hourly allowance may push it later. Pure; monotonic ms except where named wall.
import type { PollReason } from '../model/types.js';
import type { Pacing } from './budget-pacing.js';
import { burstIntervalS, MEASUREMENT_SHARE } from './interval-plan.js';
import type { ExpectedReport } from './measurement-learner.js';

/** A regular poll due at most this share of its interval before a known change waits for it. */
const KNOWN_CHANGE_WAIT_SHARE = 0.25;

export interface DecisionSettings {
  /** Wait after a known change before polling (Netatmo applies it by itself). */
  knownChangeDelayMs: number;
  /** A second look this long after a known change. */
  knownChangeFollowUpMs: number;
  /** Wait after an expected report's latest plausible time. */
  measurementDelayMs: number;
  burstIntervalS: number;
  burstMs: number;
  /** Never two rounds closer than this (ms from the start of the last one). */
  minGapMs: number;
  /** Hour weights from which an hour counts as active / quiet (labels only). */
  activeWeight: number;
  quietWeight: number;
}

export interface DecisionInput {
  startedAt: number;
  endedAt: number;
  /** The configured interval in force (stretched near the budget): never waited longer. */
  maxIntervalMs: number;
  /** The planned regular interval of this hour (s) and its activity weight. */
  plannedIntervalS: number;
  hourWeight: number;
  /** Since the last observed change or command (ms), or null. */
  sinceActivityMs: number | null;
  /** Known changes in monotonic ms, soonest first, the first ones after the last poll's start minus the follow-up. */
  knownChanges: readonly number[];
  reports: readonly ExpectedReport[];
  pacing: Pacing;
}

export interface Decision {
  at: number;
  reason: PollReason;
  intervalMs: number;
}

interface Candidate {
  at: number;
  reason: PollReason;
}

function regularCandidate(input: DecisionInput, s: DecisionSettings): Candidate & { intervalMs: number } {
  const burst = input.sinceActivityMs === null ? input.plannedIntervalS : burstIntervalS(input.plannedIntervalS, input.sinceActivityMs, s.burstIntervalS, s.burstMs);
  // Whole seconds: the heartbeat ticks once a second, and the status shows seconds.
  const intervalMs = Math.min(input.maxIntervalMs, Math.round(burst) * 1000);
  let reason: PollReason = 'regular interval';
  if (burst < input.plannedIntervalS) reason = 'after activity';
  else if (input.hourWeight >= s.activeWeight) reason = 'active hours';
  else if (input.hourWeight <= s.quietWeight) reason = 'quiet hours';
  return { at: input.endedAt + intervalMs, reason, intervalMs };
}

function knownChangeCandidate(input: DecisionInput, s: DecisionSettings): Candidate | null {
  for (const change of input.knownChanges) {
    for (const at of [change + s.knownChangeDelayMs, change + s.knownChangeFollowUpMs]) {
      if (at > input.startedAt) return { at, reason: 'after schedule change' };
    }
  }
  return null;
}

export function decide(input: DecisionInput, s: DecisionSettings): Decision {
  const regular = regularCandidate(input, s);
  // A report shortly before the regular poll brings it forward to just after the last such report.
  const windowStart = regular.at - MEASUREMENT_SHARE * regular.intervalMs;
  const inWindow = input.reports.map((r) => r.at + s.measurementDelayMs).filter((at) => at >= windowStart && at < regular.at && at > input.startedAt);
  let best: Candidate = regular;
  if (inWindow.length > 0) best = { at: Math.max(...inWindow), reason: 'expected measurement' };
  const known = knownChangeCandidate(input, s);
  // A regular poll due shortly before a known change waits for it: one poll then serves both.
  const waits =
    known !== null &&
    best === regular &&
    known.at - regular.at <= KNOWN_CHANGE_WAIT_SHARE * regular.intervalMs &&
    known.at - input.endedAt <= input.maxIntervalMs;
  if (known && (known.at <= best.at || waits)) best = known;
  let at = Math.max(best.at, input.startedAt + s.minGapMs);
  let reason = best.reason;
  if (input.pacing.limited && input.pacing.notBefore > at) {
    at = input.pacing.notBefore;
    reason = 'budget';
  }
  return { at: Math.ceil(at), reason, intervalMs: regular.intervalMs };
}
