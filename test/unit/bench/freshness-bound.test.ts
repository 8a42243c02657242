import { describe, expect, it } from 'vitest';
import { DEFAULT_CALL_LIMITS, oraclePlan, oraclePolls, oracleWaitsS } from '../../../bench/freshness/bound.js';

const ACTIVE: [number, number][] = [
  [6, 9],
  [17, 23],
];
const MIDNIGHT = Date.parse('2026-11-23T00:00:00+01:00');
const HOUR = 3_600_000;

describe('the oracle plan under the call limits', () => {
  it('spends the day\'s calls: quiet hours at their interval, the rest in the active hours', () => {
    const plan = oraclePlan(50, ACTIVE, DEFAULT_CALL_LIMITS);
    expect(plan).not.toBeNull();
    // 15 quiet hours at 72 polls, 9 active hours share (100 − 4/3) · 24 − 1080 polls.
    expect(plan!.activeS).toBeCloseTo(3600 / (((100 - 4 / 3) * 24 - 15 * 72) / 9), 6);
    expect(plan!.callsMeanPerHour).toBeCloseTo(100, 6);
    expect(plan!.callsMaxPerHour).toBeLessThanOrEqual(150);
  });

  it('never plans more than the hourly limit, overhead included', () => {
    const plan = oraclePlan(60, ACTIVE, DEFAULT_CALL_LIMITS)!;
    expect(3600 / plan.activeS).toBe(148);
    expect(plan.callsMaxPerHour).toBe(150);
    expect(plan.callsMeanPerHour).toBeLessThan(100);
  });

  it('has no plan when the quiet hours alone spend more than the day allows', () => {
    expect(oraclePlan(20, ACTIVE, DEFAULT_CALL_LIMITS)).toBeNull();
  });
});

describe('oracle polls and waits', () => {
  it('polls at the interval of the hour the last poll fell in', () => {
    const plan = { activeS: 25, quietS: 50, callsMeanPerHour: 0, callsMaxPerHour: 0 };
    const polls = oraclePolls(plan, MIDNIGHT + 5 * HOUR, MIDNIGHT + 7 * HOUR, MIDNIGHT, ACTIVE, 0);
    const gaps = polls.slice(1).map((at, i) => (at - polls[i]!) / 1000);
    const quiet = gaps.filter((_, i) => polls[i]! < MIDNIGHT + 6 * HOUR);
    const active = gaps.filter((_, i) => polls[i]! >= MIDNIGHT + 6 * HOUR);
    expect(new Set(quiet)).toEqual(new Set([50]));
    expect(new Set(active)).toEqual(new Set([25]));
    expect(polls.filter((at) => at >= MIDNIGHT + 6 * HOUR)).toHaveLength(144);
  });

  it('a change waits for the next poll at or after it, plus the answer time', () => {
    const polls = [1_000, 11_000, 21_000];
    expect(oracleWaitsS([500, 1_000, 10_999, 20_000], polls, 0.5)).toEqual([1, 0.5, 0.501, 1.5]);
    // After the last poll: no wait is known, none is counted.
    expect(oracleWaitsS([30_000], polls, 0.5)).toEqual([]);
  });

  it('sees the share 15 s / interval of evenly spread changes within 15 s', () => {
    const plan = { activeS: 30, quietS: 30, callsMeanPerHour: 0, callsMaxPerHour: 0 };
    const polls = oraclePolls(plan, MIDNIGHT, MIDNIGHT + 2 * HOUR, MIDNIGHT, ACTIVE, 0.5);
    const changes = Array.from({ length: 3000 }, (_, i) => MIDNIGHT + 60_000 + i * 2_003);
    const waits = oracleWaitsS(changes, polls, 0);
    expect(waits.filter((w) => w <= 15).length / waits.length).toBeCloseTo(0.5, 2);
  });
});
