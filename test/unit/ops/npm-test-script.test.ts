// `npm test` runs BOTH suites and fails when either fails: a failing vitest run no longer hides the
// Lua driver suite (it used to be `vitest run && npm run test:driver`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/spawned-bridge.js';

function runNpmTest(testBody: string): { status: number | null; stdout: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'npm-test-script-'));
  try {
    writeFileSync(path.join(dir, 'probe.test.mjs'), `import { it, expect } from 'vitest';\nit('probe', () => { ${testBody} });\n`);
    writeFileSync(path.join(dir, 'vitest.config.mjs'), `export default { test: { root: ${JSON.stringify(dir)}, include: ['probe.test.mjs'] } };\n`);
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/test-all.mjs'), '--config', path.join(dir, 'vitest.config.mjs')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm test', () => {
  it('is the script that runs both suites', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toBe('node scripts/test-all.mjs');
  });

  it('still runs the Lua suite when vitest fails, reports both and fails', () => {
    const run = runNpmTest('expect(1).toBe(2);');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/=== Lua driver/);
    expect(run.stdout).toMatch(/TypeScript \(vitest\): 0 passed, 1 failed {2}← FAILED/);
    expect(run.stdout).toMatch(/Lua driver: +\d+ passed, 0 failed\n/);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 1 failed$/);
  }, 130_000);

  it('passes when both pass, with one closing line over both', () => {
    const run = runNpmTest('expect(1).toBe(1);');
    expect(run.status).toBe(0);
    const lua = /Lua driver: +(\d+) passed/.exec(run.stdout)?.[1];
    expect(Number(lua)).toBeGreaterThan(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe(`${Number(lua) + 1} passed, 0 failed`);
  }, 130_000);
});
