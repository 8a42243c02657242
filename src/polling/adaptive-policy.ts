// The adaptive poll policy (the default; POLL_POLICY=fixed keeps one poll per interval). It learns
// only from what the bridge observes:
// - the heating schedule's transitions and the end times of away periods and overrides are known
//   in advance (homesdata, homestatus): a poll follows each a few seconds later;
// - people's changes (in the Netatmo app, on a thermostat, or commands through the bridge) come
//   in bursts and at the household's usual hours: polls come faster for a few minutes after one,
//   and the day's poll budget is spread by the hours of activity learnt over weeks;
// - each module reports its temperature at its own period: the learner finds period and phase, and
//   a poll comes just after the next expected report;
// - all within an hourly allowance below the rate budget (commands keep their reserve), slowing
//   down near it; back-off and per-home holds stay with the poller.
import type { Home } from '../model/types.js';
import type { PollObservation, PollPlan, PollPolicy, PollPolicyInput } from '../sync/poll-timing.js';
import { emptyProfile, hourlyWeights, localHour, recordActivity, type ActivityProfile } from './activity-profile.js';
import { pace } from './budget-pacing.js';
import { upcomingChanges } from './known-changes.js';
import { MeasurementLearner } from './measurement-learner.js';
import { homeChangedByPerson, measurementsOf } from './observed-changes.js';
import { decide, type Decision, type DecisionSettings } from './poll-decision.js';
import { PlanCache } from './plan-cache.js';

const HOUR_MS = 3_600_000;
/** A home not read for this long: a change seen now may be old, so it is not taken as activity. */
const ACTIVITY_GAP_MS = 15 * 60_000;
/** The busiest hours plan this share of the hourly allowance: bursts and known changes fit above it. */
const PLAN_SHARE_OF_CAP = 0.93;

export interface AdaptiveSettings extends DecisionSettings {
  /** Polls per home per hour the day should average (homesdata and token refreshes come on top). */
  targetPollsPerHour: number;
  /** Polls per home in any rolling hour, at most. */
  capPollsPerHour: number;
  /** Share of the hourly rate budget polls may plan for (the rest: commands, refreshes, homesdata). */
  budgetShare: number;
  minIntervalS: number;
  /** The longest planned interval while the target allows it (a change in a quiet hour waits at most this long). */
  quietCeilingS: number;
}

export const DEFAULT_ADAPTIVE: AdaptiveSettings = {
  targetPollsPerHour: 94,
  capPollsPerHour: 148,
  budgetShare: 0.75,
  minIntervalS: 20,
  quietCeilingS: 50,
  burstIntervalS: 10,
  burstMs: 5 * 60_000,
  knownChangeDelayMs: 3_000,
  knownChangeFollowUpMs: 30_000,
  measurementDelayMs: 2_000,
  minGapMs: 5_000,
  activeWeight: 1.25,
  quietWeight: 0.8,
};

/**
 * Calls a day's polls leave for other calls, per hour: homesdata (hourly) and token refreshes
 * (every ~3 h), bursts after activity and the second look after a schedule change (about 3), and
 * a margin for a busy week. With 100 calls an hour the plan aims at 94 polls; the freshness
 * benchmark measured 96–98 calls.
 */
const NON_PLAN_CALLS_PER_HOUR = 6;
/** The hourly cap keeps this many calls free for a command or a token refresh in the busiest hour. */
const CAP_MARGIN_CALLS = 2;

/** The policy's settings for a call allowance per home: an hourly average and the most in any hour. */
export function settingsForCalls(calls: { perHour: number; maxPerHour: number }): Pick<AdaptiveSettings, 'targetPollsPerHour' | 'capPollsPerHour'> {
  const capPollsPerHour = Math.max(1, calls.maxPerHour - CAP_MARGIN_CALLS);
  return { targetPollsPerHour: Math.min(capPollsPerHour, Math.max(1, calls.perHour - NON_PLAN_CALLS_PER_HOUR)), capPollsPerHour };
}

export interface AdaptivePolicyOptions {
  /** Learnt activity per home, as kept in the data file. */
  profiles?: Readonly<Record<string, ActivityProfile>>;
  /** Told when a home's activity profile changed (to save it). */
  onProfileChange?: (homeId: string, profile: ActivityProfile) => void;
  settings?: Partial<AdaptiveSettings>;
}

export class AdaptivePolicy implements PollPolicy {
  readonly name = 'adaptive';
  readonly #settings: AdaptiveSettings;
  readonly #profiles = new Map<string, ActivityProfile>();
  readonly #learner = new MeasurementLearner();
  readonly #plans = new PlanCache();
  readonly #lastRead = new Map<string, number>();
  #rounds: number[] = [];
  #lastActivityAt: number | null = null;
  #homes: readonly Home[] = [];
  #plan: PollPlan | null = null;

  constructor(private readonly options: AdaptivePolicyOptions = {}) {
    this.#settings = { ...DEFAULT_ADAPTIVE, ...options.settings };
    for (const [homeId, profile] of Object.entries(options.profiles ?? {})) this.#profiles.set(homeId, profile);
  }

  plan(): PollPlan | null {
    return this.#plan;
  }

