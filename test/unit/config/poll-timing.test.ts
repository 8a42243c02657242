// One rule and one message for the poll interval and the stale threshold, whether they come from
// .env or from the admin page: a pair the configuration accepts is a pair the admin page saves.
import { describe, expect, it } from 'vitest';
import { checkPollTiming, POLL_TIMING } from '../../../src/config/poll-timing.js';
import { loadConfig } from '../../../src/config/index.js';
import { englishTranslator } from '../../../src/i18n/translator.js';
import { firstProblem, settingsForm } from '../../../src/web/forms.js';

function envProblems(poll: number, stale: number): string[] {
  const loaded = loadConfig({ env: { POLL_INTERVAL_S: String(poll), STALE_THRESHOLD_S: String(stale) }, envFile: false, stdoutIsTTY: false });
  return loaded.ok ? [] : loaded.problems;
}

function formProblems(poll: number, stale: number): string[] {
  const parsed = settingsForm.safeParse({ _csrf: 'x', pollIntervalS: String(poll), staleThresholdS: String(stale), preferredPath: 'lan' });
  // The page's words for the problem, in English: the very sentence of the configuration.
  return parsed.success ? [] : [firstProblem(parsed.error, englishTranslator())];
}

describe('checkPollTiming (pure)', () => {
  it('accepts the defaults and the edges', () => {
    expect(checkPollTiming({ pollIntervalS: 60, staleThresholdS: 600 })).toEqual([]);
    expect(checkPollTiming({ pollIntervalS: POLL_TIMING.minPollS, staleThresholdS: 2 * POLL_TIMING.minPollS })).toEqual([]);
    expect(checkPollTiming({ pollIntervalS: POLL_TIMING.maxPollS, staleThresholdS: POLL_TIMING.maxStaleS })).toEqual([]);
  });

  it.each([
    [{ pollIntervalS: 5, staleThresholdS: 600 }, 'pollIntervalS', 'POLL_INTERVAL_S (the poll interval) must be a whole number of seconds from 10 to 3600 (got 5)'],
    [{ pollIntervalS: 7200, staleThresholdS: 86_400 }, 'pollIntervalS', 'from 10 to 3600 (got 7200)'],
    [{ pollIntervalS: 60, staleThresholdS: 100 }, 'staleThresholdS', 'STALE_THRESHOLD_S (the stale threshold) must be at least twice POLL_INTERVAL_S (the poll interval): got 100 and 60 seconds'],
    [{ pollIntervalS: 60, staleThresholdS: 90_000 }, 'staleThresholdS', 'at most 86400 seconds (one day) (got 90000)'],
    [{ pollIntervalS: 60.5, staleThresholdS: 600 }, 'pollIntervalS', 'whole number'],
  ])('%o → %s', (values, field, message) => {
    const problems = checkPollTiming(values);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe(field);
    expect(problems[0]?.message).toContain(message);
  });
});

describe('.env and the admin page apply the same rule with the same message', () => {
  it.each([
    [60, 600],
    [60, 100], // valid for .env before: blocked every admin save
    [10, 15],
    [60, 120],
    [5, 600],
    [3600, 7200],
    [4000, 9000],
    [60, 100_000],
  ])('poll %i s, stale %i s', (poll, stale) => {
    const env = envProblems(poll, stale);
    const form = formProblems(poll, stale);
    expect(form).toEqual(env);
    expect(env).toEqual(checkPollTiming({ pollIntervalS: poll, staleThresholdS: stale }).map((p) => p.message));
  });
});
