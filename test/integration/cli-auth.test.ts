// `auth` as a user runs it on a headless machine: the real CLI process prints the authorize
// address, the "browser" (this test) allows access on the simulator's consent page, and the
// address it lands on is pasted into the CLI's stdin. The tokens end up in the data file.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { openFileStore } from '../../src/store/index.js';
import { silentLogger } from '../../src/util/logger.js';
import { cliEnv } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/spawned-bridge.js';

const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

function spawnCli(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** What a browser does on the consent page: POST "allow" and return the redirect's Location. */
async function allowInBrowser(authorizeUrl: string): Promise<string> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const url = new URL(authorizeUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set('decision', 'allow');
  const answer = await fetch(`${url.origin}/oauth2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  expect(answer.status).toBe(302);
  return answer.headers.get('location') ?? '';
}

describe('netatmo-bridge auth', () => {
  let dir: string;
  let simulator: RunningSimulator;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cli-auth-'));
    simulator = await startSimulator({ rateLimits: false });
    env = await cliEnv(path.join(dir, 'data'), simulator);
  });
  afterEach(async () => {
    await simulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('connects Netatmo from a pasted redirect address and stores the tokens', async () => {
    const cli = spawnCli(['auth'], env, dir);
    const authorizeUrl = await vi.waitFor(
      () => {
        const match = /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize\?\S+)/.exec(cli.stdout());
        expect(match).not.toBeNull();
        return match?.[1] ?? '';
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(new URL(authorizeUrl).searchParams.get('redirect_uri')).toBe('http://localhost');
    const landedOn = await allowInBrowser(authorizeUrl);
    expect(landedOn).toMatch(/^http:\/\/localhost\/?\?code=/);
    cli.child.stdin.end(`${landedOn}\n`);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(/Connected to Netatmo/);

    const data = JSON.parse(await readFile(path.join(dir, 'data', 'bridge.json'), 'utf8')) as { netatmo: { tokens: { refreshToken: string; accessToken: string } | null } };
    const tokens = data.netatmo.tokens;
    expect(tokens?.refreshToken).toBeTruthy();
    expect(simulator.calls.list({ endpoint: 'oauth2/token' }).map((c) => c.params.grant_type)).toEqual(['authorization_code']);
    // Nothing secret on the terminal.
    for (const secret of [tokens?.refreshToken ?? '', tokens?.accessToken ?? '', simulator.clientSecret]) {
      expect(cli.stdout() + cli.stderr()).not.toContain(secret);
    }
  }, 30_000);

  it('takes the data file lock like every writer: waits while another process holds it, then saves', async () => {
    const store = await openFileStore({ dataDir: path.join(dir, 'data'), logger: silentLogger() });
    const before = await readFile(store.filePath, 'utf8');
    const cli = spawnCli(['auth'], env, dir);
    const authorizeUrl = await vi.waitFor(() => /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize\?\S+)/.exec(cli.stdout())?.[1] ?? Promise.reject(new Error('no address yet')), { timeout: 15_000, interval: 50 });
    // Another writer (a bridge in the middle of a save) holds the lock from now on.
    const release = await lockfile.lock(store.filePath, { lockfilePath: `${store.filePath}.lock`, realpath: false, stale: 3_000 });
    cli.child.stdin.end(`${await allowInBrowser(authorizeUrl)}\n`);
    await vi.waitFor(() => expect(simulator.calls.count('oauth2/token')).toBe(1), { timeout: 15_000, interval: 20 });

    // Netatmo has answered; the CLI must not write beside the lock holder.
    const exitedWhileLocked = await Promise.race([cli.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_500))]);
    expect(exitedWhileLocked).toBe(false);
    expect(await readFile(store.filePath, 'utf8')).toBe(before);

    await release();
    expect(await cli.exited).toBe(0);
    const data = JSON.parse(await readFile(store.filePath, 'utf8')) as { netatmo: { tokens: { refreshToken: string } | null } };
    expect(data.netatmo.tokens?.refreshToken).toBeTruthy();
  }, 30_000);

  it('asks for a missing client id and secret, uses --redirect-uri, and saves both with the tokens', async () => {
    const bare = { ...env };
    delete bare.NETATMO_CLIENT_ID;
    delete bare.NETATMO_CLIENT_SECRET;
    const redirect = 'http://127.0.0.1:5000/oauth/callback'; // the simulator accepts loopback redirects only
    const cli = spawnCli(['auth', '--redirect-uri', redirect], bare, dir);
    cli.child.stdin.write(`${simulator.clientId}\n${simulator.clientSecret}\n`);
    const authorizeUrl = await vi.waitFor(
      () => {
        const match = /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize\?\S+)/.exec(cli.stdout());
        expect(match).not.toBeNull();
        return match?.[1] ?? '';
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(cli.stdout()).toContain('No Netatmo client id and secret are set');
    expect(new URL(authorizeUrl).searchParams.get('redirect_uri')).toBe(redirect);
    expect(new URL(authorizeUrl).searchParams.get('client_id')).toBe(simulator.clientId);
    const landedOn = await allowInBrowser(authorizeUrl);
    expect(landedOn.startsWith(`${redirect}?`)).toBe(true);
    cli.child.stdin.end(`${landedOn}\n`);
    expect(await cli.exited).toBe(0);
    const data = JSON.parse(await readFile(path.join(dir, 'data', 'bridge.json'), 'utf8')) as { netatmo: { credentials: { clientId: string } | null; tokens: unknown } };
    expect(data.netatmo.credentials?.clientId).toBe(simulator.clientId);
    expect(data.netatmo.tokens).not.toBeNull();
    expect(cli.stdout() + cli.stderr()).not.toContain(simulator.clientSecret.slice(4));
  }, 30_000);

  it('keeps nothing it asked for when Netatmo refuses, and says what to check', async () => {
    const bare = { ...env };
    delete bare.NETATMO_CLIENT_ID;
    delete bare.NETATMO_CLIENT_SECRET;
    const cli = spawnCli(['auth'], bare, dir);
    cli.child.stdin.write(`${simulator.clientId}\nnot-the-secret\n`);
    const authorizeUrl = await vi.waitFor(
      () => {
        const match = /(http:\/\/127\.0\.0\.1:\d+\/oauth2\/authorize\?\S+)/.exec(cli.stdout());
        expect(match).not.toBeNull();
        return match?.[1] ?? '';
      },
      { timeout: 15_000, interval: 50 },
    );
    cli.child.stdin.end(`${await allowInBrowser(authorizeUrl)}\n`);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/Netatmo refused the code: .*Check the client id, secret and redirect URI/);
    const data = JSON.parse(await readFile(path.join(dir, 'data', 'bridge.json'), 'utf8')) as { netatmo: { credentials: unknown; tokens: unknown } };
    expect(data.netatmo).toMatchObject({ credentials: null, tokens: null });
  }, 30_000);

  it('stops without asking when the input ends before the client id', async () => {
    const bare = { ...env };
    delete bare.NETATMO_CLIENT_ID;
    delete bare.NETATMO_CLIENT_SECRET;
    const cli = spawnCli(['auth'], bare, dir);
    cli.child.stdin.end();
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/A client id and a client secret \(no spaces\) are needed; nothing changed/);
  }, 30_000);

  it('refuses an address from another attempt (state mismatch) and changes nothing', async () => {
    const cli = spawnCli(['auth'], env, dir);
    await vi.waitFor(() => expect(cli.stdout()).toContain('/oauth2/authorize?'), { timeout: 15_000, interval: 50 });
    cli.child.stdin.end('http://localhost/?code=abc&state=not-ours\n');
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toMatch(/another connection attempt/);
    expect(simulator.calls.count('oauth2/token')).toBe(0);
  }, 30_000);
});
