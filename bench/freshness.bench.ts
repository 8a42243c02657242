// The freshness benchmark inside `npm run bench`: one simulated week (default options, seed 1) of
// the three policies, the adaptive policy's targets as table rows, and the full freshness table
// written into bench/results.md (as `npm run bench:freshness` does; bench/freshness.ts).
import { runSeeds, writeSection } from './freshness.js';
import { callStats, classStats, markdownSection, adaptiveTargets } from './freshness/report.js';
import type { BenchResult } from './types.js';

export async function run(): Promise<BenchResult[]> {
  const results = await runSeeds([]);
  await writeSection(markdownSection(results, 'npm run bench (freshness, default options)'));
  const runs = results[0]?.runs ?? [];
  const out: BenchResult[] = [];
  const adaptive = runs.find((r) => r.name === 'adaptive');
  if (adaptive) {
    for (const t of adaptiveTargets(adaptive)) out.push({ name: `freshness, adaptive: ${t.name}`, value: Math.round(t.value * 10) / 10, unit: t.name.startsWith('calls') ? 'calls' : 's', target: t.target, ok: t.ok });
  }
  const fixed = runs.find((r) => r.name === 'fixed-60');
  if (fixed) {
    const app = classStats(fixed.latencies.app);
    out.push({ name: 'freshness, fixed-60 + 15 s hub poll: app changes p50', value: Math.round(app.p50 * 10) / 10, unit: 's', note: `p95 ${Math.round(app.p95)} s, ${Math.round(callStats(fixed).mean * 10) / 10} calls/h` });
  }
  return out;
}
