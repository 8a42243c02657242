import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../../src/netatmo/budget.js';
import { Clock } from './harness.js';

const MIN = 60_000;

function budget(options: ConstructorParameters<typeof RateBudget>[0] = {}): { b: RateBudget; clock: Clock } {
  const clock = new Clock();
  return { b: new RateBudget({ now: clock.now, ...options }), clock };
}

describe('RateBudget windows', () => {
  it('allows 40 calls per 10 s by default, then tells when the window frees', () => {
    const { b, clock } = budget();
    for (let i = 0; i < 40; i++) {
      expect(b.tryAcquire('poll').ok).toBe(true);
      clock.advance(100);
    }
    const denied = b.tryAcquire('command');
    expect(denied).toEqual({ ok: false, retryAfterMs: 6_000, reason: 'at most 40 calls per 10 s' });
    clock.advance(6_000);
    expect(b.tryAcquire('command').ok).toBe(true);
    expect(b.snapshot()).toMatchObject({ callsLastHour: 41, budgetPerHour: 400, budgetPer10s: 40 });
  });

  it('stops polls at 85 % of the hour and keeps the rest for commands and token refreshes', () => {
    const { b, clock } = budget({ per10s: 10_000 });
    for (let i = 0; i < 340; i++) expect(b.tryAcquire('poll').ok).toBe(true);
    const poll = b.tryAcquire('poll');
    expect(poll.ok).toBe(false);
    if (!poll.ok) {
      expect(poll.retryAfterMs).toBe(3_600_000);
      expect(poll.reason).toMatch(/kept for commands/);
    }
    for (let i = 0; i < 59; i++) expect(b.tryAcquire('command').ok).toBe(true);
    expect(b.tryAcquire('auth').ok).toBe(true);
    expect(b.tryAcquire('command').ok).toBe(false);
    expect(b.snapshot().callsLastHour).toBe(400);
    clock.advance(3_600_000);
    expect(b.snapshot().callsLastHour).toBe(0);
    expect(b.tryAcquire('poll').ok).toBe(true);
  });

  it('counts calls in a rolling hour, not per clock hour', () => {
    const { b, clock } = budget({ perHour: 10, per10s: 100, commandReserve: 0 });
    for (let i = 0; i < 10; i++) {
      expect(b.tryAcquire('poll').ok).toBe(true);
      clock.advance(5 * MIN);
    }
    // 50 min later: the first call is 50 min old, the window still holds 10.
    expect(b.tryAcquire('poll')).toMatchObject({ ok: false, retryAfterMs: 10 * MIN });
    clock.advance(10 * MIN);
    expect(b.tryAcquire('poll').ok).toBe(true);
    expect(b.snapshot().callsLastHour).toBe(10);
  });
});

