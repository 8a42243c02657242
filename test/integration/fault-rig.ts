// Shared set-up for the fault-matrix tests: a real bridge and a real simulator over loopback HTTP,
// both on one fake clock the test moves (no sleeps), plus small helpers to drive polls the way the
// heartbeat would and to read what a hub sees. Not a test file itself.
import type { BridgeServices } from '../../src/bridge/services.js';
import { DOCUMENT_CACHE_MS } from '../../src/lan/state-document.js';
import type { Home, NetatmoHealth } from '../../src/model/types.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import type { StoreFs } from '../../src/store/index.js';
import type { PollResult } from '../../src/sync/poller.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

export const START = Date.parse('2026-11-26T08:00:00Z');

export interface StateBody {
  revision: number;
  netatmo: NetatmoHealth;
  homes: Home[];
}

export interface FaultRig {
  t: TestBridge;
  sim: RunningSimulator;
  ctx: BridgeServices;
  homeId: string;
  /** The bridge's wall clock (ms epoch). */
  now(): number;
  /** Time passes: both the bridge's clocks and the simulator's move on. */
  advance(ms: number): void;
  /** The bridge machine's wall clock steps (NTP, set by hand); its monotonic clock and Netatmo's do not. */
  stepWallClock(ms: number): void;
  /** Move the clock to when the heartbeat would poll next (at least 1 s on) and tick once. */
  nextPoll(): Promise<PollResult>;
  /** Heartbeat ticks once per simulated `stepMs` for `totalMs`; returns the polls that ran. */
  tickFor(totalMs: number, stepMs?: number): Promise<PollResult[]>;
  /** GET /api/v1/state as the hub sees it. */
  state(): Promise<StateBody>;
  /** A position in the simulator's call log (for callsTo). */
  mark(): number;
  /** Simulator calls to these endpoints after `mark` (default: all). */
  callsTo(endpoints: string[], mark?: number): number;
  stop(): Promise<void>;
}

export interface FaultRigOptions {
  simulator?: SimulatorOptions;
  env?: Record<string, string>;
  netatmoTimeoutMs?: number;
  storeFs?: StoreFs;
  dataDir?: string;
  /** Shape the simulated account before the bridge starts (more homes, faults). */
  setup?: (sim: RunningSimulator) => void;
  /** Run and check the first poll (default true). */
  firstPoll?: boolean;
}

export const API_ENDPOINTS = ['homesdata', 'homestatus', 'setroomthermpoint', 'setthermmode', 'switchhomeschedule', 'setstate'];
export const WRITE_ENDPOINTS = ['setroomthermpoint', 'setthermmode', 'switchhomeschedule', 'setstate'];

export async function startFaultRig(options: FaultRigOptions = {}): Promise<FaultRig> {
  // `clock` is true time (monotonic for the bridge, and Netatmo's clock); the bridge's wall clock
  // is true time plus whatever steps the test makes.
  let clock = START;
  let wallOffset = 0;
  const mono = (): number => clock;
  const now = (): number => clock + wallOffset;
  const sim = await startSimulator({ rateLimits: false, clock: mono, ...options.simulator });
  options.setup?.(sim);
  const t = await startTestBridge({
    existingSimulator: sim,
    env: options.env,
    dataDir: options.dataDir,
    bridge: { now, monotonicNow: mono, netatmoTimeoutMs: options.netatmoTimeoutMs, storeFs: options.storeFs },
  });
  const ctx = t.bridge.context;
  if (options.firstPoll !== false) {
    const first = await ctx.poller.pollNow();
    if (!first.ok) throw new Error(`first poll failed: ${first.error?.message ?? 'deferred'}`);
    // The first poll changes the homes and the health (starting → ok): let both saves land before
    // the test starts, so it begins from a quiet data file.
    for (let i = 0; i < 3; i++) {
      await ctx.store.flush();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const homeId = ctx.state.homes[0]?.id ?? sim.world.homeIds()[0];
  if (!homeId) throw new Error('the simulator home did not appear');

  const tick = async (): Promise<PollResult | null> => ctx.poller.tick();
  return {
    t,
    sim,
    ctx,
    homeId,
    now,
    advance: (ms) => {
      clock += ms;
    },
    stepWallClock: (ms) => {
      wallOffset += ms;
    },
    async nextPoll() {
      // nextPollAt is on the bridge's wall clock; move true time by the same distance.
      clock = Math.max(clock + 1000, clock + (ctx.poller.nextPollAt - now()));
      const result = await tick();
      if (!result) throw new Error('the poller did not poll when it was due');
      return result;
    },
    async tickFor(totalMs, stepMs = 1000) {
      const results: PollResult[] = [];
      for (let elapsed = 0; elapsed < totalMs; elapsed += stepMs) {
        clock += stepMs;
        const result = await tick();
        if (result) results.push(result);
      }
      return results;
    },
    async state() {
      // The state document is cached for a second of (fake) time; let that second pass.
      clock += DOCUMENT_CACHE_MS;
      const res = await t.api('/api/v1/state');
      if (res.status !== 200) throw new Error(`GET /api/v1/state answered ${res.status}`);
      return (await res.json()) as StateBody;
    },
    mark: () => sim.calls.list().length,
    callsTo: (endpoints, mark = 0) => sim.calls.list().slice(mark).filter((c) => endpoints.includes(c.endpoint)).length,
    async stop() {
      await t.stop({ keepSimulator: true, keepData: options.dataDir !== undefined });
      await sim.stop();
    },
  };
}

/** Rigs started in a test file, stopped after each test. */
export function rigTracker(): { start(options?: FaultRigOptions): Promise<FaultRig>; stopAll(): Promise<void> } {
  const running: FaultRig[] = [];
  return {
    async start(options) {
      const rig = await startFaultRig(options);
      running.push(rig);
      return rig;
    },
    async stopAll() {
      for (const rig of running.splice(0).reverse()) await rig.stop();
    },
  };
}
