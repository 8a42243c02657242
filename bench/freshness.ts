// `npm run bench:freshness [-- --seed N --days D --events-per-day M --active-hours 6-9,17-23]`:
// how soon a change at Netatmo reaches the hub, and at what cost in Netatmo calls, for the
// earlier bridge (300 s poll + 300 s hub poll), the fixed 60 s poll (+ 15 s hub poll) and the
// adaptive policy (+ the hub's long poll), over the same simulated week. Prints one line per
// policy and class (read by tools) and writes the table into bench/results.md. Fake time, loopback
// only, bounded by the simulated days.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from './freshness/options.js';
import { adaptiveTargets, markdownSection, outputLines } from './freshness/report.js';
import { POLICIES, runPolicy, type PolicyRun } from './freshness/run-policy.js';

const resultsFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.md');

export async function runSeeds(argv: string[]): Promise<{ seed: number; runs: PolicyRun[] }[]> {
  const options = parseOptions(argv);
  const out: { seed: number; runs: PolicyRun[] }[] = [];
  for (const seed of options.seeds) {
    const runs: PolicyRun[] = [];
    for (const policy of POLICIES) {
      const run = await runPolicy(policy, options, seed);
      runs.push(run);
      for (const line of outputLines(run)) process.stdout.write(`${line}\n`);
    }
    out.push({ seed, runs });
  }
  return out;
}

/** Puts the section between its markers (`<!-- name:begin -->` …) in results.md (appended when missing). */
export async function writeSection(section: string, name = 'freshness'): Promise<void> {
  const BEGIN = `<!-- ${name}:begin -->`;
  const END = `<!-- ${name}:end -->`;
  const current = await readFile(resultsFile, 'utf8').catch(() => '# Benchmark results\n');
  const block = `${BEGIN}\n${section}\n${END}`;
  const start = current.indexOf(BEGIN);
  const stop = current.indexOf(END);
  const next = start >= 0 && stop > start ? `${current.slice(0, start)}${block}${current.slice(stop + END.length)}` : `${current.trimEnd()}\n\n${block}\n`;
  await writeFile(resultsFile, next);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const started = performance.now();
  const results = await runSeeds(argv);
  const command = `npm run bench:freshness${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  await writeSection(markdownSection(results, command));
  const missed = results.flatMap(({ runs }) => runs.filter((r) => r.name === 'adaptive').flatMap(adaptiveTargets)).filter((t) => !t.ok);
  process.stderr.write(`freshness: ${results.length} seed(s) in ${((performance.now() - started) / 1000).toFixed(1)} s; adaptive targets missed: ${missed.length ? missed.map((t) => `${t.name} ${t.value} (${t.target})`).join(', ') : 'none'}\n`);
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().catch((error: unknown) => {
    process.stderr.write(`freshness benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
