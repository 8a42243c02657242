import { describe, expect, it } from 'vitest';
import { maxPollIntervalS, pollStaleProblem } from '../../../src/config/poll-stale.js';

describe('poll interval against stale threshold (one shared rule)', () => {
  it('accepts an interval of at most half the threshold', () => {
    expect(pollStaleProblem(60, 600)).toBeNull();
    expect(pollStaleProblem(300, 600)).toBeNull();
  });

  it('refuses a longer interval with a sentence naming both values and the limit', () => {
    const problem = pollStaleProblem(301, 600);
    expect(problem).toContain('301 s');
    expect(problem).toContain('600 s');
    expect(problem).toContain('at most 300 s');
    expect(pollStaleProblem(3600, 600)).not.toBeNull();
  });

  it('derives the largest interval from the threshold', () => {
    expect(maxPollIntervalS(600)).toBe(300);
    expect(maxPollIntervalS(61)).toBe(30);
  });
});
