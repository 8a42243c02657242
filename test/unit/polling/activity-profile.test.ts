// The household's hours of activity: counted in local time, decaying over weeks, even when little is known.
import { describe, expect, it } from 'vitest';
import { emptyProfile, HALF_LIFE_DAYS, hourlyWeights, localHour, observationCount, recordActivity } from '../../../src/polling/activity-profile.js';
import { HOUR, MONDAY } from './fixtures.js';

const DAY = 24 * HOUR;

describe('activity profile', () => {
  it('counts in the home\'s local hour (UTC when the zone is unknown)', () => {
    const at = Date.parse('2026-07-06T16:30:00Z'); // 18:30 in Paris (summer time)
    expect(localHour(at, 'Europe/Paris')).toBe(18);
    expect(localHour(at, 'America/New_York')).toBe(12);
    expect(localHour(at, null)).toBe(16);
    expect(localHour(at, 'Mars/Olympus')).toBe(16);
    expect(recordActivity(emptyProfile(at), at, 'Europe/Paris').hours[18]).toBe(1);
  });

  it('with nothing observed every hour weighs the same; observations tilt the weights, which average 1', () => {
    expect(hourlyWeights(emptyProfile(0))).toEqual(new Array(24).fill(1));
    let profile = emptyProfile(MONDAY);
    for (let day = 0; day < 10; day++) profile = recordActivity(profile, MONDAY + day * DAY + 19 * HOUR, 'Europe/Paris');
    const weights = hourlyWeights(profile);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(24, 6);
    expect(weights[19]!).toBeGreaterThan(2);
    expect(weights[18]!).toBeGreaterThan(weights[3]!); // neighbours share a little
    expect(weights[3]!).toBeGreaterThan(0);
  });

  it('learns within a day: a few changes at the same hour already tilt the weights clearly', () => {
    // Six changes around 19 h on one day. With a pseudo-count of one per hour (24 in all, two days'
    // worth of changes) that hour stayed near 3 and unseen hours near 0.8 for days.
    let profile = emptyProfile(MONDAY);
    for (let i = 0; i < 6; i++) profile = recordActivity(profile, MONDAY + 19 * HOUR + i * 5 * 60_000, 'Europe/Paris');
    const weights = hourlyWeights(profile);
    expect(weights[19]!).toBeGreaterThan(5);
    expect(weights[3]!).toBeLessThan(0.55);
    expect(weights[3]!).toBeGreaterThan(0);
  });

  it('halves old observations every two weeks, and a wall clock stepping back never inflates them', () => {
    const profile = recordActivity(emptyProfile(MONDAY), MONDAY, 'Europe/Paris');
    const later = recordActivity(profile, MONDAY + HALF_LIFE_DAYS * DAY, 'Europe/Paris');
    expect(observationCount(later)).toBeCloseTo(1.5, 6);
    const stepped = recordActivity(later, MONDAY, 'Europe/Paris');
    expect(observationCount(stepped)).toBeCloseTo(2.5, 6);
    expect(stepped.updatedAt).toBe(later.updatedAt);
  });
});
