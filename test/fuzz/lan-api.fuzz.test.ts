// Fuzzing the LAN API with fast-check against a real bridge over loopback HTTP (keep-alive, one
// request at a time so every answer can be tied to its effect). For every generated request:
// - never a 5xx, never a dropped connection;
// - a rejection is a 4xx with {"error":{"code","message"}} and a non-empty message;
// - a rejection changes nothing: same revision, same homes, no Netatmo write at the simulator;
// and after all of them: no prototype pollution, the bridge still polls and answers.
// FUZZ_RUNS sets the number of requests (default 10,000, about 5 s).
// The bridge runs on a fake clock that moves 6.1 s per request, so the wrong-token throttle
// (10 failures a minute) and the command budget see a realistic pace instead of a burst.
import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { requestArb, type FuzzRequest } from './lan-requests.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const BATCHES = RUNS >= 4000 ? 4 : 1;
const WRITES = ['setroomthermpoint', 'setthermmode', 'switchhomeschedule', 'setstate'];

let clock = Date.parse('2026-11-26T08:00:00Z');
const now = (): number => clock;
let sim: RunningSimulator;
let t: TestBridge;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false, clock: now });
  t = await startTestBridge({ existingSimulator: sim, bridge: { now } });
  const first = await t.bridge.context.poller.pollNow();
  if (!first.ok) throw new Error('first poll failed');
});
afterAll(async () => {
  agent.destroy();
  await t.stop({ keepSimulator: true });
  await sim.stop();
});

interface Answer {
  status: number;
  body: string;
}

function send(request: FuzzRequest): Promise<Answer> {
  const url = new URL(t.bridge.url);
  // Always a Content-Length with a body: Node's client would otherwise send a DELETE/OPTIONS body
  // unframed, which is broken HTTP (Node's parser answers a bare 400), not an API request.
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  const headers = body === undefined ? request.headers : { ...request.headers, 'content-length': String(body.length) };
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function snapshot(): { revision: number; homes: string; writes: number } {
  const { state } = t.bridge.context;
  return { revision: state.revision, homes: JSON.stringify(state.homes), writes: sim.calls.list().filter((c) => WRITES.includes(c.endpoint)).length };
}

const tally = { total: 0, accepted: 0, rejected: 0, byStatus: new Map<number, number>() };

async function check(request: FuzzRequest): Promise<void> {
  clock += 6100;
  const before = snapshot();
  const answer = await send(request);
  tally.total++;
  tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1);
  const where = `${request.method} ${request.path.slice(0, 120)} → ${answer.status} ${answer.body.slice(0, 200)}`;
  expect(answer.status, where).toBeLessThan(500);
  if (answer.status < 400) {
    tally.accepted++;
    return;
  }
  tally.rejected++;
  if (request.method !== 'HEAD') {
    let parsed: unknown;
    expect(() => (parsed = JSON.parse(answer.body)), where).not.toThrow();
    const error = (parsed as { error?: { code?: unknown; message?: unknown } }).error;
    expect(typeof error?.code, where).toBe('string');
    expect(typeof error?.message, where).toBe('string');
    expect(String(error?.message).trim().length, where).toBeGreaterThan(0);
  }
  const after = snapshot();
  expect(after.revision, `${where}: a rejected request changed the revision`).toBe(before.revision);
  expect(after.homes, `${where}: a rejected request changed the homes`).toBe(before.homes);
  expect(after.writes, `${where}: a rejected request reached Netatmo`).toBe(before.writes);
}

describe('LAN API fuzzing (fast-check, real HTTP)', () => {
  it(`${RUNS} generated requests: no 5xx, every rejection a 4xx with a message and without effect`, async () => {
    const home = t.bridge.context.state.homes[0]!;
    const ids = {
      homeId: home.id,
      roomIds: home.rooms.map((r) => r.id),
      scheduleIds: home.schedules.map((s) => s.id),
      lanToken: t.lanToken(),
    };
    const perBatch = Math.ceil(RUNS / BATCHES);
    for (let batch = 0; batch < BATCHES; batch++) {
      await fc.assert(
        fc.asyncProperty(requestArb(ids), (request) => check(request)),
        { numRuns: perBatch, seed: Number(process.env.FUZZ_SEED ?? 0x5eed) + batch, endOnFailure: true },
      );
    }

    // Nothing leaked into shared prototypes, and the bridge is as alive as before.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const health = await fetch(`${t.bridge.url}/healthz`);
    expect(health.status).toBe(200);
    clock += 3_600_000;
    expect((await t.bridge.context.poller.pollNow()).ok).toBe(true);
    expect(tally.total).toBe(perBatch * BATCHES);
    expect(tally.rejected).toBeGreaterThan(tally.total / 2);
    expect(tally.accepted).toBeGreaterThan(0);
    const statuses = [...tally.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    console.log(`LAN fuzz: ${tally.total} requests, ${tally.accepted} accepted, ${tally.rejected} rejected (${statuses.join(', ')})`);
  }, 600_000);
});