describe('RateBudget back-off', () => {
  it('code 26: nothing at all for 30 minutes', () => {
    const { b, clock } = budget();
    b.noteRateLimited();
    clock.advance(30 * MIN - 1);
    expect(b.tryAcquire('command')).toMatchObject({ ok: false, retryAfterMs: 1, reason: 'Netatmo usage limit reached' });
    expect(b.tryAcquire('auth').ok).toBe(false);
    clock.advance(1);
    expect(b.tryAcquire('poll').ok).toBe(true);
  });

  it('code 26: honours a longer Retry-After and doubles on repeats', () => {
    const { b, clock } = budget();
    b.noteRateLimited(5_400);
    expect(b.backoffRemainingMs('command')).toBe(90 * MIN);
    clock.advance(90 * MIN);
    b.noteRateLimited();
    expect(b.backoffRemainingMs('command')).toBe(60 * MIN);
    expect(b.snapshot()).toMatchObject({ backoffReason: 'rate_limited', backoffUntil: new Date(clock.ms + 60 * MIN).toISOString() });
  });

  it('transient failures: 30 s, 60 s, 120 s … capped at 1 h, polls only', () => {
    const { b } = budget();
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      b.noteTransientFailure();
      delays.push(b.backoffRemainingMs('poll') / 1000);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
    expect(b.tryAcquire('poll').ok).toBe(false);
    expect(b.tryAcquire('command').ok).toBe(true);
    expect(b.snapshot().backoffReason).toBe('failures');
  });

  it('success ends the back-off and resets the sequence', () => {
    const { b } = budget();
    b.noteTransientFailure();
    b.noteTransientFailure();
    // A success of a call sent after the failures.
    b.noteSuccess(Number.MAX_SAFE_INTEGER);
    expect(b.snapshot().backoffUntil).toBeNull();
    expect(b.tryAcquire('poll').ok).toBe(true);
    b.noteTransientFailure();
    expect(b.backoffRemainingMs('poll')).toBe(30_000);
  });

  it('only a success of a call sent after the back-off began ends it', () => {
    const { b } = budget();
    const before = b.tryAcquire('poll');
    const after26 = b.tryAcquire('command');
    if (!before.ok || !after26.ok) throw new Error('calls refused');
    b.noteRateLimited();
    // Both calls were sent before Netatmo's code 26 arrived: their answers change nothing.
    b.noteSuccess(before.ticket);
    b.noteSuccess(after26.ticket);
    expect(b.snapshot().backoffReason).toBe('rate_limited');
    expect(b.backoffRemainingMs('command')).toBe(30 * MIN);
    // A call sent later succeeding (a lock-out lifted early by Netatmo) ends it.
    b.noteSuccess(after26.ticket + 1);
    expect(b.snapshot().backoffUntil).toBeNull();
  });

  it('windows and back-off follow the monotonic clock, not the wall clock', () => {
    const wall = new Clock();
    const mono = new Clock();
    const b = new RateBudget({ now: wall.now, monotonicNow: mono.now, per10s: 5 });
    for (let i = 0; i < 5; i++) expect(b.tryAcquire('poll').ok).toBe(true);
    b.noteRateLimited();
    // The wall clock steps back an hour: nothing changes; 30 monotonic minutes end the lock-out.
    wall.advance(-60 * MIN);
    expect(b.backoffRemainingMs('poll')).toBe(30 * MIN);
    expect(Date.parse(b.snapshot().backoffUntil!)).toBe(wall.now() + 30 * MIN);
    mono.advance(30 * MIN);
    expect(b.tryAcquire('poll').ok).toBe(true);
    expect(b.snapshot().callsLastHour).toBe(6);
    mono.advance(59 * MIN);
    expect(b.snapshot().callsLastHour).toBe(1);
  });

  it('a transient failure does not shorten a code-26 back-off', () => {
    const { b } = budget();
    b.noteRateLimited();
    b.noteTransientFailure();
    expect(b.backoffRemainingMs('command')).toBe(30 * MIN);
    expect(b.snapshot().backoffReason).toBe('rate_limited');
  });
});

describe('RateBudget poll interval', () => {
  it('keeps the base interval while the projected load is under 75 % of the budget', () => {
    const { b } = budget();
    expect(b.pollIntervalS(60, 1)).toBe(60);
    expect(b.pollIntervalS(60, 4)).toBe(60); // 240 + 2 per hour
    expect(b.pollIntervalS(60, 0)).toBe(60);
  });

  it('stretches the interval for many homes so the projected calls stay under 75 %', () => {
    const { b } = budget();
    const interval = b.pollIntervalS(60, 10);
    expect(interval).toBeGreaterThan(60);
    expect((10 * 3600) / interval + 2).toBeLessThanOrEqual(300);
  });

  it('stretches further when commands used part of the hour', () => {
    const { b } = budget({ per10s: 10_000 });
    const before = b.pollIntervalS(60, 4);
    for (let i = 0; i < 100; i++) b.tryAcquire('command');
    const after = b.pollIntervalS(60, 4);
    expect(after).toBeGreaterThan(before);
    expect((4 * 3600) / after + 100 + 2).toBeLessThanOrEqual(300);
  });

  it('caps at one poll per hour when nothing is left', () => {
    const { b } = budget({ per10s: 10_000 });
    for (let i = 0; i < 300; i++) b.tryAcquire('command');
    expect(b.pollIntervalS(60, 2)).toBe(3600);
  });
});
