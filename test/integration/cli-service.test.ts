// `netatmo-bridge service`: the dry run prints a unit for this node and this package that
// systemd-analyze accepts; refusals are clear (no systemd, not Linux, not root → the exact sudo
// command); install, uninstall and status drive systemctl in the right order (a fake machine).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import type { ParsedArgs } from '../../src/cli/args.js';
import type { CliIo } from '../../src/cli/io.js';
import { serviceMain } from '../../src/cli/service.js';
import type { RunResult, ServiceSystem } from '../../src/cli/service-system.js';
import { runCliInProcess } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/spawned-bridge.js';

const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;

function verify(unit: string): { status: number | null; problems: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'unit-'));
  try {
    const file = path.join(dir, 'netatmo-bridge.service');
    writeFileSync(file, unit);
    const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    return { status: result.status, problems: result.stderr.split('\n').filter((l) => l.includes('netatmo-bridge.service')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fakeMachine(overrides: Partial<ServiceSystem> = {}, answers: Record<string, RunResult> = {}) {
  const calls: string[] = [];
  const files = new Map<string, string>();
  const system: ServiceSystem = {
    platform: 'linux',
    hasSystemd: () => true,
    isRoot: () => true,
    run: (command, args) => {
      const line = [command, ...args].join(' ');
      calls.push(line);
      return answers[line] ?? { status: 0, stdout: '', stderr: '' };
    },
    exists: (file) => files.has(file),
    readText: (file) => files.get(file) ?? null,
    writeText: (file, text) => {
      calls.push(`write ${file}`);
      files.set(file, text);
    },
    copy: (from, to) => {
      calls.push(`copy ${path.basename(from)} ${to}`);
      files.set(to, '');
    },
    mkdir: (dir) => {
      calls.push(`mkdir ${dir}`);
      files.set(dir, '');
    },
    chown: (file, user) => calls.push(`chown ${user} ${file}`),
    remove: (file) => {
      calls.push(`remove ${file}`);
      files.delete(file);
    },
    realpath: (file) => file,
    ...overrides,
  };
  return { system, calls, files };
}

function io(): { io: CliIo; out: () => string; err: () => string } {
  const chunks = { out: '', err: '' };
  const sink = (key: 'out' | 'err') => new Writable({ write: (c: Buffer, _e, done) => ((chunks[key] += c.toString('utf8')), done()) });
  return { io: { stdout: sink('out'), stderr: sink('err'), stdin: new PassThrough(), env: {}, cwd: '/', interactive: false }, out: () => chunks.out, err: () => chunks.err };
}

const args = (action: string, values: ParsedArgs['values'] = {}): ParsedArgs => ({ positionals: [action], values, help: false });

describe('netatmo-bridge service install --dry-run', () => {
  it('prints the hardened unit with this node, this package and the service data directory', async () => {
    const run = await runCliInProcess(['service', 'install', '--dry-run'], {}, os.tmpdir());
    expect(run.code).toBe(0);
    const unit = run.stdout;
    expect(unit).toContain(`ExecStart=${realpathSync(process.execPath)} ${realpathSync(REPO_ROOT)}/dist/main.js`);
    expect(unit).toContain(`WorkingDirectory=${realpathSync(REPO_ROOT)}`);
    expect(unit).toMatch(/^User=netatmo-bridge$/m);
    expect(unit).toMatch(/^Environment=DATA_DIR=\/var\/lib\/netatmo-bridge$/m);
    expect(unit).toMatch(/^StateDirectory=netatmo-bridge$/m);
    expect(unit).toMatch(/^EnvironmentFile=-\/etc\/netatmo-bridge\/bridge.env$/m);
    expect(unit).toMatch(/^SystemCallFilter=@system-service @pkey$/m);
    expect(unit).toMatch(/^SystemCallErrorNumber=EPERM$/m);
    expect(unit).toMatch(/^StartLimitBurst=\d+$/m);
    expect(run.stderr).toMatch(/dry run: nothing changed/);
  });

  it('takes --user and --data-dir (a directory outside /var/lib becomes ReadWritePaths)', async () => {
    const run = await runCliInProcess(['service', 'install', '--dry-run', '--user', 'pi', '--data-dir', '/srv/netatmo'], {}, os.tmpdir());
    expect(run.stdout).toMatch(/^User=pi$/m);
    expect(run.stdout).toMatch(/^ReadWritePaths=\/srv\/netatmo$/m);
    expect(run.stdout).toMatch(/^Environment=DATA_DIR=\/srv\/netatmo$/m);
    expect(run.stdout).not.toMatch(/^StateDirectory=/m);
  });

  it.skipIf(!analyze)('passes systemd-analyze verify, default and custom', async () => {
    for (const extra of [[], ['--user', 'pi', '--data-dir', '/srv/netatmo']]) {
      const run = await runCliInProcess(['service', 'install', '--dry-run', ...extra], {}, os.tmpdir());
      const verdict = verify(run.stdout);
      expect(verdict.problems).toEqual([]);
      expect(verdict.status).toBe(0);
    }
  });
});

describe('netatmo-bridge service refuses clearly', () => {
  it('where systemd is not running', () => {
    const { system, calls } = fakeMachine({ hasSystemd: () => false });
    const out = io();
    expect(serviceMain(args('install'), out.io, system)).toBe(1);
    expect(out.err()).toMatch(/systemd is not running on this machine \(no \/run\/systemd\/system\)/);
    expect(calls).toEqual([]);
  });

  it('on another system than Linux', () => {
    const out = io();
    expect(serviceMain(args('status'), out.io, fakeMachine({ platform: 'darwin' }).system)).toBe(1);
    expect(out.err()).toMatch(/needs Linux \(this is darwin\)/);
  });

  it('without root, with the exact sudo command', () => {
    const { system, calls } = fakeMachine({ isRoot: () => false });
    const out = io();
    expect(serviceMain(args('install', { user: 'pi' }), out.io, system)).toBe(1);
    expect(out.err()).toContain(`needs root. Run:\n  sudo ${process.execPath} ${path.join(REPO_ROOT, 'dist', 'cli', 'main.js')} service install --user pi`);
    expect(calls).toEqual([]);
  });

  it('on this machine when it has no systemd (the real check)', async () => {
    const run = await runCliInProcess(['service', 'install'], {}, os.tmpdir());
    if (spawnSync('test', ['-d', '/run/systemd/system']).status === 0) return; // a systemd machine: nothing to refuse
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/systemd is not running/);
  });
});

describe('netatmo-bridge service on a (fake) systemd machine', () => {
  it('install creates the user, settings, unit, then reloads, enables and restarts', () => {
    const { system, calls, files } = fakeMachine({}, { 'id -u netatmo-bridge': { status: 1, stdout: '', stderr: 'no such user' } });
    const out = io();
    expect(serviceMain(args('install'), out.io, system)).toBe(0);
    expect(calls).toEqual([
      'id -u netatmo-bridge',
      'useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin netatmo-bridge',
      'mkdir /etc/netatmo-bridge',
      'chown root:netatmo-bridge /etc/netatmo-bridge',
      'copy .env.example /etc/netatmo-bridge/bridge.env',
      'chown root:netatmo-bridge /etc/netatmo-bridge/bridge.env',
      expect.stringMatching(/^runuser -u netatmo-bridge -- test -r .*dist\/main.js -a -x /),
      'write /etc/systemd/system/netatmo-bridge.service',
      'systemctl daemon-reload',
      'systemctl enable netatmo-bridge',
      'systemctl restart netatmo-bridge',
    ]);
    expect(files.get('/etc/systemd/system/netatmo-bridge.service')).toMatch(/^ExecStart=/m);
    expect(out.out()).toMatch(/The bridge runs as a service now/);
  });

  it('install stops with the reason when systemctl fails', () => {
    const { system } = fakeMachine({}, { 'systemctl restart netatmo-bridge': { status: 1, stdout: '', stderr: 'Job failed.' } });
    const out = io();
    expect(serviceMain(args('install'), out.io, system)).toBe(1);
    expect(out.err()).toMatch(/Install stopped at systemctl restart netatmo-bridge: systemctl restart netatmo-bridge failed: Job failed\. \(see journalctl -u netatmo-bridge\)/);
  });

  it('status and uninstall read the installed unit; uninstall keeps data and settings', () => {
    const { system, calls, files } = fakeMachine({}, { 'systemctl is-active netatmo-bridge': { status: 0, stdout: 'active\n', stderr: '' }, 'systemctl is-enabled netatmo-bridge': { status: 0, stdout: 'enabled\n', stderr: '' } });
    const none = io();
    expect(serviceMain(args('status'), none.io, system)).toBe(1);
    expect(none.out()).toMatch(/Not installed .* sudo netatmo-bridge service install/);
    expect(serviceMain(args('install'), io().io, system)).toBe(0);
    const status = io();
    expect(serviceMain(args('status'), status.io, system)).toBe(0);
    expect(status.out()).toMatch(/Service netatmo-bridge: active, starts at boot\.\nRuns: .*dist\/main.js as netatmo-bridge; data: \/var\/lib\/netatmo-bridge; settings: \/etc\/netatmo-bridge\/bridge.env/);
    calls.length = 0;
    const gone = io();
    expect(serviceMain(args('uninstall'), gone.io, system)).toBe(0);
    expect(calls).toEqual(['systemctl disable --now netatmo-bridge', 'remove /etc/systemd/system/netatmo-bridge.service', 'systemctl daemon-reload']);
    expect(gone.out()).toMatch(/Kept: the data in \/var\/lib\/netatmo-bridge and the settings in \/etc\/netatmo-bridge\/bridge.env/);
    expect(files.has('/etc/systemd/system/netatmo-bridge.service')).toBe(false);
  });
});
