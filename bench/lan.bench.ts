// LAN API speed, loopback only, each measurement bounded to a few seconds (autocannon in a worker
// thread so the load generator does not share the server's event loop):
// - GET /api/v1/state throughput as a ratio to a bare express handler sending the same bytes,
//   measured in the same run (target ≥ 0.8), and the same for the 304 path (target ≥ 0.9);
// - p99 latency of GET /api/v1/state at a steady 500 req/s (target < 10 ms);
// - bridge-side command overhead: POST setpoint through the real HTTP stack, auth, validation and
//   command service with a Netatmo client that answers at once (target p99 < 20 ms).
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import { startBridge } from '../src/app.js';
import { createHttpApp, listen } from '../src/http-server.js';
import { bearerAuth } from '../src/lan/auth.js';
import { commandRouter } from '../src/lan/command-routes.js';
import type { Home } from '../src/model/types.js';
import type { NetatmoApi } from '../src/netatmo/api.js';
import { startSimulator } from '../src/simulator/index.js';
import { createCommandService } from '../src/sync/commands.js';
import type { PollResult } from '../src/sync/poller.js';
import { StateService } from '../src/sync/state-service.js';
import { silentLogger } from '../src/util/logger.js';
import { testConfig } from '../test/helpers/bridge.js';
import type { BenchResult } from './types.js';

const SECONDS = Number(process.env.LAN_BENCH_SECONDS ?? 5);
const CONNECTIONS = 8;

interface Load {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  overallRate?: number;
  duration?: number;
}

async function load(options: Load): Promise<autocannon.Result> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    connections: CONNECTIONS,
    duration: options.duration ?? SECONDS,
    overallRate: options.overallRate,
    workers: 1,
  });
  if (result.errors > 0 || result.non2xx > 0) {
    const notModified = result.statusCodeStats?.['304']?.count ?? 0;
    if (result.errors > 0 || result.non2xx !== notModified) throw new Error(`load on ${options.url} got errors ${result.errors}, non-2xx ${result.non2xx}`);
  }
  return result;
}

/** The same bytes and headers as the bridge, from a handler that does nothing else. */
async function bareServer(body: string, etag: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/api/v1/state', (req, res) => {
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(body);
  });
  const running = await listen(app, '127.0.0.1', 0);
  return { url: `http://127.0.0.1:${running.port}`, close: running.close };
}

/** The command path without Netatmo: real HTTP stack, auth, validation, command service. */
async function commandServer(homes: Home[], token: string): Promise<{ url: string; close: () => Promise<void> }> {
  const instant = async (): Promise<void> => {};
  const api = { setRoomThermPoint: instant, setThermMode: instant, switchHomeSchedule: instant, setState: instant } as unknown as NetatmoApi;
  const state = new StateService({ revision: 1, homes: structuredClone(homes), changedAt: null });
  const polled: PollResult = { ok: true, startedAt: 0, durationMs: 0, changed: false, deferred: false };
  const poller = { pollNow: () => Promise.resolve(polled), pollSoon: () => undefined, markTopologyDirty: () => undefined, nextPollAt: 0, noteActivity: () => undefined };
  const commands = createCommandService({ api, state, poller, logger: silentLogger() });
  const app = createHttpApp({ open: [], lanAuth: bearerAuth({ expectedToken: () => token }), lan: [commandRouter(commands)] }, silentLogger());
  const running = await listen(app, '127.0.0.1', 0);
  return { url: `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`, close: running.close };
}

/**
 * Alternates the two targets in short rounds so machine noise hits both alike. Returns the mean
 * req/s of each and the median of the per-round ratios b/a (one noisy round cannot swing it).
 */
async function pair(a: Load, b: Load, rounds = 5): Promise<{ a: number; b: number; ratio: number }> {
  const seconds = Math.max(1, Math.round(SECONDS / 2));
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    as.push((await load({ ...a, duration: seconds })).requests.average);
    bs.push((await load({ ...b, duration: seconds })).requests.average);
  }
  const ratios = bs.map((value, i) => value / as[i]!).sort((x, y) => x - y);
  const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
  return { a: mean(as), b: mean(bs), ratio: ratios[Math.floor(ratios.length / 2)]! };
}

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

export async function run(): Promise<BenchResult[]> {
  const sim = await startSimulator({ rateLimits: false });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-lan-'));
  const env = { NETATMO_API_URL: sim.url, NETATMO_CLIENT_ID: sim.clientId, NETATMO_CLIENT_SECRET: sim.clientSecret, NETATMO_REFRESH_TOKEN: sim.issueRefreshToken() };
  const bridge = await startBridge({ config: testConfig(dataDir, env), logger: silentLogger(), manualPolling: true });
  const closers: (() => Promise<void>)[] = [];
  try {
    await bridge.context.poller.pollNow();
    const token = bridge.context.store.data.lanToken;
    const auth = { authorization: `Bearer ${token}` };
    const first = await fetch(`${bridge.url}/api/v1/state`, { headers: auth });
    const etag = first.headers.get('etag') ?? '""';
    const body = await first.text();
    const bare = await bareServer(body, etag);
    closers.push(bare.close);
    const stateUrl = `${bridge.url}/api/v1/state`;

    await load({ url: stateUrl, headers: auth, duration: 1 }); // warm-up
    await load({ url: `${bare.url}/api/v1/state`, duration: 1 });
    const full = await pair({ url: `${bare.url}/api/v1/state`, headers: auth }, { url: stateUrl, headers: auth });
    const notModified = await pair({ url: `${bare.url}/api/v1/state`, headers: { ...auth, 'if-none-match': etag } }, { url: stateUrl, headers: { ...auth, 'if-none-match': etag } });
    const steady = await load({ url: stateUrl, headers: auth, overallRate: 500 });

    const commandsApp = await commandServer([...bridge.context.state.homes], token);
    closers.push(commandsApp.close);
    const home = bridge.context.state.homes[0]!;
    const setpointUrl = `${commandsApp.url}/api/v1/homes/${home.id}/rooms/${home.rooms[0]!.id}/setpoint`;
    const command = { url: setpointUrl, method: 'POST' as const, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ temperatureC: 21 }) };
    await load({ ...command, duration: 1 });
    const commands = await load({ ...command, overallRate: 200 });

    const fullRatio = full.ratio;
    const notModifiedRatio = notModified.ratio;
    return [
      { name: 'GET /api/v1/state throughput vs bare express (same bytes)', value: round(fullRatio), unit: '×', target: '≥ 0.8', ok: fullRatio >= 0.8, note: `median of 5 alternating rounds; mean ${Math.round(full.b)} vs ${Math.round(full.a)} req/s, ${body.length} B` },
      { name: 'GET /api/v1/state 304 throughput vs bare express', value: round(notModifiedRatio), unit: '×', target: '≥ 0.9', ok: notModifiedRatio >= 0.9, note: `median of 5 alternating rounds; mean ${Math.round(notModified.b)} vs ${Math.round(notModified.a)} req/s` },
      { name: 'GET /api/v1/state p99 at 500 req/s', value: steady.latency.p99, unit: 'ms', target: '< 10 ms', ok: steady.latency.p99 < 10, note: `${Math.round(steady.requests.average)} req/s served, p50 ${steady.latency.p50} ms` },
      { name: 'command overhead (no Netatmo) p99 at 200 req/s', value: commands.latency.p99, unit: 'ms', target: '< 20 ms', ok: commands.latency.p99 < 20, note: `p50 ${commands.latency.p50} ms, ${commands.requests.total} commands` },
    ];
  } finally {
    for (const close of closers) await close();
    await bridge.stop();
    await sim.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
