// The deployment files, checked without a Docker engine or a running systemd: the Dockerfile with
// a Dockerfile linter (dockerfile-utils) and its parser, docker-compose.yml as YAML, the systemd
// unit as INI plus `systemd-analyze verify` where it exists, and the CLI entry in package.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { renderServiceUnit, SOURCE_INSTALL_UNIT } from '../../../src/cli/service-unit.js';
import { REPO_ROOT } from '../../helpers/spawned-bridge.js';
import { allowedSyscalls } from '../../helpers/syscalls.js';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const dockerfile = DockerfileParser.parse(text);
  const lines = text.split('\n');
  // args without flags (as the parser gives them) and the instruction's first line with flags.
  const instructions = dockerfile.getInstructions().map((i) => ({ keyword: i.getKeyword(), args: i.getArgumentsContent() ?? '', line: lines[i.getRange().start.line] ?? '' }));
  const runtimeStart = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  const runtime = instructions.slice(runtimeStart);

  it('passes the linter with no error or warning (and the linter does catch a broken file)', () => {
    expect(validate(text)).toEqual([]);
    expect(validate('FROM node:22-slim\nCOPY\nHEALTHCHECK CMD\nEXPOSE abc\n').length).toBeGreaterThan(0);
  });

  it('is multi-stage on a slim Node 22/24 image; the runtime stage gets production dependencies only', () => {
    const froms = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    expect(froms).toHaveLength(2);
    for (const from of froms) expect(from).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim AS \w+$/);
    expect(instructions.find((i) => i.keyword === 'ARG')?.args).toMatch(/^NODE_VERSION=(22|24)$/);
    expect(runtime.find((i) => i.keyword === 'RUN')?.args).toMatch(/npm ci --omit=dev/);
    expect(runtime.some((i) => i.keyword === 'COPY' && i.line.includes('--from=build') && i.args.includes('/app/dist'))).toBe(true);
  });

  it('runs as a non-root user with the data on a volume, a node-based healthcheck and node dist/main.js', () => {
    const user = runtime.find((i) => i.keyword === 'USER')?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)$/);
    expect(runtime.find((i) => i.keyword === 'VOLUME')?.args).toContain('/data');
    expect(runtime.find((i) => i.keyword === 'ENV')?.args).toMatch(/DATA_DIR=\/data/);
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toMatch(/CMD \["node", "-e", .*\/healthz/);
    expect(healthcheck).not.toMatch(/curl|wget/);
    expect(runtime.at(-1)).toMatchObject({ keyword: 'CMD', args: '["node", "dist/main.js"]' });
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    const sources = instructions
      .filter((i) => i.keyword === 'COPY' && !i.line.includes('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'tsconfig.build.json', 'src']));
    for (const source of sources) {
      expect(existsSync(path.join(REPO_ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.env', 'data', '.git']));
  });
});

describe('docker-compose.yml', () => {
  it('parses, uses host networking (explained), the .env file, a data volume and a restart policy', () => {
    const text = read('docker-compose.yml');
    const compose = parseYaml(text) as { services: Record<string, Record<string, unknown>>; volumes: Record<string, unknown> };
    const service = compose.services['netatmo-bridge'];
    expect(service).toBeDefined();
    expect(service?.restart).toBe('unless-stopped');
    expect(service?.network_mode).toBe('host');
    expect(text).toMatch(/SSDP[\s\S]*multicast/); // the comment that says why
    expect(service?.env_file).toEqual(['.env']);
    expect(service?.environment).toMatchObject({ DATA_DIR: '/data' });
    expect(service?.volumes).toEqual(['bridge-data:/data']);
    expect(Object.keys(compose.volumes)).toEqual(['bridge-data']);
    expect(service?.build).toBe('.');
  });
});

function parseUnit(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1] ?? '';
      continue;
    }
    const eq = line.indexOf('=');
    const key = `${section}.${line.slice(0, eq)}`;
    entries.set(key, [...(entries.get(key) ?? []), line.slice(eq + 1)]);
  }
  return entries;
}

describe('deploy/netatmo-bridge.service', () => {
  const text = read('deploy/netatmo-bridge.service');
  const unit = parseUnit(text);
  const one = (key: string) => unit.get(key)?.at(-1);

  it('restarts always, runs as its own user with its state directory as DATA_DIR', () => {
    expect(one('Service.Restart')).toBe('always');
    expect(one('Service.User')).toBe('netatmo-bridge');
    expect(one('Service.StateDirectory')).toBe('netatmo-bridge');
    expect(unit.get('Service.Environment')).toContain('DATA_DIR=/var/lib/netatmo-bridge');
    expect(one('Service.ExecStart')).toBe('/usr/bin/node /opt/netatmo-bridge/dist/main.js');
    expect(one('Service.Type')).toBe('simple'); // no sd_notify without a native module
    expect(one('Install.WantedBy')).toBe('multi-user.target');
  });

  it('is hardened', () => {
    expect(one('Service.ProtectSystem')).toBe('strict');
    for (const key of ['ProtectHome', 'NoNewPrivileges', 'PrivateTmp', 'PrivateDevices', 'RestrictSUIDSGID']) expect(one(`Service.${key}`), key).toBe('yes');
    expect(one('Service.RestrictAddressFamilies')).toBe('AF_INET AF_INET6 AF_UNIX AF_NETLINK');
    expect(one('Service.CapabilityBoundingSet')).toBe('');
  });

  it('is the unit "netatmo-bridge service install" writes, rendered for a source install in /opt', () => {
    expect(text).toBe(renderServiceUnit(SOURCE_INSTALL_UNIT));
  });

  it('lets Node start under the system call filter: @pkey allowed, EPERM instead of a kill, a start limit', () => {
    expect(unit.get('Service.SystemCallFilter')).toEqual(['@system-service @pkey', '~@privileged @resources']);
    expect(one('Service.SystemCallErrorNumber')).toBe('EPERM');
    expect(Number(one('Unit.StartLimitIntervalSec'))).toBeGreaterThan(0);
    expect(Number(one('Unit.StartLimitBurst'))).toBeGreaterThan(0);
  });

  const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;
  it.skipIf(!analyze)('allows pkey_alloc, which Node 20+ calls at start (systemd-analyze syscall-filter)', () => {
    expect(allowedSyscalls(unit.get('Service.SystemCallFilter') ?? [])).toContain('pkey_alloc');
  });

  it.skipIf(!analyze)('passes systemd-analyze verify (paths pointed at this checkout)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'unit-'));
    try {
      const local = text.replaceAll('/usr/bin/node', process.execPath).replaceAll('/opt/netatmo-bridge', REPO_ROOT);
      const file = path.join(dir, 'netatmo-bridge.service');
      writeFileSync(file, local);
      const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
      expect(result.stderr.split('\n').filter((l) => l.includes('netatmo-bridge.service'))).toEqual([]);
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('package.json CLI entry', () => {
  it('bin and the npm scripts point at the compiled CLI, which the build emits from src/cli/main.ts', () => {
    const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin['netatmo-bridge']).toBe('dist/cli/main.js');
    expect(existsSync(path.join(REPO_ROOT, 'src/cli/main.ts'))).toBe(true);
    for (const command of ['status', 'pair', 'doctor', 'auth']) expect(pkg.scripts[command]).toBe(`node dist/cli/main.js ${command}`);
    expect(read('src/cli/main.ts').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const build = JSON.parse(read('tsconfig.build.json')) as { compilerOptions: { rootDir: string; outDir: string } };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    expect(execFileSync(process.execPath, ['-e', 'process.stdout.write("ok")']).toString()).toBe('ok');
  });
});
