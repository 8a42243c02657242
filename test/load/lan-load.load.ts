// Load on the LAN API, loopback only and bounded: LOAD_DURATION_S (default 60) seconds of mixed
// state reads (200 / 304) and commands at 200 req/s against a bridge on the simulator.
// Proof: no 5xx at all; every command the bridge accepted (200) reached Netatmo exactly once
// (simulator call log); refused commands (429: the bridge's own Netatmo budget) reached it never;
// the data file is valid afterwards.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_FILE_NAME } from '../../src/store/index.js';
import { validateStoreData } from '../../src/store/schema.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 60);
const RATE_PER_S = 200;
const WRITE_ENDPOINTS = ['setroomthermpoint', 'setthermmode', 'switchhomeschedule', 'setstate'];

let t: TestBridge | undefined;
afterAll(async () => {
  await t?.stop();
});

describe('LAN API under load', () => {
  it(`serves ${RATE_PER_S} req/s of reads and commands for ${DURATION_S} s without a 5xx; accepted commands reach Netatmo once`, async () => {
    // The bridge's Netatmo budget at Netatmo's own maximum; Netatmo's limits are off in the simulator.
    t = await startTestBridge({ env: { RATE_BUDGET_PER_HOUR: '500', RATE_BUDGET_PER_10S: '50', LOG_LEVEL: 'warn' } });
    const tb = t;
    expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);
    const home = tb.bridge.context.state.homes[0]!;
    const [first, second] = home.rooms;
    const auth = { authorization: `Bearer ${tb.lanToken()}`, 'content-type': 'application/json' };
    const statuses = { read: new Map<number, number>(), command: new Map<number, number>() };
    // Server-side truth: autocannon drops the answers still in flight when its time is up, so a
    // command the bridge accepted in the last moment may be missing from the client's counts.
    let acceptedByBridge = 0;
    tb.bridge.context.events.on('lanRequest', (r) => {
      if (r.method === 'POST' && r.status === 200) acceptedByBridge += 1;
    });
    const count = (kind: 'read' | 'command') => (status: number) => statuses[kind].set(status, (statuses[kind].get(status) ?? 0) + 1);
    const read = { method: 'GET' as const, path: '/api/v1/state', headers: auth, onResponse: count('read') };
    const notModified = { method: 'GET' as const, path: '/api/v1/state', headers: { ...auth, 'if-none-match': `"${tb.bridge.context.state.revision}"` }, onResponse: count('read') };
    const command = (p: string, body: unknown) => ({ method: 'POST' as const, path: p, headers: auth, body: JSON.stringify(body), onResponse: count('command') });
    // 1 command in 10 requests: ~20 commands/s, far above the 50 per 10 s the budget lets through.
    const requests = [
      read, notModified, read, read,
      command(`/api/v1/homes/${home.id}/rooms/${first!.id}/setpoint`, { temperatureC: 20.5 }),
      read, notModified, read, read,
      command(`/api/v1/homes/${home.id}/rooms/${second!.id}/mode`, { mode: 'boost', durationMinutes: 30 }),
    ];

    const result = await autocannon({ url: tb.bridge.url, connections: 10, overallRate: RATE_PER_S, duration: DURATION_S, requests });

    const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const summary = { reads: Object.fromEntries(statuses.read), commands: Object.fromEntries(statuses.command), errors: result.errors, timeouts: result.timeouts };
    console.info('lan load', JSON.stringify(summary), `${result.requests.average} req/s, p99 ${result.latency.p99} ms`);
    expect(result['5xx']).toBe(0);
    expect(result.errors).toBe(0);
    expect(total(statuses.read) + total(statuses.command)).toBeGreaterThan(RATE_PER_S * DURATION_S * 0.9);
    expect([...statuses.read.keys()].every((s) => s === 200 || s === 304)).toBe(true);
    expect([...statuses.command.keys()].every((s) => s === 200 || s === 429)).toBe(true);

    // Stopping lets commands still running finish, so every accepted one is counted below.
    await tb.bridge.stop();
    const accepted = statuses.command.get(200) ?? 0;
    expect(accepted).toBeGreaterThan(0);
    expect(acceptedByBridge).toBeGreaterThanOrEqual(accepted);
    expect(acceptedByBridge - accepted).toBeLessThanOrEqual(10); // at most one per connection in flight
    const writes = WRITE_ENDPOINTS.flatMap((e) => tb.simulator.calls.list({ endpoint: e }));
    expect(writes.every((c) => c.httpStatus === 200)).toBe(true);
    expect(writes).toHaveLength(acceptedByBridge);

    const file = JSON.parse(await readFile(path.join(tb.dataDir, DATA_FILE_NAME), 'utf8')) as unknown;
    const validation = validateStoreData(file);
    expect(validation.ok, validation.ok ? '' : validation.problems.join('; ')).toBe(true);
  });
});
