// How fast a held long poll (GET /api/v1/state?wait=S with the current ETag) is answered once the
// state changes: from the state's change event to the whole answer at the client, loopback only,
// ROUNDS rounds (each one change at the simulated Netatmo and one poll). The tests prove that the
// change answers the held read (no timer can); this measures how soon.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startBridge } from '../src/app.js';
import { startSimulator } from '../src/simulator/index.js';
import { silentLogger } from '../src/util/logger.js';
import { testConfig } from '../test/helpers/bridge.js';
import type { BenchResult } from './types.js';

// One homestatus a round: 30 rounds stay inside the 10-second budget (at most 50 calls).
const ROUNDS = Number(process.env.LONG_POLL_BENCH_ROUNDS ?? 30);

/** A held read: resolves with the time (performance.now) its whole answer was in, and its status. */
function heldRead(url: string, token: string, etag: string): Promise<{ at: number; status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/v1/state?wait=60`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': etag }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ at: performance.now(), status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function run(): Promise<BenchResult[]> {
  const sim = await startSimulator({ rateLimits: false });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-long-poll-'));
  const env = { NETATMO_API_URL: sim.url, NETATMO_CLIENT_ID: sim.clientId, NETATMO_CLIENT_SECRET: sim.clientSecret, NETATMO_REFRESH_TOKEN: sim.issueRefreshToken(), RATE_BUDGET_PER_10S: '50' };
  const bridge = await startBridge({ config: testConfig(dataDir, env), logger: silentLogger(), manualPolling: true });
  try {
    const { state, poller, longPolls } = bridge.context;
    await poller.pollNow();
    const token = bridge.context.store.data.lanToken;
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const reading = heldRead(bridge.url, token, `"${state.revision}"`);
      while (longPolls.size === 0) await new Promise((resolve) => setImmediate(resolve));
      let changedAt = 0;
      const off = state.onChange(() => (changedAt ||= performance.now()));
      const home = state.homes[0]!;
      const room = home.rooms[0]!;
      sim.world.setMeasuredTemperature(home.id, room.id, 15 + (round % 2) * 5);
      const polled = await poller.pollNow();
      off();
      if (!polled.ok) throw new Error(`round ${round}: the poll failed (${polled.error?.message ?? 'deferred'})`);
      const answer = await reading;
      if (answer.status !== 200 || changedAt === 0) throw new Error(`round ${round}: the held read was not answered by the change (HTTP ${answer.status})`);
      latencies.push(answer.at - changedAt);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = Math.round(percentile(sorted, 50) * 100) / 100;
    const p99 = Math.round(percentile(sorted, 99) * 100) / 100;
    return [{ name: 'long poll answered after a state change, p99', value: p99, unit: 'ms', target: '< 100 ms', ok: p99 < 100, note: `${ROUNDS} rounds, p50 ${p50} ms, max ${Math.round(sorted.at(-1)! * 100) / 100} ms` }];
  } finally {
    await bridge.stop();
    await sim.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
