import { describe, expect, it } from 'vitest';
import { toHomeMode, toNetatmoThermMode, toSetpointMode } from '../../../src/model/modes.js';
import { unixToIso } from '../../../src/model/time.js';

describe('toHomeMode', () => {
  it.each([
    ['schedule', 'schedule'],
    ['away', 'away'],
    ['hg', 'frostguard'],
    ['frost_guard', 'frostguard'],
    [undefined, 'schedule'],
    ['something_new', 'schedule'],
  ] as const)('%s → %s', (input, expected) => {
    expect(toHomeMode(input)).toBe(expected);
  });

  it('maps back to the Netatmo words setthermmode expects', () => {
    expect(toNetatmoThermMode('frostguard')).toBe('hg');
    expect(toNetatmoThermMode('away')).toBe('away');
    expect(toNetatmoThermMode('schedule')).toBe('schedule');
  });
});

describe('toSetpointMode', () => {
  it.each([
    ['home', 'schedule'],
    ['schedule', 'schedule'],
    ['manual', 'manual'],
    ['max', 'boost'],
    ['off', 'off'],
    ['away', 'away'],
    ['hg', 'frostguard'],
    [undefined, 'schedule'],
    ['unknown_mode', 'schedule'],
  ] as const)('%s → %s', (input, expected) => {
    expect(toSetpointMode(input)).toBe(expected);
  });
});

describe('unixToIso', () => {
  it('converts unix seconds to ISO UTC', () => {
    expect(unixToIso(1767225600)).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each([0, null, undefined, -5, Number.NaN, Number.POSITIVE_INFINITY, 1e20])('treats %s as "no time"', (value) => {
    expect(unixToIso(value)).toBeNull();
  });
});
