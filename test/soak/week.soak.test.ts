// Soak with fake time: a simulated week of the real bridge polling the simulator over loopback
// HTTP, with user commands every few hours and one short Netatmo outage. The clock jumps straight
// to the next moment something is due (the next poll as the 1-second heartbeat would see it, the
// next command, the next hour), so a week takes well under a minute of real time.
// Checks: Netatmo calls in EVERY simulated hour within budget; the revision only rises when the
// homes or the health block changed (and never falls); memory flat (heap after GC at day 1 vs the
// last day, plus the sizes of what the bridge keeps: budget window, state, data file).
// SOAK_DAYS (default 7).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { LogCapture, startTestBridge, type TestBridge } from '../helpers/bridge.js';
import type { Logger } from '../../src/util/logger.js';

const DAYS = Number(process.env.SOAK_DAYS ?? 7);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const COMMAND_EVERY_MS = 3 * HOUR;
/**
 * Adaptive polling (the default): at most 150 Netatmo calls in any hour for one home and
 * about 100 on average; each command adds its write, its confirmation poll and a refresh.
 */
const MAX_CALLS_PER_HOUR = 150;
const MEAN_CALLS_PER_HOUR = 100;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

let clock = Date.parse('2026-11-23T00:00:00Z');
const now = (): number => clock;
let sim: RunningSimulator;
let t: TestBridge;

/** Keeps warnings only: a week of debug lines held in memory would be the test's own leak. */
class WarningsOnly extends LogCapture {
  override logger(): Logger {
    return super.logger('warn');
  }
}

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: { per10s: 50, perHour: 500 }, clock: now });
  t = await startTestBridge({ existingSimulator: sim, bridge: { now }, logs: new WarningsOnly() });
});
afterAll(async () => {
  await t.stop({ keepSimulator: true });
  await sim.stop();
});

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

interface HourRecord {
  hour: number;
  calls: number;
  commands: number;
}

