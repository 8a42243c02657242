// Benchmark: normalising a 50-room home (target < 1 ms) and comparing two such homes
// with homesEqual (runs on every poll to decide whether the revision rises).
// Run with the others via `npm run bench`, or alone: `npx tsx bench/normalise.bench.ts`.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { homesEqual, normaliseHome } from '../src/model/index.js';
import type { Home } from '../src/model/types.js';
import { generateHome } from '../test/helpers/netatmo-fixtures.js';
import type { BenchResult } from './types.js';

const ROOMS = 50;
const WARM_UP = 300;
const ITERATIONS = 2_000;
const TARGET_MS = 1;

interface Stats {
  meanMs: number;
  p99Ms: number;
}

/** Time `fn` once per iteration after a warm-up; bounded in count, so always finishes quickly. */
function measure(fn: () => unknown): Stats {
  for (let i = 0; i < WARM_UP; i++) fn();
  const samples = new Float64Array(ITERATIONS);
  let sink = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    const result = fn();
    samples[i] = performance.now() - start;
    if (result) sink++; // keep the result alive so the work is not optimised away
  }
  if (sink < 0) throw new Error('unreachable');
  samples.sort();
  const total = samples.reduce((a, b) => a + b, 0);
  return { meanMs: total / ITERATIONS, p99Ms: samples[Math.min(ITERATIONS - 1, Math.ceil(ITERATIONS * 0.99) - 1)] ?? 0 };
}

const round = (ms: number): number => Math.round(ms * 10_000) / 10_000;

export function run(): Promise<BenchResult[]> {
  const { topology, status } = generateHome(ROOMS);
  const previous: Home = normaliseHome(topology, status, undefined);

  const normalise = measure(() => normaliseHome(topology, status, previous));
  // Two equal homes built separately: the worst case, every field of every room is compared.
  const other = normaliseHome(topology, status, undefined);
  const equal = measure(() => homesEqual([previous], [other]));
  if (!homesEqual([previous], [other])) throw new Error('benchmark homes should be equal');

  const note = `${ROOMS} rooms, ${ITERATIONS} iterations after ${WARM_UP} warm-up`;
  return Promise.resolve([
    {
      name: `normaliseHome, ${ROOMS}-room home (mean)`,
      value: round(normalise.meanMs),
      unit: 'ms',
      target: `< ${TARGET_MS} ms`,
      ok: normalise.meanMs < TARGET_MS,
      note,
    },
    {
      name: `normaliseHome, ${ROOMS}-room home (p99)`,
      value: round(normalise.p99Ms),
      unit: 'ms',
      target: `< ${TARGET_MS} ms`,
      ok: normalise.p99Ms < TARGET_MS,
      note,
    },
    { name: `homesEqual, ${ROOMS}-room home, equal (mean)`, value: round(equal.meanMs), unit: 'ms', note },
    { name: `homesEqual, ${ROOMS}-room home, equal (p99)`, value: round(equal.p99Ms), unit: 'ms', note },
  ]);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const results = await run();
  for (const r of results) {
    const verdict = r.ok === undefined ? '' : r.ok ? '  ok' : '  MISSED';
    console.log(`${r.name.padEnd(44)} ${String(r.value).padStart(8)} ${r.unit}${r.target ? `  (target ${r.target})` : ''}${verdict}`);
  }
}
