import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedSlidingWindows, SlidingWindow } from '../../../src/util/sliding-window.js';

function clock(start = 0): { now: () => number; advance(ms: number): void; set(ms: number): void } {
  let ms = start;
  return { now: () => ms, advance: (by) => (ms += by), set: (to) => (ms = to) };
}

describe('SlidingWindow', () => {
  it('counts events of the rolling window; an event leaves exactly windowMs after it happened', () => {
    const c = clock();
    const w = new SlidingWindow({ windowMs: 1_000, capacity: 10, now: c.now });
    w.record();
    c.advance(400);
    w.record();
    expect(w.count()).toBe(2);
    c.advance(599);
    expect(w.count()).toBe(2);
    c.advance(1);
    expect(w.count()).toBe(1);
    c.advance(400);
    expect(w.count()).toBe(0);
  });

  it('counts the last part of the window on its own (10 s inside an hour)', () => {
    const c = clock();
    const w = new SlidingWindow({ windowMs: 3_600_000, capacity: 100, now: c.now });
    for (let i = 0; i < 5; i++) {
      w.record();
      c.advance(4_000);
    }
    // Events at 0, 4, 8, 12, 16 s; now 20 s: the last 10 s hold 12 and 16.
    expect(w.count(10_000)).toBe(2);
    expect(w.count()).toBe(5);
  });

  it('tryRecord lets `limit` through and refuses the next without counting it', () => {
    const c = clock();
    const w = new SlidingWindow({ windowMs: 60_000, capacity: 3, now: c.now });
    expect([w.tryRecord(), w.tryRecord(), w.tryRecord(), w.tryRecord()]).toEqual([true, true, true, false]);
    expect(w.count()).toBe(3);
    c.advance(60_000);
    expect(w.tryRecord()).toBe(true);
    expect(w.count()).toBe(1);
  });

  it('retryAfterMs: 0 under the limit, else until the limit-th newest event leaves', () => {
    const c = clock();
    const w = new SlidingWindow({ windowMs: 10_000, capacity: 5, now: c.now });
    expect(w.retryAfterMs(2)).toBe(0);
    w.record(); // t=0
    c.advance(3_000);
    w.record(); // t=3000
    c.advance(1_000); // now 4000
    expect(w.retryAfterMs(3)).toBe(0);
    expect(w.retryAfterMs(2)).toBe(6_000); // the event at 0 leaves at 10 000
    expect(w.retryAfterMs(1)).toBe(9_000); // the event at 3000 leaves at 13 000
    expect(w.retryAfterMs(1, 5_000)).toBe(4_000); // in the last 5 s: the event at 3000 leaves at 8000
    expect(w.retryAfterMs(0)).toBe(10_000);
  });

  it('never says 0 when waiting is needed, however close the freeing is', () => {
    const c = clock();
    const w = new SlidingWindow({ windowMs: 1_000, capacity: 1, now: c.now });
    w.record();
    c.advance(999.5);
    expect(w.retryAfterMs(1)).toBe(1);
  });

  it('bounded memory: keeps at most `capacity` times, however many events come', () => {
    const c = clock();
    const w = new SlidingWindow({ windowMs: 60_000, capacity: 4, now: c.now });
    for (let i = 0; i < 100_000; i++) w.record();
    expect(w.count()).toBe(4);
    expect(w.capacity).toBe(4);
    c.advance(60_000);
    expect(w.count()).toBe(0);
  });

  it('a clock stepping backwards neither counts an event twice nor loses order', () => {
    const c = clock(10_000);
    const w = new SlidingWindow({ windowMs: 1_000, capacity: 5, now: c.now });
    w.record(); // 10 000
    c.set(5_000);
    w.record(); // held at 10 000, not 5 000
    expect(w.count()).toBe(2);
    c.set(10_999);
    expect(w.count()).toBe(2);
    c.set(11_000);
    expect(w.count()).toBe(0);
  });

  it('clear() forgets every event', () => {
    const c = clock();
    const w = new SlidingWindow({ windowMs: 1_000, capacity: 2, now: c.now });
    w.record();
    w.record();
    w.clear();
    expect(w.count()).toBe(0);
    expect(w.tryRecord()).toBe(true);
  });

  it('runs on performance.now when no clock is given', () => {
    const w = new SlidingWindow({ windowMs: 60_000, capacity: 2 });
    w.record();
    expect(w.count()).toBe(1);
    expect(w.retryAfterMs(1)).toBeGreaterThan(59_000);
    expect(w.retryAfterMs(1)).toBeLessThanOrEqual(60_000);
  });

  it('refuses a window or capacity that cannot work', () => {
    expect(() => new SlidingWindow({ windowMs: 0, capacity: 1 })).toThrow(RangeError);
    expect(() => new SlidingWindow({ windowMs: 1, capacity: 0 })).toThrow(RangeError);
    expect(() => new SlidingWindow({ windowMs: 1, capacity: 1.5 })).toThrow(RangeError);
  });

  it('agrees with a plain list of every event (random steps and records)', () => {
    const step = fc.oneof(fc.constant({ kind: 'record' as const }), fc.integer({ min: 0, max: 700 }).map((ms) => ({ kind: 'advance' as const, ms })));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), fc.integer({ min: 1, max: 6 }), (steps, capacity) => {
        const c = clock();
        const windowMs = 1_000;
        const w = new SlidingWindow({ windowMs, capacity, now: c.now });
        const all: number[] = [];
        for (const s of steps) {
          if (s.kind === 'advance') c.advance(s.ms);
          else {
            w.record();
            all.push(c.now());
          }
          const inWindow = all.filter((t) => t > c.now() - windowMs);
          expect(w.count()).toBe(Math.min(capacity, inWindow.length));
          const limit = 1 + (inWindow.length % capacity);
          const expected = inWindow.length < limit ? 0 : Math.max(1, inWindow[inWindow.length - limit]! + windowMs - c.now());
          expect(w.retryAfterMs(limit)).toBe(expected);
        }
      }),
    );
  });
});

