// Every CLI command parses its arguments strictly: an unknown option
// is an error that names it (with a near miss suggested) and runs nothing; --help prints the
// command's help and never runs it; `netatmo-bridge --help` lists every command. Piping a command
// into `head` ends quietly (no EPIPE stack trace).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { closedLoopbackPort, runCliInProcess } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/spawned-bridge.js';

const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

describe('netatmo-bridge arguments', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cli-args-'));
    const closed = await closedLoopbackPort();
    env = { DATA_DIR: path.join(dir, 'data'), PORT: String(closed), HOST: '127.0.0.1', SSDP: 'off', SIMULATOR: 'off', NETATMO_API_URL: `http://127.0.0.1:${closed}` };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--help lists every command, including start, demo, service, export, import and diagnostics', async () => {
    const run = await runCliInProcess(['--help'], env, dir);
    expect(run.code).toBe(0);
    for (const name of ['start', 'demo', 'status', 'pair', 'doctor', 'auth', 'service', 'export', 'import', 'diagnostics', 'help']) expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(COMMANDS.map((c) => c.name)).toEqual(['start', 'demo', 'status', 'pair', 'doctor', 'auth', 'service', 'export', 'import', 'diagnostics']);
  });

  it.each([
    ['doctor', ['doctor', '--refersh'], 'unknown option --refersh (did you mean --refresh?)'],
    ['status', ['status', '--ulr', 'http://127.0.0.1:1'], 'unknown option --ulr (did you mean --url?)'],
    ['pair', ['pair', '--force'], 'unknown option --force'],
    ['auth', ['auth', '--redirect_uri=http://x'], 'unknown option --redirect_uri (did you mean --redirect-uri?)'],
    ['service', ['service', 'install', '--dryrun'], 'unknown option --dryrun (did you mean --dry-run?)'],
    ['start', ['start', '--demo'], 'unknown option --demo'],
    ['doctor (value on a switch)', ['doctor', '--refresh=yes'], '--refresh takes no value'],
    ['status (missing value)', ['status', '--url'], '--url needs a value'],
    ['status (stray word)', ['status', 'now'], 'unexpected "now"'],
  ])('%s: refuses and runs nothing', async (name, argv, message) => {
    const run = await runCliInProcess(argv, env, dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/Run "netatmo-bridge \w+ --help" for the options\./);
    await expect(readdir(dir)).resolves.toEqual([]); // no data directory created
  });

  it.each(COMMANDS.map((c) => [c.name]))('%s --help prints its usage and options and runs nothing', async (name) => {
    for (const argv of [[name, '--help'], [name, '-h'], ['help', name]]) {
      const run = await runCliInProcess(argv, env, dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: netatmo-bridge ${name}`));
      expect(run.stdout).toMatch(/--help, -h +show this help and do nothing else/);
      expect(run.stderr).toBe('');
    }
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('auth --help documents --redirect-uri and does not ask for anything', async () => {
    const run = await runCliInProcess(['auth', '--help'], env, dir);
    expect(run.stdout).toMatch(/--redirect-uri URI +redirect URI registered on your Netatmo app \(default http:\/\/localhost\)/);
    expect(run.stdout).not.toContain('Client id');
  });

  it('npm start\'s entry (src/main.ts) refuses unknown options and prints help without starting', () => {
    const main = path.join(REPO_ROOT, 'src/main.ts');
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', TSX_LOADER, main, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, ...env }, encoding: 'utf8', timeout: 60_000 });
    const typo = run(['--dmeo']);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain('unknown option --dmeo (did you mean --demo?)');
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--demo +run against the built-in simulated home/);
  }, 70_000);

  it('piping into head ends quietly: no EPIPE stack trace, exit 0', () => {
    const cli = path.join(REPO_ROOT, 'src/cli/main.ts');
    const result = spawnSync('bash', ['-c', `"${process.execPath}" --import "${TSX_LOADER}" "${cli}" doctor | head -1; echo "rc=\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(result.stderr.trim()).toMatch(/rc=(0|1)$/);
  }, 70_000);
});
