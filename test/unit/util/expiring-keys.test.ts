import { describe, expect, it } from 'vitest';
import { ExpiringKeys } from '../../../src/util/expiring-keys.js';

describe('ExpiringKeys', () => {
  it('holds a key until its time, then lets it be claimed again', () => {
    let now = 1_000;
    const keys = new ExpiringKeys({ now: () => now, capacity: 10 });
    expect(keys.claim('a', 2_000)).toBe(true);
    expect(keys.has('a')).toBe(true);
    expect(keys.claim('a', 3_000)).toBe(false);
    now = 1_999;
    expect(keys.has('a')).toBe(true);
    now = 2_000;
    expect(keys.has('a')).toBe(false);
    expect(keys.claim('a', 3_000)).toBe(true);
  });

  it('drops expired keys as it goes, and keeps at most `capacity` (the oldest go first)', () => {
    let now = 0;
    const keys = new ExpiringKeys({ now: () => now, capacity: 3 });
    for (const key of ['a', 'b', 'c', 'd']) expect(keys.claim(key, 100)).toBe(true);
    expect(keys.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((key) => keys.has(key))).toEqual([false, true, true, true]);
    now = 100;
    expect(keys.claim('e', 200)).toBe(true);
    expect(keys.size).toBe(1);
    for (let i = 0; i < 10_000; i++) keys.claim(`flood-${i}`, 1_000);
    expect(keys.size).toBe(3);
  });
});
