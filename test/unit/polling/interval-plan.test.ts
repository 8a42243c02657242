// Spreading the day's polls by the learnt activity, the hourly allowance, and the burst after activity.
import { describe, expect, it } from 'vitest';
import { pace } from '../../../src/polling/budget-pacing.js';
import { burstIntervalS, planIntervals, pollsPerHour } from '../../../src/polling/interval-plan.js';

const EVEN = new Array<number>(24).fill(1);
const base = { measurementPollsPerHour: 0, targetPollsPerHour: 90, maxPollsPerHour: 130, minIntervalS: 20, maxIntervalS: 60, quietCeilingS: 50 };
const meanPolls = (intervals: number[], m = 0): number => intervals.reduce((sum, i) => sum + pollsPerHour(i, m), 0) / intervals.length;

describe('interval plan', () => {
  it('with no activity learnt yet every hour gets the interval that meets the target', () => {
    const plan = planIntervals({ ...base, weights: EVEN });
    expect(new Set(plan.map((i) => i.toFixed(3))).size).toBe(1);
    expect(meanPolls(plan)).toBeCloseTo(90, 0);
  });

  it('busy hours get shorter intervals, quiet ones longer, within the limits and the target', () => {
    const weights = EVEN.map((_, h) => (h >= 17 && h < 23 ? 3 : 0.4));
    const plan = planIntervals({ ...base, weights });
    expect(plan[18]!).toBeLessThan(plan[3]! * 0.6);
    for (const interval of plan) {
      expect(interval).toBeGreaterThanOrEqual(20);
      expect(interval).toBeLessThanOrEqual(60);
      expect(pollsPerHour(interval, 0)).toBeLessThanOrEqual(130 + 1e-6);
    }
    expect(meanPolls(plan)).toBeLessThanOrEqual(90 + 0.5);
  });

  it('gives each hour a poll rate proportional to its activity (the share of changes seen within 15 s is linear in it)', () => {
    // Busy hours 1.5, quiet ones 0.7 (averaging 1): between the limits the rates keep that ratio.
    // Intervals ∝ 1/√activity (the mean-wait optimum) would give only √(1.5/0.7) ≈ 1.46.
    const weights = EVEN.map((_, h) => (h >= 6 && h < 9) || (h >= 17 && h < 23) ? 1.5 : 0.7);
    const plan = planIntervals({ ...base, weights, maxPollsPerHour: 200, quietCeilingS: 60 });
    expect(pollsPerHour(plan[18]!, 0) / pollsPerHour(plan[3]!, 0)).toBeCloseTo(1.5 / 0.7, 2);
    expect(meanPolls(plan)).toBeCloseTo(90, 0);
    // For the same calls it catches more changes within 15 s than evenly spread polls.
    const within15 = (intervals: number[]): number => intervals.reduce((sum, interval, h) => sum + weights[h]! * Math.min(1, 15 / interval), 0) / 24;
    expect(within15(plan)).toBeGreaterThan(within15(planIntervals({ ...base, weights: EVEN })) + 0.02);
  });

  it('keeps quiet hours under the quiet ceiling while the target pays for it, up to the configured interval when not', () => {
    const weights = EVEN.map((_, h) => (h >= 17 && h < 23 ? 3 : 1 / 3));
    // 80 polls an hour: quiet hours at the 50 s ceiling (72 an hour), the busy ones get the rest
    // ((80·24 − 72·18) / 6 = 104 an hour). Intervals ∝ 1/√activity left the quiet ones at 57 s.
    const roomy = planIntervals({ ...base, weights, targetPollsPerHour: 80 });
    expect(Math.max(...roomy)).toBeCloseTo(50, 6);
    expect(pollsPerHour(roomy[18]!, 0)).toBeCloseTo(104, 0);
    expect(meanPolls(roomy)).toBeCloseTo(80, 0);
    // With more to spend the busy hours reach the hourly limit, and the rest shortens the quiet ones.
    const rich = planIntervals({ ...base, weights });
    expect(pollsPerHour(rich[18]!, 0)).toBeCloseTo(130, 3);
    expect(Math.max(...rich)).toBeLessThan(50);
    // 70 polls an hour cannot pay for 50 s everywhere: quiet hours go up to 60 s, busy ones still get more.
    const tight = planIntervals({ ...base, weights, targetPollsPerHour: 70 });
    expect(Math.max(...tight)).toBeCloseTo(60, 6);
    expect(tight[18]!).toBeLessThan(40);
    expect(meanPolls(tight)).toBeCloseTo(70, 0);
  });

  it('never plans longer than the configured interval, even when the target would allow it', () => {
    const plan = planIntervals({ ...base, weights: EVEN, targetPollsPerHour: 10 });
    expect(plan.every((i) => i === 60)).toBe(true);
  });

  it('counts regular polls brought forward to expected reports', () => {
    expect(pollsPerHour(60, 0)).toBe(60);
    expect(pollsPerHour(60, 40)).toBeGreaterThan(60);
    expect(pollsPerHour(60, 40)).toBeLessThan(80);
  });

  it('after activity the interval starts short and grows back over the burst', () => {
    expect(burstIntervalS(40, 0, 10, 300_000)).toBe(10);
    expect(burstIntervalS(40, 150_000, 10, 300_000)).toBe(25);
    expect(burstIntervalS(40, 300_000, 10, 300_000)).toBe(40);
    expect(burstIntervalS(8, 0, 10, 300_000)).toBe(8);
  });
});

describe('hourly allowance', () => {
  const HOUR = 3_600_000;
  it('lets polls go freely below it, slows down near it, and stops at it until the oldest leave the hour', () => {
    expect(pace({ now: HOUR, recentRounds: [], callsPerRound: 1, allowancePerHour: 100 })).toEqual({ notBefore: Number.NEGATIVE_INFINITY, limited: false });
    const near = Array.from({ length: 96 }, (_, i) => HOUR + i * 1000);
    const slow = pace({ now: HOUR + 100_000, recentRounds: near, callsPerRound: 1, allowancePerHour: 100 });
    expect(slow.limited).toBe(true);
    expect(slow.notBefore).toBe(near.at(-1)! + (2 * HOUR) / 100);
    const full = Array.from({ length: 100 }, (_, i) => HOUR + i * 1000);
    expect(pace({ now: HOUR + 200_000, recentRounds: full, callsPerRound: 1, allowancePerHour: 100 })).toEqual({ notBefore: HOUR + HOUR, limited: true });
    // Two homes: a round costs two calls.
    expect(pace({ now: HOUR + 200_000, recentRounds: full.slice(0, 50), callsPerRound: 2, allowancePerHour: 100 }).notBefore).toBe(2 * HOUR);
    // Rounds older than an hour do not count.
    expect(pace({ now: 3 * HOUR, recentRounds: full, callsPerRound: 1, allowancePerHour: 100 }).limited).toBe(false);
  });
});