describe('KeyedSlidingWindows', () => {
  it('keeps one window per key; looking at an unknown key creates nothing', () => {
    const c = clock();
    const keyed = new KeyedSlidingWindows({ windowMs: 1_000, capacity: 2, maxKeys: 10, now: c.now });
    expect(keyed.count('a')).toBe(0);
    expect(keyed.retryAfterMs('a', 1)).toBe(0);
    expect(keyed.size).toBe(0);
    expect([keyed.tryRecord('a'), keyed.tryRecord('a'), keyed.tryRecord('a'), keyed.tryRecord('b')]).toEqual([true, true, false, true]);
    expect(keyed.count('a')).toBe(2);
    expect(keyed.retryAfterMs('a', 2)).toBe(1_000);
    keyed.delete('a');
    expect(keyed.count('a')).toBe(0);
    expect(keyed.count('b')).toBe(1);
  });

  it('bounded memory: past maxKeys the least recently used key is forgotten', () => {
    const c = clock();
    const keyed = new KeyedSlidingWindows({ windowMs: 60_000, capacity: 1, maxKeys: 3, now: c.now });
    for (const key of ['a', 'b', 'c']) keyed.record(key);
    keyed.record('a'); // a is now the most recently used
    keyed.record('d');
    expect(keyed.size).toBe(3);
    expect(keyed.count('b')).toBe(0);
    expect(['a', 'c', 'd'].map((key) => keyed.count(key))).toEqual([1, 1, 1]);
    for (let i = 0; i < 10_000; i++) keyed.record(`spoofed-${i}`);
    expect(keyed.size).toBe(3);
  });

  it('drops keys whose events all left the window when a key is recorded', () => {
    const c = clock();
    const keyed = new KeyedSlidingWindows({ windowMs: 1_000, capacity: 1, maxKeys: 100, now: c.now });
    keyed.record('old-1');
    keyed.record('old-2');
    c.advance(1_000);
    keyed.record('new');
    expect(keyed.size).toBe(1);
  });
});
