// The real bridge process under SIGTERM: during a hanging poll and during a hanging command it
// still stops in order and exits 0 (its own 5 s guard would exit 1), the data file parses
// afterwards, and a second signal exits at once.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { parseStoreText } from '../../src/store/load.js';
import { spawnBridge, type SpawnedBridge } from '../helpers/spawned-bridge.js';

async function expectValidDataFile(dataDir: string): Promise<void> {
  const text = await readFile(path.join(dataDir, 'bridge.json'), 'utf8');
  const parsed = parseStoreText(text, new Date());
  expect(parsed.kind).toBe('ok');
  expect((await readdir(dataDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

/** The stop steps the bridge reported as overrunning their share of the deadline, in order. */
function overrunSteps(bridge: SpawnedBridge): unknown[] {
  return bridge.entries().filter((e) => e.level === 40 && typeof e.step === 'string' && typeof e.limitMs === 'number').map((e) => e.step);
}

describe('graceful shutdown of the bridge process', () => {
  let simulator: RunningSimulator;
  let bridge: SpawnedBridge | undefined;

  beforeEach(async () => {
    simulator = await startSimulator({ rateLimits: false });
  });
  afterEach(async () => {
    if (bridge && bridge.child.exitCode === null && bridge.child.signalCode === null) bridge.child.kill('SIGKILL');
    await bridge?.exited;
    if (bridge) await rm(bridge.dataDir, { recursive: true, force: true });
    bridge = undefined;
    await simulator.stop();
  });

  it('SIGTERM during a hanging poll: stops in order, exits 0, data file valid', async () => {
    simulator.faults.inject({ kind: 'hang', endpoints: ['homestatus'], count: 1 });
    const hanging = simulator.faults.nextTaken(); // the first poll waits on homestatus
    bridge = await spawnBridge(simulator);
    expect(await bridge.port).toBeGreaterThan(0);
    expect(await hanging).toMatchObject({ kind: 'hang' });
    bridge.child.kill('SIGTERM');
    const { code } = await bridge.exited;
    expect(code).toBe(0);
    // Only the poll overran its share; every step after it still ran, and the stop ended cleanly.
    expect(overrunSteps(bridge)).toEqual(['running poll']);
    expect(bridge.entries().map((e) => e.msg)).toContain('stopped cleanly');
    await expectValidDataFile(bridge.dataDir);
  }, 30_000);

  it('SIGTERM during a hanging command: the request is cut, exit 0, data file valid', async () => {
    bridge = await spawnBridge(simulator);
    const url = await bridge.url();
    const dataDir = bridge.dataDir;
    const lanToken = () => readFile(path.join(dataDir, 'bridge.json'), 'utf8').then((t) => (JSON.parse(t) as { lanToken: string }).lanToken);
    const auth = { authorization: `Bearer ${await lanToken()}` };
    // Wait for the first poll so there is a room to command.
    const home = await vi.waitFor(
      async () => {
        const state = (await (await fetch(`${url}/api/v1/state`, { headers: auth })).json()) as { homes: { id: string; rooms: { id: string }[] }[] };
        const first = state.homes[0];
        expect(first?.rooms.length).toBeGreaterThan(0);
        return first as { id: string; rooms: { id: string }[] };
      },
      { timeout: 15_000, interval: 100 },
    );
    simulator.faults.inject({ kind: 'hang', endpoints: ['setroomthermpoint'], count: 1 });
    const hanging = simulator.faults.nextTaken();
    const command = fetch(`${url}/api/v1/homes/${home.id}/rooms/${home.rooms[0]?.id}/setpoint`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ temperatureC: 21 }),
    }).then(
      (r) => r.status,
      () => 'cut',
    );
    expect(await hanging).toMatchObject({ kind: 'hang' });
    bridge.child.kill('SIGTERM');
    const { code } = await bridge.exited;
    expect(code).toBe(0);
    expect(await command).toBe('cut');
    // The HTTP server was drained for its share, then the hanging request was cut.
    expect(overrunSteps(bridge)).toContain('HTTP server');
    expect(bridge.entries().map((e) => e.msg)).toContain('stopped cleanly');
    await expectValidDataFile(dataDir);
  }, 30_000);

  it('a second signal exits at once', async () => {
    simulator.faults.inject({ kind: 'hang', endpoints: ['homestatus'], count: 1 });
    const hanging = simulator.faults.nextTaken();
    bridge = await spawnBridge(simulator);
    await bridge.port;
    await hanging;
    bridge.child.kill('SIGTERM');
    await bridge.logged((e) => String(e.msg).startsWith('SIGTERM: stopping'));
    bridge.child.kill('SIGINT');
    const { code } = await bridge.exited;
    expect(code).toBe(1);
    const messages = bridge.entries().map((e) => String(e.msg));
    expect(messages.some((m) => m.startsWith('SIGINT again: exiting now'))).toBe(true);
    expect(messages).not.toContain('stopped cleanly');
    await expectValidDataFile(bridge.dataDir);
  }, 30_000);

  it('an uncaught exception is logged with its stack and origin, then the same orderly stop, exit 1', async () => {
    const preloadDir = await mkdtemp(path.join(os.tmpdir(), 'bridge-preload-'));
    const thrower = path.join(preloadDir, 'throw-later.mjs');
    // A bug somewhere in the process: a callback that throws, set off by SIGUSR2 once the bridge runs.
    await writeFile(thrower, "process.on('SIGUSR2', () => setTimeout(() => { throw new Error('simulated bug in a timer'); }, 0));\n");
    try {
      bridge = await spawnBridge(simulator, { preload: [thrower] });
      expect(await bridge.port).toBeGreaterThan(0);
      bridge.child.kill('SIGUSR2');
      const { code } = await bridge.exited;
      expect(code).toBe(1);
      const fatal = bridge.entries().find((e) => e.level === 60);
      expect(fatal?.msg).toBe('uncaught exception (uncaughtException): simulated bug in a timer — stopping');
      expect(String((fatal?.err as { stack?: string } | undefined)?.stack)).toContain('throw-later.mjs');
      expect(bridge.entries().map((e) => String(e.msg))).toContain('stopped after an error');
      await expectValidDataFile(bridge.dataDir);
    } finally {
      await rm(preloadDir, { recursive: true, force: true });
    }
  }, 30_000);
});
