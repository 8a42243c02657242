import { describe, expect, it } from 'vitest';
import { normaliseSetpoint } from '../../../src/sync/temperature.js';

describe('normaliseSetpoint', () => {
  it.each([
    [20.5, 20.5],
    [20.2, 20],
    [20.3, 20.5],
    [7, 7],
    [30, 30],
    [68, 20],
    [70, 21],
    [86, 30],
  ])('%s → %s °C', (input, expected) => {
    expect(normaliseSetpoint(input)).toEqual({ ok: true, celsius: expected });
  });

  it.each([6.5, 31, 45, 100, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s with a sentence', (input) => {
    const result = normaliseSetpoint(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/temperatureC must be/);
  });

  it('says when a value was read as Fahrenheit', () => {
    const result = normaliseSetpoint(100);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('°F') as unknown });
  });
});
