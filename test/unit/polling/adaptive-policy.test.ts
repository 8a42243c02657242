// The adaptive poll policy on fake time, driven poll by poll as the poller drives it: schedule
// transitions, bursts of activity, learnt hours, learnt module periods, budget pressure and a
// stepping wall clock. (Back-off holds live in the poller: test/unit/polling/poller-adaptive.test.ts.)
import { describe, expect, it } from 'vitest';
import { AdaptivePolicy, DEFAULT_ADAPTIVE, settingsForCalls } from '../../../src/polling/adaptive-policy.js';
import type { ActivityProfile } from '../../../src/polling/activity-profile.js';
import type { Home } from '../../../src/model/types.js';
import { HOME_ID, HOUR, MINUTE, MONDAY, home, pollInput, room, topology } from './fixtures.js';

/** Polls as the poller would: each at the due time the policy gave, the homes from `homesAt`. */
function drive(policy: AdaptivePolicy, from: number, until: number, homesAt: (t: number) => Home[], extra: Partial<Parameters<typeof pollInput>[0]> = {}): { at: number; reason: string | undefined }[] {
  const polls: { at: number; reason: string | undefined }[] = [];
  let at = from;
  let previous = homesAt(from - 1);
  while (at < until) {
    const homes = homesAt(at);
    const due = policy.nextRegularDue(pollInput({ at, previous, homes, ...extra }));
    polls.push({ at, reason: policy.plan()?.reason });
    previous = homes;
    // The heartbeat ticks on whole seconds.
    at = Math.ceil(Math.max(due, at + 1) / 1000) * 1000;
  }
  return polls;
}

