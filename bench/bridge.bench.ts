// Bridge-level numbers at default settings: Netatmo calls per simulated hour per home (target
// ≤ 70), worst-case data age, and the resident memory of the bridge running the demo home, idle
// (target ≤ 80 MB) and under LAN load (state reads flat out + commands, bounded to a few seconds).
// Everything runs on 127.0.0.1; loops are bounded by simulated time.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import autocannon from 'autocannon';
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

/** Idle = after start-up has settled: samples from 20 s to 30 s after start, median. */
const IDLE_FROM_MS = 20_000;
const IDLE_SAMPLES = 6;
const IDLE_EVERY_MS = 2_000;

/**
 * Starts the built bridge as its own process and reads its resident memory once idle: in demo
 * mode (simulator in the same process) or, with `netatmo`, against a simulator in this process.
 */
export async function idleRssMb(netatmo?: { url: string; clientId: string; clientSecret: string; refreshToken: string }): Promise<number> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-rss-'));
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SSDP: 'off', LOG_FORMAT: 'json', LOG_LEVEL: 'warn' };
  if (netatmo) {
    Object.assign(env, { SIMULATOR: 'off', NETATMO_API_URL: netatmo.url, NETATMO_CLIENT_ID: netatmo.clientId, NETATMO_CLIENT_SECRET: netatmo.clientSecret, NETATMO_REFRESH_TOKEN: netatmo.refreshToken });
  }
  const args = [path.join(repoRoot, 'dist', 'main.js'), ...(netatmo ? [] : ['--demo'])];
  const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
  try {
    await new Promise((resolve) => setTimeout(resolve, IDLE_FROM_MS));
    const samples: number[] = [];
    for (let i = 0; i < IDLE_SAMPLES; i++) {
      samples.push(await rssMb(child.pid));
      await new Promise((resolve) => setTimeout(resolve, IDLE_EVERY_MS));
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)]!;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

function rssMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number> {
  return readFile(`/proc/${pid}/status`, 'utf8').then((status) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealthz(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error('the bridge exited during start-up');
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bridge did not start within 10 s');
}

export interface LoadedRss {
  idleBeforeMb: number;
  peakMb: number;
  afterMb: number;
  readsPerS: number;
  commands: number;
}

/** The same demo process as idleRssMb, then `seconds` of state reads flat out plus 5 commands/s. */
export async function loadedRssMb(seconds = 10, settleMs = 8000): Promise<LoadedRss> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-rss-load-'));
  const port = await freePort();
  const lanToken = 'bench-lan-token-0123456789abcdef';
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'main.js'), '--demo'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SSDP: 'off', LOG_FORMAT: 'json', LOG_LEVEL: 'warn', LAN_TOKEN: lanToken },
    stdio: 'ignore',
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHealthz(url, child);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const idleBeforeMb = await rssMb(child.pid);
    const headers = { authorization: `Bearer ${lanToken}`, 'content-type': 'application/json' };
    const state = (await (await fetch(`${url}/api/v1/state`, { headers })).json()) as { homes: { id: string; rooms: { id: string }[] }[] };
    const home = state.homes[0]!;
    let peakMb = idleBeforeMb;
    const sampler = setInterval(() => {
      void rssMb(child.pid).then((mb) => (peakMb = Math.max(peakMb, mb)), () => undefined);
    }, 200);
    const [reads, commands] = await Promise.all([
      autocannon({ url: `${url}/api/v1/state`, headers, connections: 8, duration: seconds, workers: 1 }),
      autocannon({
        url: `${url}/api/v1/homes/${home.id}/rooms/${home.rooms[0]!.id}/setpoint`,
        method: 'POST',
        headers,
        body: JSON.stringify({ temperatureC: 21 }),
        connections: 1,
        overallRate: 5,
        duration: seconds,
      }),
    ]);
    clearInterval(sampler);
    peakMb = Math.max(peakMb, await rssMb(child.pid, 'VmHWM'));
    const afterMb = await rssMb(child.pid);
    return { idleBeforeMb, peakMb, afterMb, readsPerS: reads.requests.average, commands: commands.requests.total };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const calls = await simulateCalls({ hours: 6 });
  const rss = await idleRssMb();
  const sim = await startSimulator({ rateLimits: false });
  const rssReal = await idleRssMb({ url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, refreshToken: sim.issueRefreshToken() }).finally(() => sim.stop());
  const loaded = await loadedRssMb();
  return [
    { name: 'Netatmo calls per simulated hour per home, default 60 s (max of 6 h)', value: calls.perHourMax, unit: 'calls', target: '≤ 70', ok: calls.perHourMax <= 70 },
    { name: 'Netatmo calls per simulated hour per home, default 60 s (mean)', value: Number(calls.perHourMean.toFixed(1)), unit: 'calls' },
    { name: 'worst-case data age, default 60 s', value: calls.worstDataAgeS, unit: 's' },
    { name: 'idle RSS, bridge + built-in simulator, demo home', value: Number(rss.toFixed(1)), unit: 'MB', target: '≤ 80 MB', ok: rss <= 80, note: 'median of 6 samples 20–30 s after start' },
    { name: 'idle RSS, bridge on a (simulated) real account', value: Number(rssReal.toFixed(1)), unit: 'MB', target: '≤ 80 MB', ok: rssReal <= 80, note: 'Netatmo simulator in another process; LAN path, metrics on' },
    {
      name: 'loaded RSS (peak), same process under LAN load',
      value: Number(loaded.peakMb.toFixed(1)),
      unit: 'MB',
      note: `10 s of GET /api/v1/state at ${Math.round(loaded.readsPerS)} req/s (8 connections) + ${loaded.commands} setpoint commands; idle before ${loaded.idleBeforeMb.toFixed(1)} MB, ${loaded.afterMb.toFixed(1)} MB right after`,
    },
    { name: 'loaded RSS / idle RSS', value: Math.round((loaded.peakMb / loaded.idleBeforeMb) * 100) / 100, unit: '×' },
  ];
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) for (const r of await run()) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
