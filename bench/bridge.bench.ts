// Bridge-level numbers at default settings: Netatmo calls per simulated hour per home (target
// ≤ 70), worst-case data age, and the resident memory of an idle bridge running the demo home
// (target ≤ 80 MB). Everything runs on 127.0.0.1; loops are bounded by simulated time.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startSimulator } from '../src/simulator/index.js';
import { silentLogger } from '../src/util/logger.js';
import { startBridge } from '../src/app.js';
import { testConfig } from '../test/helpers/bridge.js';
import type { BenchResult } from './types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface CallsPerHour {
  perHourMax: number;
  perHourMean: number;
  worstDataAgeS: number;
}

/** Runs the real poller for `hours` of simulated time (one heartbeat per simulated second). */
export async function simulateCalls(options: { hours: number; pollIntervalS?: number; homes?: 'demo' | 'multi-home' }): Promise<CallsPerHour> {
  let clock = Date.parse('2026-11-23T00:00:00Z');
  const now = () => clock;
  const sim = await startSimulator({ clock: now, rateLimits: false, scenario: options.homes ?? 'demo' });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-calls-'));
  const env: Record<string, string> = {
    NETATMO_API_URL: sim.url,
    NETATMO_CLIENT_ID: sim.clientId,
    NETATMO_CLIENT_SECRET: sim.clientSecret,
    NETATMO_REFRESH_TOKEN: sim.issueRefreshToken(),
  };
  if (options.pollIntervalS) env.POLL_INTERVAL_S = String(options.pollIntervalS);
  const bridge = await startBridge({ config: testConfig(dataDir, env), logger: silentLogger(), manualPolling: true, now });
  try {
    const perHour: number[] = [];
    let worstAgeMs = 0;
    let lastSuccess = clock;
    for (let hour = 0; hour < options.hours; hour++) {
      const before = sim.calls.list().length;
      for (let second = 0; second < 3600; second++) {
        clock += 1000;
        const result = await bridge.context.poller.tick();
        if (result?.ok) {
          worstAgeMs = Math.max(worstAgeMs, clock - lastSuccess);
          lastSuccess = clock;
        }
      }
      perHour.push(sim.calls.list().length - before);
    }
    const homes = Math.max(1, bridge.context.state.homes.length);
    return {
      perHourMax: Math.max(...perHour) / homes,
      perHourMean: perHour.reduce((a, b) => a + b, 0) / perHour.length / homes,
      worstDataAgeS: worstAgeMs / 1000,
    };
  } finally {
    await bridge.stop();
    await sim.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Starts the built bridge in demo mode as its own process and reads its resident memory. */
export async function idleRssMb(settleMs = 8000): Promise<number> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-rss-'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'main.js'), '--demo'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SSDP: 'off', LOG_FORMAT: 'json', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const calls = await simulateCalls({ hours: 6 });
  const rss = await idleRssMb();
  return [
    { name: 'Netatmo calls per simulated hour per home, default 60 s (max of 6 h)', value: calls.perHourMax, unit: 'calls', target: '≤ 70', ok: calls.perHourMax <= 70 },
    { name: 'Netatmo calls per simulated hour per home, default 60 s (mean)', value: Number(calls.perHourMean.toFixed(1)), unit: 'calls' },
    { name: 'worst-case data age, default 60 s', value: calls.worstDataAgeS, unit: 's' },
    { name: 'idle RSS, bridge + built-in simulator, demo home', value: Number(rss.toFixed(1)), unit: 'MB', target: '≤ 80 MB', ok: rss <= 80 },
  ];
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) for (const r of await run()) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