describe('soak: a simulated week', () => {
  it(`${DAYS} days of polling and commands: calls within budget every hour, revision honest, memory flat`, async () => {
    const ctx = t.bridge.context;
    const start = clock;
    const end = start + DAYS * DAY;
    const hours: HourRecord[] = [];
    let nextHour = start + HOUR;
    let nextCommand = start + 10 * 60_000;
    let commandsThisHour = 0;
    let commandCount = 0;
    const refused: string[] = [];
    const outageAt = start + 3 * DAY + 5 * HOUR;
    let outageInjected = false;

    let lastRevision = ctx.state.revision;
    let lastView = '';
    let revisionRises = 0;
    let unexplainedRises = 0;
    const view = (): string => {
      const health = ctx.netatmoHealth();
      return JSON.stringify([ctx.state.homes, health.status, health.stale]);
    };
    lastView = view();
    const memory: { day: number; heapMb: number; budgetWindow: number; stateBytes: number; fileBytes: number }[] = [];

    while (clock < end) {
      // The heartbeat ticks once a second: the next tick at or after the poller's due time.
      const duePoll = Math.max(clock + 1000, Math.ceil(ctx.poller.nextPollAt / 1000) * 1000);
      clock = Math.min(duePoll, nextCommand, nextHour);

      if (!outageInjected && clock >= outageAt) {
        outageInjected = true;
        sim.faults.inject({ kind: 'server_error', endpoints: ['homestatus'], durationMs: 20 * 60_000 });
      }
      if (clock >= nextCommand) {
        const home = ctx.state.homes[0]!;
        const room = home.rooms[commandCount % home.rooms.length]!;
        const body =
          commandCount % 4 === 3
            ? { path: `/api/v1/homes/${home.id}/mode`, json: { mode: commandCount % 8 === 3 ? 'away' : 'schedule', ...(commandCount % 8 === 3 ? { durationMinutes: 120 } : {}) } }
            : { path: `/api/v1/homes/${home.id}/rooms/${room.id}/setpoint`, json: { temperatureC: 19 + (commandCount % 5), durationMinutes: 60 } };
        const res = await t.api(body.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body.json) });
        if (res.status !== 200) refused.push(`${new Date(clock).toISOString()} ${res.status} ${await res.text()}`);
        else await res.arrayBuffer();
        commandCount++;
        commandsThisHour++;
        nextCommand += COMMAND_EVERY_MS;
      }
      await ctx.poller.tick();

      // Revision honesty: it moves exactly when what a hub sees (homes, health) moved.
      const currentView = view();
      const revision = ctx.state.revision;
      expect(revision).toBeGreaterThanOrEqual(lastRevision);
      if (revision > lastRevision) {
        revisionRises++;
        if (currentView === lastView) unexplainedRises++;
      } else {
        expect(currentView === lastView, `homes changed at ${new Date(clock).toISOString()} without a new revision`).toBe(true);
      }
      lastRevision = revision;
      lastView = currentView;

      if (clock >= nextHour) {
        const calls = sim.calls.list().filter((c) => c.endpoint !== 'webhook').length;
        hours.push({ hour: hours.length, calls, commands: commandsThisHour });
        // The simulator's call log is the test's own memory: empty it every hour.
        sim.calls.clear();
        commandsThisHour = 0;
        nextHour += HOUR;
        if (hours.length % 24 === 0) {
          // The simulator keeps 14 days of room history by design (getroommeasure); that is the
          // fake Netatmo's memory, not the bridge's, so it is emptied before measuring.
          for (const home of sim.world.homes) for (const room of home.rooms) room.history.length = 0;
          await ctx.store.flush();
          const file = await stat(path.join(t.dataDir, 'bridge.json'));
          memory.push({
            day: hours.length / 24,
            heapMb: heapMb(),
            budgetWindow: ctx.budget.snapshot().callsLastHour,
            stateBytes: JSON.stringify(ctx.state.homes).length,
            fileBytes: file.size,
          });
        }
      }
    }

    // Budget: every hour within the bridge's own budget (400) and Netatmo's (500); polling within
    // 150 per home in any hour and 100 on average, each command adding its write, its confirmation
    // poll and a refresh.
    const worst = hours.reduce((a, b) => (b.calls > a.calls ? b : a));
    for (const h of hours) {
      expect(h.calls, `hour ${h.hour}`).toBeLessThanOrEqual(ctx.budget.perHour);
      expect(h.calls, `hour ${h.hour}`).toBeLessThanOrEqual(MAX_CALLS_PER_HOUR + 3 * h.commands);
    }
    const commandCalls = 3 * commandCount;
    expect((hours.reduce((sum, h) => sum + h.calls, 0) - commandCalls) / hours.length).toBeLessThanOrEqual(MEAN_CALLS_PER_HOUR);
    expect(ctx.netatmoHealth().pollPolicy).toBe('adaptive');
    expect(refused).toEqual([]);
    expect(commandCount).toBeGreaterThanOrEqual(DAYS * 8 - 1);
    expect(ctx.netatmoHealth().status).toBe('ok');

    expect(unexplainedRises).toBe(0);
    expect(revisionRises).toBeGreaterThan(DAYS * 24); // temperatures move: the state is alive

    const first = memory[0]!;
    const last = memory[memory.length - 1]!;
    expect(last.budgetWindow).toBeLessThanOrEqual(ctx.budget.perHour);
    expect(last.stateBytes).toBeLessThan(first.stateBytes * 1.2);
    expect(last.fileBytes).toBeLessThan(first.fileBytes * 1.2);
    if (memory.length > 1) expect(last.heapMb - first.heapMb).toBeLessThan(4);
    const perHour = hours.map((h) => h.calls);
    console.log(
      `soak: ${DAYS} days, ${hours.length} hours, ${commandCount} commands, Netatmo calls/hour max ${worst.calls} (hour ${worst.hour}, ${worst.commands} commands) ` +
        `mean ${(perHour.reduce((a, b) => a + b, 0) / perHour.length).toFixed(1)}, ${revisionRises} revision rises; ` +
        `heap after GC by day ${memory.map((m) => m.heapMb.toFixed(1)).join(' / ')} MB; ` +
        `budget window ${last.budgetWindow} calls, state ${first.stateBytes} → ${last.stateBytes} B, data file ${first.fileBytes} → ${last.fileBytes} B`,
    );
  }, 240_000);
});
