// Percentiles, the output lines (read by tools — keep their form exactly) and the results table.
import type { EventClass } from './events.js';
import type { PolicyRun } from './run-policy.js';

export const CLASSES: EventClass[] = ['schedule', 'app', 'measurement'];

/** Nearest-rank percentile (p in 0–100) of unsorted values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}

const fmt = (x: number): string => String(Math.round(x * 10) / 10);

export interface ClassStats {
  events: number;
  p50: number;
  p95: number;
  max: number;
}

export function classStats(values: readonly number[]): ClassStats {
  return { events: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: values.length ? Math.max(...values) : 0 };
}

export function callStats(run: PolicyRun): { mean: number; max: number } {
  const hours = run.callsPerHour;
  return { mean: hours.reduce((a, b) => a + b, 0) / Math.max(1, hours.length), max: hours.length ? Math.max(...hours) : 0 };
}

export function outputLines(run: PolicyRun): string[] {
  const lines = CLASSES.map((cls) => {
    const s = classStats(run.latencies[cls]);
    return `freshness policy=${run.name} class=${cls} events=${s.events} p50_s=${fmt(s.p50)} p95_s=${fmt(s.p95)} max_s=${fmt(s.max)}`;
  });
  const calls = callStats(run);
  lines.push(`calls policy=${run.name} mean_per_hour=${fmt(calls.mean)} max_per_hour=${calls.max}`);
  return lines;
}

export interface TargetCheck {
  name: string;
  value: number;
  target: string;
  ok: boolean;
}

/** The targets for the adaptive policy. */
export function adaptiveTargets(run: PolicyRun): TargetCheck[] {
  const schedule = classStats(run.latencies.schedule);
  const app = classStats(run.latencies.app);
  const measurement = classStats(run.latencies.measurement);
  const calls = callStats(run);
  return [
    { name: 'schedule p95', value: schedule.p95, target: '≤ 10 s', ok: schedule.p95 <= 10 },
    { name: 'app p50', value: app.p50, target: '≤ 15 s', ok: app.p50 <= 15 },
    { name: 'app p95', value: app.p95, target: '≤ 45 s', ok: app.p95 <= 45 },
    { name: 'measurement p95', value: measurement.p95, target: '≤ 60 s', ok: measurement.p95 <= 60 },
    { name: 'calls per hour (mean)', value: Math.round(calls.mean * 10) / 10, target: '≤ 100', ok: calls.mean <= 100 },
    { name: 'calls in any hour', value: calls.max, target: `≤ 150 (budget ${run.budgetPerHour})`, ok: calls.max <= 150 && calls.max <= run.budgetPerHour },
  ];
}

/** The results as a markdown section (bench/results.md). */
export function markdownSection(runsBySeed: { seed: number; runs: PolicyRun[] }[], command: string): string {
  const lines = ['## Freshness (simulated week)', '', `Command: \`${command}\`. Latency from a change at Netatmo to a hub holding it; calls per home.`, ''];
  lines.push('| seed | policy | class | events | p50 s | p95 s | max s |', '|---|---|---|---|---|---|---|');
  for (const { seed, runs } of runsBySeed) {
    for (const run of runs) {
      for (const cls of CLASSES) {
        const s = classStats(run.latencies[cls]);
        lines.push(`| ${seed} | ${run.name} | ${cls} | ${s.events} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`);
      }
    }
  }
  lines.push('', '| seed | policy | calls/h mean | calls/h max |', '|---|---|---|---|');
  for (const { seed, runs } of runsBySeed) {
    for (const run of runs) {
      const c = callStats(run);
      lines.push(`| ${seed} | ${run.name} | ${fmt(c.mean)} | ${c.max} |`);
    }
  }
  lines.push('', '| seed | adaptive target | value | target | verdict |', '|---|---|---|---|---|');
  for (const { seed, runs } of runsBySeed) {
    const adaptive = runs.find((r) => r.name === 'adaptive');
    if (!adaptive) continue;
    for (const t of adaptiveTargets(adaptive)) lines.push(`| ${seed} | ${t.name} | ${fmt(t.value)} | ${t.target} | ${t.ok ? 'ok' : 'MISSED'} |`);
  }
  lines.push('', 'App p50 ≤ 15 s and p95 ≤ 45 s together lie at the edge of what the call limits allow: see the ceiling below (`npm run bench:freshness-bound`).');
  return lines.join('\n');
}
