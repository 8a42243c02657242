// Options of `npm run bench:freshness`: --seed N (or --seeds 1,2,3), --days D, --events-per-day M,
// --active-hours 6-9,17-23 (local hours of the simulated home), --warm-days W (the bridge runs W
// days before the measured ones, so it starts with what it learnt then; default 0: a fresh
// bridge), --adaptive-calls 120/200 (the adaptive policy's calls per hour on average / at most,
// ADAPTIVE_CALLS_PER_HOUR and ADAPTIVE_MAX_CALLS_PER_HOUR; default the bridge's 100/150). Bad
// values stop the run with a sentence naming the option.
import { parseArgs } from 'node:util';

export interface FreshnessOptions {
  seed: number;
  days: number;
  eventsPerDay: number;
  /** Local [from, to) hour windows where most app changes happen. */
  activeHours: [number, number][];
  /** Share of app changes inside the active hours. */
  activeShare: number;
  /** Seeds to run one after the other (--seeds 1,2,3 overrides --seed). */
  seeds: number[];
  /** Days simulated before the measured ones (not counted). */
  warmDays: number;
  /** The adaptive policy's call allowance, when not the bridge's default. */
  adaptiveCalls?: { perHour: number; maxPerHour: number };
}

export const DEFAULT_OPTIONS: FreshnessOptions = { seed: 1, days: 7, eventsPerDay: 12, activeHours: [[6, 9], [17, 23]], activeShare: 0.7, seeds: [1], warmDays: 0 };

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  return value;
}

export function parseActiveHours(raw: string): [number, number][] {
  const windows = raw.split(',').map((part) => {
    const match = /^\s*(\d{1,2})-(\d{1,2})\s*$/.exec(part);
    const from = Number(match?.[1]);
    const to = Number(match?.[2]);
    if (!match || from >= to || to > 24) throw new Error(`--active-hours takes local hour ranges like 6-9,17-23 (from < to ≤ 24); got ${JSON.stringify(raw)}`);
    return [from, to] as [number, number];
  });
  return windows;
}

/** "120/200": calls per hour on average / in any hour (the bridge checks the ranges when it starts). */
function parseAdaptiveCalls(raw: string): { perHour: number; maxPerHour: number } {
  const match = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(raw);
  if (!match) throw new Error(`--adaptive-calls takes the calls per hour on average and at most, like 120/200; got ${JSON.stringify(raw)}`);
  return { perHour: Number(match[1]), maxPerHour: Number(match[2]) };
}

export function parseOptions(argv: string[]): FreshnessOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      seeds: { type: 'string' },
      days: { type: 'string' },
      'events-per-day': { type: 'string' },
      'active-hours': { type: 'string' },
      'warm-days': { type: 'string' },
      'adaptive-calls': { type: 'string' },
    },
    strict: true,
  });
  const seed = wholeNumber('seed', values.seed, DEFAULT_OPTIONS.seed, 0, 2 ** 31);
  const seeds = values.seeds === undefined ? [seed] : values.seeds.split(',').map((s) => wholeNumber('seeds', s.trim(), 0, 0, 2 ** 31));
  return {
    seed: seeds[0] ?? seed,
    seeds,
    days: wholeNumber('days', values.days, DEFAULT_OPTIONS.days, 1, 28),
    eventsPerDay: wholeNumber('events-per-day', values['events-per-day'], DEFAULT_OPTIONS.eventsPerDay, 0, 500),
    activeHours: values['active-hours'] === undefined ? DEFAULT_OPTIONS.activeHours : parseActiveHours(values['active-hours']),
    activeShare: DEFAULT_OPTIONS.activeShare,
    warmDays: wholeNumber('warm-days', values['warm-days'], DEFAULT_OPTIONS.warmDays, 0, 28),
    ...(values['adaptive-calls'] === undefined ? {} : { adaptiveCalls: parseAdaptiveCalls(values['adaptive-calls']) }),
  };
}
