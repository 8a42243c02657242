#!/usr/bin/env node
// `npm test`: BOTH suites, whatever the first one does — vitest (TypeScript: unit, integration,
// browser) and the Lua driver (scripts/test-driver.mjs) — then one summary of both. Exit code 0
// only when neither failed. Extra arguments go to vitest (npm test -- test/unit).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(os.tmpdir(), 'npm-test-'));
const vitestReport = join(work, 'vitest.json');

function run(label, command, args) {
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(result.stdout ?? '');
  return { status: result.error ? 1 : (result.status ?? 1), stdout: result.stdout ?? '' };
}

const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const vitest = run('TypeScript (vitest)', process.execPath, [vitestBin, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`, ...process.argv.slice(2)]);
let ts = { passed: 0, failed: vitest.status === 0 ? 0 : 1, skipped: 0 };
try {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  ts = { passed: report.numPassedTests, failed: Math.max(report.numFailedTests, vitest.status === 0 ? 0 : 1), skipped: report.numPendingTests + report.numTodoTests };
} catch {
  // vitest died before writing its report: counted as one failure above
}

const driver = run('Lua driver (busted, luacheck, luac)', process.execPath, [join(root, 'scripts', 'test-driver.mjs')]);
const last = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/.exec(driver.stdout.trim());
const lua = last ? { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3] ?? 0) } : { passed: 0, failed: 1, skipped: 0 };
if (driver.status !== 0 && lua.failed === 0) lua.failed = 1;
rmSync(work, { recursive: true, force: true });

const line = (s) => `${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`;
console.log('\n=== npm test summary');
console.log(`TypeScript (vitest): ${line(ts)}${vitest.status === 0 ? '' : '  ← FAILED'}`);
console.log(`Lua driver:          ${line(lua)}${driver.status === 0 ? '' : '  ← FAILED'}`);
const total = { passed: ts.passed + lua.passed, failed: ts.failed + lua.failed, skipped: ts.skipped + lua.skipped };
console.log(line(total));
process.exit(vitest.status === 0 && driver.status === 0 ? 0 : 1);
