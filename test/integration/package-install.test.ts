// The package as an owner gets it: `npm pack` (prepack builds a fresh dist/ from a clean copy of
// the sources), `npm install -g --prefix <tmp> <tarball>` (dependencies from the registry), then
// the installed `netatmo-bridge`: --help, a demo start from an empty folder with its data in the
// per-user directory, doctor and status against it, SIGTERM. Under strace (when present) the
// installed bridge makes only system calls the systemd unit's filter allows.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderServiceUnit, SOURCE_INSTALL_UNIT } from '../../src/cli/service-unit.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { closedLoopbackPort } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/spawned-bridge.js';
import { allowedSyscalls } from '../helpers/syscalls.js';

const INSTALL_TIMEOUT_MS = 6 * 60_000;
/** What the sources need to build and pack; nothing of the working tree's dist/ or data. */
const SOURCES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'docs', 'driver', 'deploy', '.env.example', 'LICENSE', 'README.md'];

let work: string;
let tarball: string;
let bin: string;
let simulator: RunningSimulator;

function sh(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`);
  return result.stdout;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'pack-install-'));
  const stage = path.join(work, 'stage');
  for (const entry of SOURCES) cpSync(path.join(REPO_ROOT, entry), path.join(stage, entry), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(stage, 'node_modules'));
  const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work], stage)) as Array<{ filename: string }>;
  tarball = path.join(work, packed[0]?.filename ?? '');
  sh('npm', ['install', '-g', '--prefix', path.join(work, 'prefix'), tarball, '--no-audit', '--no-fund', '--loglevel=error'], work);
  bin = path.join(work, 'prefix', 'bin', 'netatmo-bridge');
  simulator = await startSimulator({ rateLimits: false });
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await simulator?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A user with an empty home and an empty working directory; loopback only, no SSDP. */
function userEnv(home: string, port: number): Record<string, string> {
  return {
    PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    SSDP: 'off',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_FORMAT: 'json',
    NETATMO_API_URL: simulator.url,
  };
}

/** Runs the installed command without blocking this process (the simulator answers from here). */
function runBin(args: string[], env: Record<string, string>, cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function startDemo(command: string[], env: Record<string, string>, cwd: string): { child: ChildProcess; output: () => string; port: Promise<number> } {
  const child = spawn(command[0] ?? bin, command.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const found = /"port":(\d+)/.exec(output);
      if (found) resolve(Number(found[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the bridge exited (${code}) before it listened:\n${output}`)));
  });
  return { child, output: () => output, port };
}

/** SIGTERM to the bridge itself (under strace the child is strace; the traced node is the trace's first pid). */
async function stop(demo: { child: ChildProcess }, trace?: string): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => demo.child.once('exit', (code) => resolve(code)));
  const pid = trace ? Number(/^(\d+) /.exec(readFileSync(trace, 'utf8'))?.[1]) : demo.child.pid;
  if (!pid) throw new Error('no process to stop');
  process.kill(pid, 'SIGTERM');
  return exited;
}

describe('the npm package', () => {
  it('holds only what runs: dist/, the driver, docs, profiles, LICENSE, README, .env.example, the unit', () => {
    const files = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const needed of ['package.json', 'LICENSE', 'README.md', '.env.example', 'dist/main.js', 'dist/cli/main.js', 'dist/web/assets/app.css', 'dist/simulator/index.js', 'driver/config.yml', 'driver/src/init.lua', 'driver/profiles/netatmo-room.yml', 'docs/lan-api.md', 'docs/operations.md', 'deploy/netatmo-bridge.service']) {
      expect(files, needed).toContain(needed);
    }
    const allowed = /^(package\.json|LICENSE|README\.md|\.env\.example|dist\/.+\.js|dist\/smartthings\/profiles\/.+\.json|dist\/web\/assets\/.+|driver\/(config\.yml|search-parameters\.yml|README\.md|profiles\/.+\.yml|src\/.+\.lua)|docs\/[^/]+\.md|deploy\/netatmo-bridge\.service)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.map') || f.includes('driver/tests'))).toBe(false);
  });

  it('the installed netatmo-bridge --help lists every command and runs nothing', async () => {
    const run = await runBin(['--help'], userEnv(path.join(work, 'nobody'), 1), work);
    expect(run.status).toBe(0);
    for (const name of ['start', 'demo', 'status', 'pair', 'doctor', 'auth', 'service']) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(existsSync(path.join(work, 'nobody'))).toBe(false);
    expect((await runBin(['doctor', '--refersh'], userEnv(work, 1), work)).stderr).toContain('unknown option --refersh (did you mean --refresh?)');
  });

  it('starts the demo from an empty folder with its data per user; doctor and status say it is simulated; SIGTERM stops it', async () => {
    const home = path.join(work, 'home');
    const empty = path.join(work, 'empty');
    mkdirSync(home);
    mkdirSync(empty);
    const env = userEnv(home, await closedLoopbackPort());
    const demo = startDemo([bin, 'demo'], env, empty);
    try {
      const port = await demo.port;
      expect(port).toBe(Number(env.PORT));
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(existsSync(path.join(home, '.local/share/netatmo-bridge/bridge.json'))).toBe(true);
      expect(spawnSync('ls', [empty], { encoding: 'utf8' }).stdout).toBe(''); // nothing written to the working directory

      const doctor = await runBin(['doctor'], env, empty);
      expect(doctor.stdout).toContain(`Data file ${path.join(home, '.local/share/netatmo-bridge/bridge.json')}`);
      expect(doctor.stdout).toMatch(/ok +Netatmo login: .*simulated demo home/);
      expect(doctor.stdout).not.toMatch(/^FIX/m);
      expect(doctor.status).toBe(0);

      const status = await runBin(['status'], env, empty);
      expect(status.stdout).toMatch(/SIMULATED demo home/);
      expect(readFileSync(path.join(home, '.local/share/netatmo-bridge/bridge.json'), 'utf8')).toContain('lanToken');
    } finally {
      expect(await stop(demo)).toBe(0);
    }
  }, 90_000);

  const strace = spawnSync('strace', ['-V']).status === 0 && spawnSync('systemd-analyze', ['--version']).status === 0;
  it.skipIf(!strace)('makes only system calls the systemd unit allows (strace of a demo run)', async () => {
    const home = mkdtempSync(path.join(work, 'strace-home-'));
    const trace = path.join(work, 'strace.txt');
    const env = userEnv(home, await closedLoopbackPort());
    const demo = startDemo(['strace', '-f', '-qq', '-o', trace, bin, 'demo'], env, home);
    try {
      const base = `http://127.0.0.1:${await demo.port}`;
      for (const route of ['/healthz', '/metrics', '/', '/status.json', '/api/v1/description']) expect((await fetch(`${base}${route}`)).status).toBe(200);
    } finally {
      expect(await stop(demo, trace)).toBe(0);
    }
    const unitLines = renderServiceUnit(SOURCE_INSTALL_UNIT).split('\n').filter((l) => l.startsWith('SystemCallFilter=')).map((l) => l.slice('SystemCallFilter='.length));
    const allowed = allowedSyscalls(unitLines);
    const used = new Set(readFileSync(trace, 'utf8').split('\n').map((l) => /^\d+\s+(?:<\.\.\. )?([a-z0-9_]+)[( ]/.exec(l)?.[1]).filter((s): s is string => Boolean(s)));
    expect(used.size).toBeGreaterThan(20);
    expect(used).toContain('pkey_alloc');
    expect([...used].filter((call) => !allowed.has(call) && call !== 'execve')).toEqual([]);
  }, 90_000);
});