  /** The learnt activity of a home (status, tests). */
  profile(homeId: string): ActivityProfile | undefined {
    return this.#profiles.get(homeId);
  }

  get learner(): MeasurementLearner {
    return this.#learner;
  }

  noteActivity(homeId: string, monoAt: number, wallAt: number): void {
    this.#lastActivityAt = Math.max(this.#lastActivityAt ?? monoAt, monoAt);
    const timeZone = this.#homes.find((h) => h.id === homeId)?.timezone ?? null;
    const profile = recordActivity(this.#profiles.get(homeId) ?? emptyProfile(wallAt), wallAt, timeZone);
    this.#profiles.set(homeId, profile);
    this.options.onProfileChange?.(homeId, profile);
  }

  nextRegularDue(input: PollPolicyInput): number {
    const obs = input.observation;
    const startedAt = obs?.startedAt ?? input.endedAt;
    if (obs) this.#observe(obs, obs.wallAt - (input.endedAt - startedAt));
    this.#rounds = this.#rounds.filter((t) => t > startedAt - HOUR_MS);
    // A round our own budget deferred made no call.
    if (!input.result.deferred) this.#rounds.push(startedAt);
    const decision = obs ? this.#decide(input, obs) : null;
    if (!decision) {
      // Nothing seen yet (a failed first poll): the configured interval.
      this.#plan = { reason: 'regular interval', intervalMs: input.intervalMs };
      return input.endedAt + input.intervalMs;
    }
    this.#plan = { reason: decision.reason, intervalMs: decision.intervalMs };
    return decision.at;
  }

  #observe(obs: PollObservation, wallStart: number): void {
    for (const homeId of obs.answered) {
      const after = obs.homes.find((h) => h.id === homeId);
      if (!after) continue;
      const before = obs.previous.find((h) => h.id === homeId);
      const lastRead = this.#lastRead.get(homeId);
      const recent = lastRead !== undefined && obs.startedAt - lastRead <= ACTIVITY_GAP_MS;
      if (before && recent && homeChangedByPerson(before, after, wallStart)) this.noteActivity(homeId, obs.startedAt, wallStart);
      for (const reading of measurementsOf(after)) this.#learner.observe(reading.roomKey, reading.measuredC, obs.startedAt);
      this.#lastRead.set(homeId, obs.startedAt);
    }
    this.#learner.forgetStale(obs.startedAt);
    this.#homes = obs.homes;
  }

  #decide(input: PollPolicyInput, obs: PollObservation): Decision {
    const s = this.#settings;
    const homes = Math.max(1, this.#homes.length);
    const ownCalls = this.#rounds.length * homes;
    const others = Math.max(0, obs.callsLastHour - ownCalls);
    const allowance = Math.max(homes, Math.min(s.capPollsPerHour * homes, obs.budgetPerHour * s.budgetShare) - others);
    const roundsAllowed = allowance / homes;
    const { intervalS, weight } = this.#hourPlan(obs.wallAt, input.intervalMs / 1000, roundsAllowed);
    const toMono = (wall: number): number => input.endedAt + (wall - obs.wallAt);
    const lastStartWall = obs.wallAt - (input.endedAt - obs.startedAt);
    const known = this.#homes
      .flatMap((home) => upcomingChanges(home, obs.topology(home.id), lastStartWall - s.knownChangeFollowUpMs))
      .map((change) => toMono(change.at))
      .sort((a, b) => a - b);
    return decide(
      {
        startedAt: obs.startedAt,
        endedAt: input.endedAt,
        maxIntervalMs: input.intervalMs,
        plannedIntervalS: intervalS,
        hourWeight: weight,
        sinceActivityMs: this.#lastActivityAt === null ? null : input.endedAt - this.#lastActivityAt,
        knownChanges: known,
        reports: this.#learner.nextReports(obs.startedAt),
        pacing: pace({ now: input.endedAt, recentRounds: this.#rounds, callsPerRound: homes, allowancePerHour: allowance }),
      },
      s,
    );
  }

  /** The regular interval of the current hour: the shortest any home's plan asks for. */
  #hourPlan(wallAt: number, maxIntervalS: number, roundsAllowed: number): { intervalS: number; weight: number } {
    const s = this.#settings;
    let intervalS = maxIntervalS;
    let weight = 0;
    for (const home of this.#homes.length > 0 ? this.#homes : [null]) {
      const profile = home ? this.#profiles.get(home.id) : undefined;
      const weights = profile ? hourlyWeights(profile) : null;
      const plan = this.#plans.intervals(weights, {
        measurementPollsPerHour: this.#learner.reportsPerHour(),
        targetPollsPerHour: Math.min(s.targetPollsPerHour, 0.7 * roundsAllowed),
        maxPollsPerHour: PLAN_SHARE_OF_CAP * roundsAllowed,
        minIntervalS: Math.min(s.minIntervalS, maxIntervalS),
        maxIntervalS,
        quietCeilingS: Math.min(s.quietCeilingS, maxIntervalS),
      });
      const hour = localHour(wallAt, home?.timezone ?? null);
      intervalS = Math.min(intervalS, plan[hour] ?? maxIntervalS);
      weight = Math.max(weight, weights?.[hour] ?? 1);
    }
    return { intervalS, weight };
  }
}
