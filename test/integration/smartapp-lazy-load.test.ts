// The SmartThings SDKs are loaded only when the cloud path is configured: a LAN-only bridge
// process must not have any @smartthings module in its module graph (≈ 17 MB RSS;
// docs/architecture.md#memory-and-speed). Each case runs a real bridge in a child process and
// reports the loaded modules.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');

const CHILD = `
import { createRequire } from 'node:module';
import { startSimulator } from './src/simulator/index.ts';
import { loadConfig } from './src/config/index.ts';
import { startBridge } from './src/app.ts';
import { silentLogger } from './src/util/logger.ts';
const sim = await startSimulator({ rateLimits: false });
const env = { ...JSON.parse(process.env.CHILD_ENV), NETATMO_API_URL: sim.url, NETATMO_CLIENT_ID: sim.clientId, NETATMO_CLIENT_SECRET: sim.clientSecret, NETATMO_REFRESH_TOKEN: sim.issueRefreshToken() };
const loaded = loadConfig({ env, envFile: false, stdoutIsTTY: false });
if (!loaded.ok) throw new Error(loaded.problems.join('; '));
const bridge = await startBridge({ config: loaded.config, logger: silentLogger(), manualPolling: true });
await bridge.context.poller.pollNow();
const status = (await fetch(bridge.url + '/smartapp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lifecycle":"PING","pingData":{"challenge":"c"}}' })).status;
const require = createRequire(import.meta.url);
const sdkModules = Object.keys(require.cache).filter((file) => file.includes('@smartthings'));
await bridge.stop();
await sim.stop();
process.stdout.write(JSON.stringify({ sdkModules: sdkModules.length, smartappStatus: status }));
`;

let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function childReport(env: Record<string, string>): Promise<{ sdkModules: number; smartappStatus: number }> {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'bridge-lazy-'));
  const childEnv = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SSDP: 'off', SIMULATOR: 'off', METRICS: 'off', WATCHDOG: 'off', ...env };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), CHILD_ENV: JSON.stringify(childEnv) },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { sdkModules: number; smartappStatus: number };
}

describe('SmartThings SDK loading', () => {
  it('a LAN-only bridge never loads @smartthings modules and has no /smartapp route', async () => {
    const report = await childReport({});
    expect(report.sdkModules).toBe(0);
    expect(report.smartappStatus).toBe(404);
  }, 90_000);

  it('a bridge with a SmartApp configured loads them and answers /smartapp', async () => {
    const report = await childReport({ SMARTAPP_APP_ID: 'app-1', SMARTTHINGS_API_URL: 'http://127.0.0.1:9' });
    expect(report.sdkModules).toBeGreaterThan(0);
    expect(report.smartappStatus).toBe(200);
  }, 90_000);
});
