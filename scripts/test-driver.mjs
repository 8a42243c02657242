#!/usr/bin/env node
// Checks the SmartThings Edge driver (driver/): `luac5.3 -p` on every .lua file, luacheck with
// driver/.luacheckrc, then the busted specs (driver/.busted) with busted's JSON output handler.
// The last line is always "N passed, N failed" (", N skipped" when specs are pending); a syntax
// or lint problem counts as a failure. Exit code 0 only when nothing failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const driverDir = join(root, 'driver');
const INSTALL_HINT =
  'Run .ci/run, or install them: apt-get update && apt-get install -y lua5.3 lua-busted lua-check lua-socket lua-dkjson';

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: driverDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

function findTool(candidates) {
  for (const name of candidates) {
    const probe = spawnSync(name, ['-v'], { encoding: 'utf8' });
    if (!probe.error) return name;
  }
  return null;
}

function luaFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...luaFiles(path));
    else if (entry.name.endsWith('.lua')) files.push(path);
  }
  return files.sort();
}

/** busted -o json prints one JSON document; other output (a stray print) may come before it. */
function parseBustedJson(stdout) {
  const lines = stdout.split('\n').filter((line) => line.trim().startsWith('{'));
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    try {
      const parsed = JSON.parse(lines[i]);
      if (Array.isArray(parsed.successes)) return parsed;
    } catch {
      // not the summary line
    }
  }
  return null;
}

const tools = {
  luac: findTool(['luac5.3', 'luac']),
  luacheck: findTool(['luacheck']),
  busted: findTool(['busted']),
};
const missing = Object.entries(tools).filter(([, path]) => path === null).map(([name]) => name);
if (missing.length > 0) {
  console.error(`test:driver: missing Lua tools: ${missing.join(', ')}. ${INSTALL_HINT}`);
  process.exit(2);
}

let failed = 0;

// 1. Syntax of every Lua file (driver sources, fakes, specs, e2e script).
const files = luaFiles(driverDir);
let syntaxErrors = 0;
for (const file of files) {
  const result = run(tools.luac, ['-p', '-o', '/dev/null', file]);
  if (result.status !== 0) {
    syntaxErrors += 1;
    console.error(result.stderr.trim() || `${relative(root, file)}: luac failed`);
  }
}
failed += syntaxErrors;
console.log(`luac -p: ${files.length - syntaxErrors}/${files.length} files OK`);

// 2. Lint.
const lint = run(tools.luacheck, ['--no-color', '--formatter', 'plain', '.']);
if (lint.status !== 0) {
  const problems = lint.stdout.split('\n').filter((line) => line.trim() !== '');
  console.error(problems.join('\n') || lint.stderr);
  failed += Math.max(1, problems.length);
  console.log(`luacheck: ${problems.length} problem(s)`);
} else {
  console.log('luacheck: clean');
}

// 3. Specs.
const specs = run(tools.busted, ['-o', 'json']);
const report = parseBustedJson(specs.stdout);
let passed = 0;
let skipped = 0;
if (!report) {
  console.error(specs.stdout, specs.stderr);
  console.error('busted: no JSON report (did the specs crash?)');
  failed += 1;
} else {
  passed = report.successes.length;
  skipped = report.pendings.length;
  const broken = [...report.failures, ...report.errors];
  for (const item of broken) {
    const where = item.trace ? `${item.trace.short_src}:${item.trace.currentline}` : '';
    console.error(`FAIL ${item.name} ${where}\n  ${String(item.message).split('\n').join('\n  ')}`);
  }
  failed += broken.length;
  if (passed + broken.length === 0) {
    console.error('busted: no specs found');
    failed += 1;
  }
  console.log(`busted: ${passed} specs passed, ${broken.length} failed, ${skipped} pending`);
}

console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
