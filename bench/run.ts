// `npm run bench`: runs every bench/*.bench.ts (or the ones named on the command line), prints one
// table with targets, and writes bench/results.md with a description of the machine.
// Benchmarks talk only to 127.0.0.1 and are bounded in count and time.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(benchDir, 'results.md');

/** Sections other benchmarks keep in results.md between markers (the freshness table): carried over. */
async function keptSections(): Promise<string> {
  const current = await readFile(resultsFile, 'utf8').catch(() => '');
  const blocks = current.match(/<!-- (\w+):begin -->[\s\S]*?<!-- \1:end -->/g) ?? [];
  return blocks.map((block) => `\n${block}\n`).join('');
}

interface Section {
  file: string;
  results: BenchResult[];
  error?: string;
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  return (
    `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(os.freemem() / 2 ** 30).toFixed(1)} GiB free), ` +
    `${os.platform()} ${os.release()} ${os.arch()}, Node ${process.version}; load average at start ${load} (1/5/15 min)`
  );
}

/** Results in "×" are ratios (bridge vs bare express, ours vs the earlier bridge …): one line each. */
function ratioLines(sections: Section[]): string[] {
  return sections
    .flatMap((s) => s.results)
    .filter((r) => r.unit === '×')
    .map((r) => `- ${r.name}: **${r.value}×**${r.target ? ` (target ${r.target}${r.ok === undefined ? '' : r.ok ? ', ok' : ', MISSED'})` : ''}${r.note ? ` — ${r.note}` : ''}`);
}

function row(r: BenchResult): string {
  const verdict = r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED';
  return `| ${r.name} | ${r.value} ${r.unit} | ${r.target ?? ''} | ${verdict} | ${r.note ?? ''} |`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = (await readdir(benchDir)).filter((f) => f.endsWith('.bench.ts')).filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w))).sort();
  const sections: Section[] = [];
  for (const file of files) {
    process.stdout.write(`running ${file} …\n`);
    try {
      const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { run: () => Promise<BenchResult[]> };
      sections.push({ file, results: await mod.run() });
    } catch (error) {
      sections.push({ file, results: [], error: error instanceof Error ? error.message : String(error) });
    }
  }

  const lines = [
    '# Benchmark results',
    '',
    `Machine: ${machine()}. Run: ${new Date().toISOString()}. Command: \`npm run bench\`.`,
    '',
    '| measurement | value | target | verdict | note |',
    '|---|---|---|---|---|',
  ];
  for (const section of sections) {
    for (const r of section.results) lines.push(row(r));
    if (section.error) lines.push(`| ${section.file} | FAILED | | MISSED | ${section.error} |`);
  }
  const ratios = ratioLines(sections);
  if (ratios.length > 0) lines.push('', '## Ratios', '', ...ratios);
  const table = lines.join('\n');
  process.stdout.write(`\n${table}\n`);
  const missed = sections.flatMap((s) => s.results).filter((r) => r.ok === false).length;
  const failed = sections.filter((s) => s.error).length;
  process.stdout.write(`\n${sections.flatMap((s) => s.results).length} measurements, ${missed} missed targets, ${failed} failed benchmarks\n`);
  if (wanted.length === 0) await writeFile(resultsFile, `${table}\n${await keptSections()}`);
  if (failed > 0) process.exitCode = 1;
}

await main();