describe('adaptive policy', () => {
  it('polls a few seconds after a schedule transition, looks again shortly after, then goes back to its interval', () => {
    const policy = new AdaptivePolicy();
    const transition = MONDAY + 7 * HOUR; // Monday 07:00 in Paris
    const polls = drive(policy, transition - 10 * MINUTE, transition + 5 * MINUTE, () => [home()]);
    const after = polls.filter((p) => p.at > transition);
    expect(after[0]!.at - transition).toBeGreaterThanOrEqual(1000);
    expect(after[0]!.at - transition).toBeLessThanOrEqual(5000);
    expect(after[1]!.at - transition).toBe(30_000);
    expect(polls.find((p) => p.at === after[0]!.at - 0)).toBeDefined();
    // The poll before the transition said why the next one would come early.
    const before = polls.filter((p) => p.at < transition).at(-1)!;
    expect(before.reason).toBe('after schedule change');
    // Away from transitions the gaps are the regular interval, at most the configured 60 s.
    const quiet = polls.filter((p) => p.at < transition - 2 * MINUTE);
    for (let i = 1; i < quiet.length; i++) expect(quiet[i]!.at - quiet[i - 1]!.at).toBeLessThanOrEqual(60_000);
  });

  it('polls after an override or away period ends', () => {
    const policy = new AdaptivePolicy();
    const endsAt = MONDAY + 3 * HOUR + 17 * MINUTE + 5_000;
    const manual = home([room({ setpointMode: 'manual', setpointC: 23, setpointEndsAt: new Date(endsAt).toISOString() })]);
    const polls = drive(policy, endsAt - 5 * MINUTE, endsAt + MINUTE, () => [manual]);
    const first = polls.find((p) => p.at > endsAt)!;
    expect(first.at - endsAt).toBeLessThanOrEqual(5000);

    const awayEnds = MONDAY + 4 * HOUR + 2 * MINUTE + 30_000;
    const away = home([room({ setpointMode: 'away', setpointC: 12, setpointEndsAt: new Date(awayEnds).toISOString() })], { mode: 'away', modeEndsAt: new Date(awayEnds).toISOString() });
    const awayPolls = drive(new AdaptivePolicy(), awayEnds - 5 * MINUTE, awayEnds + MINUTE, () => [away]);
    expect(awayPolls.find((p) => p.at > awayEnds)!.at - awayEnds).toBeLessThanOrEqual(5000);
  });

  it('polls faster for a few minutes after an observed change, and after a command', () => {
    const policy = new AdaptivePolicy();
    const start = MONDAY + 3 * HOUR + 7 * MINUTE;
    const changedAt = start + 10 * MINUTE;
    const homesAt = (t: number): Home[] => [t < changedAt ? home() : home([room({ setpointMode: 'manual', setpointC: 23, setpointEndsAt: '2026-01-05T09:00:00.000Z' })])];
    const polls = drive(policy, start, changedAt + 12 * MINUTE, homesAt);
    const gaps = (from: number, to: number): number[] => {
      const inside = polls.filter((p) => p.at >= from && p.at < to);
      return inside.slice(1).map((p, i) => p.at - inside[i]!.at);
    };
    const seen = polls.find((p) => p.at >= changedAt)!;
    expect(seen.reason).toBe('after activity');
    expect(Math.max(...gaps(seen.at, seen.at + MINUTE))).toBeLessThanOrEqual(20_000);
    expect(Math.min(...gaps(start, changedAt))).toBeGreaterThan(30_000);
    // Five minutes on, the burst is over: the hour's planned interval again (shorter than before the
    // change, as this hour has now seen activity, but never the burst's pace).
    expect(polls.filter((p) => p.at >= seen.at + 6 * MINUTE).every((p) => p.reason !== 'after activity')).toBe(true);
    expect(Math.min(...gaps(seen.at + 6 * MINUTE, seen.at + 12 * MINUTE))).toBeGreaterThanOrEqual(20_000);

    const commanded = new AdaptivePolicy();
    const base = drive(commanded, start, start + 5 * MINUTE, () => [home()]);
    commanded.noteActivity(HOME_ID, base.at(-1)!.at + 1000, base.at(-1)!.at + 1000);
    const next = commanded.nextRegularDue(pollInput({ at: base.at(-1)!.at + 3000, previous: [home()], homes: [home()] }));
    expect(next - (base.at(-1)!.at + 3000)).toBeLessThanOrEqual(12_000);
    expect(commanded.plan()?.reason).toBe('after activity');
  });

  it('learns the hours people change things and spends its polls there; the profile survives a restart', () => {
    const saved = new Map<string, ActivityProfile>();
    const policy = new AdaptivePolicy({ onProfileChange: (homeId, profile) => saved.set(homeId, profile) });
    // Two weeks of changes around 18:30 local time, one poll observing each.
    for (let day = 0; day < 14; day++) {
      const at = MONDAY + day * 24 * HOUR + 18 * HOUR + 30 * MINUTE;
      policy.nextRegularDue(pollInput({ at: at - 40_000, previous: [home()], homes: [home()] }));
      policy.nextRegularDue(pollInput({ at, previous: [home()], homes: [home([room({ setpointMode: 'manual', setpointC: 22 + (day % 3), setpointEndsAt: null })])] }));
    }
    expect(saved.get(HOME_ID)!.hours[18]).toBeGreaterThan(8);
    const intervalAt = (p: AdaptivePolicy, hour: number): { intervalMs: number; reason: string | undefined } => {
      const at = MONDAY + 20 * 24 * HOUR + hour * HOUR + 10 * MINUTE;
      p.nextRegularDue(pollInput({ at, previous: [home()], homes: [home()] }));
      return { intervalMs: p.plan()!.intervalMs, reason: p.plan()!.reason };
    };
    const evening = intervalAt(policy, 18);
    const night = intervalAt(policy, 3);
    expect(evening.reason).toBe('active hours');
    expect(night.reason).toBe('quiet hours');
    expect(evening.intervalMs).toBeLessThan(night.intervalMs * 0.7);
    // A change at night still waits at most the quiet-hour ceiling (the target pays for it).
    expect(night.intervalMs).toBeLessThanOrEqual(50_000);

    const restarted = new AdaptivePolicy({ profiles: Object.fromEntries(saved) });
    expect(intervalAt(restarted, 18).intervalMs).toBe(evening.intervalMs);
  });

  it('turns a call allowance into its plan: the defaults for 100 / 150, more polls in busy hours for more calls', () => {
    expect(settingsForCalls({ perHour: 100, maxPerHour: 150 })).toEqual({ targetPollsPerHour: DEFAULT_ADAPTIVE.targetPollsPerHour, capPollsPerHour: DEFAULT_ADAPTIVE.capPollsPerHour });
    // The average never plans above the cap, and something is always planned.
    expect(settingsForCalls({ perHour: 30, maxPerHour: 30 })).toEqual({ targetPollsPerHour: 24, capPollsPerHour: 28 });
    expect(settingsForCalls({ perHour: 20, maxPerHour: 20 }).targetPollsPerHour).toBeLessThanOrEqual(18);
    const learnt = (settings: ReturnType<typeof settingsForCalls>): { evening: number; night: number } => {
      const policy = new AdaptivePolicy({ settings });
      for (let day = 0; day < 14; day++) {
        const at = MONDAY + day * 24 * HOUR + 18 * HOUR + 30 * MINUTE;
        policy.nextRegularDue(pollInput({ at: at - 40_000, previous: [home()], homes: [home()] }));
        policy.nextRegularDue(pollInput({ at, previous: [home()], homes: [home([room({ setpointMode: 'manual', setpointC: 22 + (day % 3), setpointEndsAt: null })])] }));
      }
      const interval = (hour: number): number => {
        policy.nextRegularDue(pollInput({ at: MONDAY + 20 * 24 * HOUR + hour * HOUR + 10 * MINUTE, previous: [home()], homes: [home()] }));
        return policy.plan()!.intervalMs;
      };
      return { evening: interval(18), night: interval(3) };
    };
    const standard = learnt(settingsForCalls({ perHour: 100, maxPerHour: 150 }));
    const generous = learnt(settingsForCalls({ perHour: 120, maxPerHour: 200 }));
    expect(generous.evening).toBeLessThan(standard.evening);
    expect(generous.night).toBeLessThanOrEqual(standard.night);
  });

  it('learns a module period from temperature changes and brings a poll forward to just after an expected report', () => {
    // Polls two minutes apart (a long configured interval, few polls planned).
    const policy = new AdaptivePolicy({ settings: { targetPollsPerHour: 20 } });
    const period = 7 * MINUTE + 13_000;
    const phase = MONDAY + 2 * HOUR + 111_000;
    const reportsBefore = (t: number): number => Math.floor((t - phase) / period);
    const lastReport = (t: number): number => phase + reportsBefore(t) * period;
    const temperature = (t: number): number => 19 + (reportsBefore(t) % 7) / 10; // changes at every report
    // A timetable with nothing between 02:00 and 08:00.
    const timetable = topology([{ zone_id: 0, m_offset: 600 }, { zone_id: 1, m_offset: 1320 }]);
    const polls = drive(policy, MONDAY + 2 * HOUR + 5 * MINUTE, MONDAY + 8 * HOUR, (t) => [home([room({ measuredC: temperature(t) })])], { intervalMs: 120_000, topology: timetable });
    // Nothing learnt yet at first: plain two-minute gaps.
    const early = polls.filter((p) => p.at < MONDAY + 2 * HOUR + 40 * MINUTE);
    expect(early.slice(1).map((p, i) => p.at - early[i]!.at).every((gap) => gap === 120_000)).toBe(true);
    const lattice = policy.learner.lattices(`${HOME_ID}:r1`)[0]!;
    const learnt = lattice.vertices.reduce((sum, v) => sum + v.period, 0) / lattice.vertices.length;
    expect(Math.abs(learnt - period)).toBeLessThan(1000);
    // Later, a report shortly before a regular poll brings that poll to just after it: never an
    // extra poll (no gap longer than the interval, none much shorter than three quarters of it).
    const late = polls.filter((p) => p.at > MONDAY + 4 * HOUR);
    const brought = late.filter((p, i) => i > 0 && late[i - 1]!.reason === 'expected measurement');
    expect(brought.length).toBeGreaterThanOrEqual(10);
    for (const poll of brought) {
      expect(poll.at - lastReport(poll.at), new Date(poll.at).toISOString()).toBeGreaterThanOrEqual(0);
      expect(poll.at - lastReport(poll.at), new Date(poll.at).toISOString()).toBeLessThanOrEqual(10_000);
    }
    const gaps = late.slice(1).map((p, i) => p.at - late[i]!.at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(120_000);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(85_000);
  });

  it('slows down near the hourly allowance and never exceeds it', () => {
    const policy = new AdaptivePolicy({ settings: { capPollsPerHour: 30 } });
    // Someone keeps changing things: bursts would poll every 10 s.
    let flip = false;
    const polls = drive(policy, MONDAY + 18 * HOUR, MONDAY + 20 * HOUR, () => {
      flip = !flip;
      return [home([room({ setpointMode: 'manual', setpointC: flip ? 22 : 23, setpointEndsAt: null })])];
    });
    for (const poll of polls) {
      const window = polls.filter((p) => p.at > poll.at - HOUR && p.at <= poll.at);
      expect(window.length).toBeLessThanOrEqual(30);
    }
    expect(polls.some((p) => p.reason === 'budget')).toBe(true);

    // Calls of other kinds (commands) count against the same allowance: the budget's 75 % share.
    const crowded = new AdaptivePolicy();
    const at = MONDAY + 3 * HOUR;
    const due = crowded.nextRegularDue(pollInput({ at, previous: [home()], homes: [home()], callsLastHour: 300, budgetPerHour: 400 }));
    expect(crowded.plan()?.reason).toBe('budget');
    expect(due - at).toBeGreaterThan(10 * MINUTE);
  });

  it('keeps polling on the monotonic clock when the wall clock steps back or forward', () => {
    const policy = new AdaptivePolicy();
    let mono = MONDAY + 3 * HOUR + 5 * MINUTE;
    let wallOffset = 0;
    const gaps: number[] = [];
    for (let i = 0; i < 60; i++) {
      if (i === 20) wallOffset = -HOUR; // NTP steps back an hour
      if (i === 40) wallOffset = 2 * HOUR; // then forward two
      const due = policy.nextRegularDue(pollInput({ at: mono, wallAt: mono + wallOffset, previous: [home()], homes: [home()] }));
      gaps.push(due - mono);
      mono = Math.ceil(due / 1000) * 1000;
    }
    // Never stuck (a due time far away) and never a burst (a due time at once).
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(5_000);
      expect(gap).toBeLessThanOrEqual(60_000);
    }
  });

  it('with a timetable, a wall clock stepping back an hour moves the schedule poll with it', () => {
    const policy = new AdaptivePolicy();
    const transitionWall = MONDAY + 7 * HOUR;
    // The wall clock runs an hour behind the monotonic one: the transition comes an hour later in monotonic time.
    const mono = transitionWall + HOUR - 20_000;
    const due = policy.nextRegularDue(pollInput({ at: mono, wallAt: transitionWall - 20_000, previous: [home()], homes: [home()], topology: topology() }));
    expect(due - mono).toBe(23_000);
    expect(policy.plan()?.reason).toBe('after schedule change');
  });
});
