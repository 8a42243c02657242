// Module report periods learnt from the moments a room's temperature was seen to change: one
// module, two modules in one room, reports that do not change the shown value, a period that
// changes (the learner starts over).
import { describe, expect, it } from 'vitest';
import { fitLattice, nextReport, periodOf } from '../../../src/polling/lattice-fit.js';
import { MeasurementLearner } from '../../../src/polling/measurement-learner.js';

/** Deterministic pseudo-random numbers (tests must not depend on Math.random). */
function numbers(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Source {
  periodMs: number;
  phaseMs: number;
}

/** Reads a room every 30–60 s for `hours`; each report changes the shown value with probability `visible`. */
function observe(learner: MeasurementLearner, sources: Source[], hours: number, visible = 0.6, seed = 1, from = 0): number {
  const random = numbers(seed);
  const reports = sources.flatMap((s) => Array.from({ length: Math.ceil((hours * 3_600_000) / s.periodMs) + 2 }, (_, k) => s.phaseMs + k * s.periodMs)).sort((a, b) => a - b);
  let value = 20;
  let r = 0;
  let t = from;
  while (t < from + hours * 3_600_000) {
    t += 30_000 + Math.floor(random() * 30_000);
    while (r < reports.length && reports[r]! <= t) {
      if (reports[r]! > from && random() < visible) value = Math.round((value + (random() < 0.5 ? 0.1 : -0.1)) * 10) / 10;
      r++;
    }
    learner.observe('home:room', value, t);
  }
  return t;
}

describe('measurement learner', () => {
  it('finds one module\'s period and predicts its next report within seconds', () => {
    const learner = new MeasurementLearner();
    const source = { periodMs: 613_000, phaseMs: 358_000 };
    const end = observe(learner, [source], 8);
    const [lattice] = learner.lattices('home:room');
    expect(Math.abs(periodOf(lattice!) - source.periodMs)).toBeLessThan(500);
    const next = learner.nextReports(end)[0]!;
    const truth = source.phaseMs + Math.ceil((end - source.phaseMs) / source.periodMs) * source.periodMs;
    // The latest plausible time: at or just after the true report.
    expect(next.at - truth).toBeGreaterThanOrEqual(-1000);
    expect(next.at - truth).toBeLessThanOrEqual(15_000);
    expect(learner.reportsPerHour()).toBeCloseTo(3_600_000 / source.periodMs, 0);
  });

  it('finds both modules of a room with two valves', () => {
    const learner = new MeasurementLearner();
    const sources = [{ periodMs: 420_000, phaseMs: 100_000 }, { periodMs: 780_000, phaseMs: 300_000 }];
    observe(learner, sources, 12, 0.7, 3);
    const periods = learner.lattices('home:room').map(periodOf).sort((a, b) => a - b);
    expect(periods).toHaveLength(2);
    expect(Math.abs(periods[0]! - 420_000)).toBeLessThan(1000);
    expect(Math.abs(periods[1]! - 780_000)).toBeLessThan(1000);
  });

  it('learns nothing from a room whose temperature never changes, and nothing from too few changes', () => {
    const still = new MeasurementLearner();
    observe(still, [{ periodMs: 600_000, phaseMs: 0 }], 6, 0);
    expect(still.lattices('home:room')).toEqual([]);
    expect(still.nextReports(0)).toEqual([]);
    expect(fitLattice([{ lo: 0, hi: 10_000 }, { lo: 600_000, hi: 610_000 }])).toBeNull();
  });

  it('starts over when a module\'s period changes', () => {
    const learner = new MeasurementLearner();
    const end = observe(learner, [{ periodMs: 600_000, phaseMs: 0 }], 8, 0.8, 5);
    observe(learner, [{ periodMs: 900_000, phaseMs: end + 50_000 }], 10, 0.8, 6, end);
    const periods = learner.lattices('home:room').map(periodOf);
    expect(periods.some((p) => Math.abs(p - 900_000) < 1000)).toBe(true);
    expect(periods.some((p) => Math.abs(p - 600_000) < 1000)).toBe(false);
  });

  it('predicts the next report strictly after the time asked', () => {
    const lattice = { vertices: [{ at: 1000, period: 60_000 }, { at: 3000, period: 60_000 }], support: 5 };
    expect(nextReport(lattice, 0).at).toBe(3000);
    expect(nextReport(lattice, 3000).at).toBe(63_000);
    expect(nextReport(lattice, 3000).spreadMs).toBe(2000);
  });
});
