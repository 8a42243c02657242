// `doctor` on prepared installations: each broken thing is named with a fix, and a healthy
// installation passes.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { openFileStore } from '../../src/store/index.js';
import { silentLogger } from '../../src/util/logger.js';
import { startTestBridge } from '../helpers/bridge.js';
import { cliEnv, closedLoopbackPort, runCliInProcess } from '../helpers/cli.js';

function problemLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('FIX'));
}

describe('netatmo-bridge doctor', () => {
  let dir: string;
  let simulator: RunningSimulator | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'doctor-'));
  });
  afterEach(async () => {
    await simulator?.stop();
    simulator = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('names a bad setting, a corrupt data file, a wrong mode and an unreachable Netatmo — one line each', async () => {
    const dataDir = path.join(dir, 'data');
    await openFileStore({ dataDir, logger: silentLogger() });
    const file = path.join(dataDir, 'bridge.json');
    await writeFile(file, '{"schemaVersion": 1, "bridgeId": "trunc');
    await chmod(file, 0o644);
    const closed = await closedLoopbackPort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(await closedLoopbackPort()),
      HOST: '127.0.0.1',
      SSDP: 'off',
      SIMULATOR: 'off',
      POLL_INTERVAL_S: 'often',
      NETATMO_API_URL: `http://127.0.0.1:${closed}`,
      NETATMO_CLIENT_ID: 'client-id',
      NETATMO_CLIENT_SECRET: 'client-secret-value',
    };
    const run = await runCliInProcess(['doctor'], env, dir);
    expect(run.code).toBe(1);
    const problems = problemLines(run.stdout);
    expect(problems.find((l) => l.includes('Configuration') && l.includes('POLL_INTERVAL_S'))).toMatch(/→ fix it in \.env/);
    expect(problems.find((l) => l.includes('is damaged'))).toMatch(/not valid JSON.*→ start the bridge: it moves the file aside/);
    expect(problems.find((l) => l.includes('mode 0644'))).toContain(`→ chmod 600 ${file}`);
    expect(problems.find((l) => l.includes('Netatmo API'))).toMatch(/not reachable \(ECONNREFUSED\) → check the internet connection/);
    expect(problems.find((l) => l.includes('Netatmo login'))).toMatch(/not connected yet/);
    expect(problems).toHaveLength(5);
    expect(run.stdout).toMatch(/5 problems found/);
    expect(run.stdout).not.toContain('client-secret-value');
  });

  it('names auth_required from the data file', async () => {
    simulator = await startSimulator({ rateLimits: false });
    const dataDir = path.join(dir, 'data');
    const store = await openFileStore({ dataDir, logger: silentLogger() });
    await store.update((d) => {
      d.netatmo.credentials = { clientId: simulator?.clientId ?? '', clientSecret: simulator?.clientSecret ?? '' };
      d.netatmo.tokens = { accessToken: 'at', refreshToken: 'rt-dead', expiresAt: new Date(Date.now() - 1000).toISOString(), scope: [], obtainedAt: new Date().toISOString() };
      d.health.lastError = { kind: 'invalid_grant', code: null, message: 'refresh token refused', at: new Date().toISOString() };
    });
    const env = { DATA_DIR: dataDir, PORT: String(await closedLoopbackPort()), HOST: '127.0.0.1', SSDP: 'off', SIMULATOR: 'off', NETATMO_API_URL: simulator.url };
    const run = await runCliInProcess(['doctor'], env, dir);
    expect(run.code).toBe(1);
    expect(problemLines(run.stdout)).toEqual([expect.stringMatching(/Netatmo login: Netatmo refused the saved login \(auth_required\) → reconnect on the admin page \(\/admin\), or stop the bridge and run "netatmo-bridge auth"/)]);
  });

  it('names a running bridge that stopped saving (a newer bridge wrote its file) and a sign-in that lives only in memory', async () => {
    const tb = await startTestBridge({ dataDir: path.join(dir, 'data') });
    try {
      expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);
      const file = path.join(tb.dataDir, 'bridge.json');
      await writeFile(file, `${JSON.stringify({ schemaVersion: 99, bridgeId: 'from-the-future' })}\n`);
      // Netatmo rotates the token; the bridge must not overwrite the newer file, so it keeps the pair in memory.
      tb.simulator.expireAccessTokens();
      expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);

      const env = await cliEnv(tb.dataDir, tb.simulator);
      const run = await runCliInProcess(['doctor', '--url', tb.bridge.url], env, dir);
      expect(run.code).toBe(1);
      const problems = problemLines(run.stdout);
      expect(problems.find((l) => l.includes('written by a newer version'))).toMatch(/data format 99.*→ run the newer version/);
      expect(problems.find((l) => l.includes('has stopped saving'))).toMatch(/newer version of the bridge.*→ fix what the line says/);
      expect(problems.find((l) => l.includes('exists only in memory'))).toMatch(/Netatmo login: .*restart.*→ make the data file writable/);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ schemaVersion: 99, bridgeId: 'from-the-future' });
    } finally {
      await tb.stop();
    }
  });

  it('passes a healthy installation, and --refresh proves the login with a real refresh', async () => {
    simulator = await startSimulator({ rateLimits: false });
    const dataDir = path.join(dir, 'data');
    await openFileStore({ dataDir, logger: silentLogger() });
    const env = await cliEnv(dataDir, simulator, { NETATMO_REFRESH_TOKEN: simulator.issueRefreshToken() });
    const plain = await runCliInProcess(['doctor'], env, dir);
    expect(problemLines(plain.stdout)).toEqual([]);
    expect(plain.code).toBe(0);
    expect(simulator.calls.count('oauth2/token')).toBe(0); // no refresh unless asked

    const refreshed = await runCliInProcess(['doctor', '--refresh'], env, dir);
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toMatch(/ok {4}Netatmo token refresh: Netatmo issued a new token pair/);
    expect(simulator.calls.count('oauth2/token')).toBe(1);
  });
});
