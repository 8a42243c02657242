// One policy through the simulated week: the built-in simulator (module-reports mode) and a real
// bridge (startBridge: the Poller with the policy, the state service, the LAN API and its long
// poll) on one fake clock that jumps from one moment something happens to the next — the next
// heartbeat tick at which a poll is due, the next change — so a week takes seconds. No sleeps.
// Latency of a change = from its time at Netatmo to when the hub holds data the bridge read at or
// after it (the first poll at or after the change, then the hub's long poll or periodic read).
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge } from '../../src/app.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { seededRandom } from '../../src/simulator/random.js';
import { silentLogger } from '../../src/util/logger.js';
import { testConfig } from '../../test/helpers/bridge.js';
import { appChanges, applyAppChange, observable, pendingEnds, timetableEntries, type AppChange, type EventClass } from './events.js';
import { LongPollHub, periodicHubReadAt, type Receipt } from './hub.js';
import type { FreshnessOptions } from './options.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2026-11-23 00:00 in Paris (the simulated home's time zone; no DST change for weeks). */
export const START = Date.parse('2026-11-23T00:00:00+01:00');
/** After the last change the run goes on this long, so every change is delivered. */
const TAIL_MS = 40 * 60_000;

export interface PolicySpec {
  name: string;
  env: Record<string, string>;
  hub: { kind: 'long-poll' } | { kind: 'periodic'; periodS: number };
}

export const POLICIES: PolicySpec[] = [
  { name: 'earlier-bridge', env: { POLL_POLICY: 'fixed', POLL_INTERVAL_S: '300' }, hub: { kind: 'periodic', periodS: 300 } },
  { name: 'fixed-60', env: { POLL_POLICY: 'fixed', POLL_INTERVAL_S: '60' }, hub: { kind: 'periodic', periodS: 15 } },
  { name: 'adaptive', env: { POLL_POLICY: 'adaptive' }, hub: { kind: 'long-poll' } },
];

export interface PolicyRun {
  name: string;
  /** Latencies in seconds per class. */
  latencies: Record<EventClass, number[]>;
  /** Netatmo calls per simulated hour, per home. */
  callsPerHour: number[];
  budgetPerHour: number;
}

interface Pending {
  at: number;
  kind: 'app' | 'timetable' | 'end' | 'report';
  change?: AppChange;
  roomId?: string;
}

interface Seen {
  at: number;
  cls: EventClass;
}

class Queue {
  readonly items: Pending[] = [];
  add(item: Pending): void {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.at <= item.at) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
  }
  nextAt(): number {
    return this.items[0]?.at ?? Number.POSITIVE_INFINITY;
  }
  /** Every item due at or before `at`. */
  takeUntil(at: number): Pending[] {
    let n = 0;
    while (n < this.items.length && this.items[n]!.at <= at) n++;
    return this.items.splice(0, n);
  }
}

function dataRoot(): string {
  // A RAM disk when there is one: the bridge saves its state after every change.
  return existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

function schedule(sim: RunningSimulator, homeId: string, options: FreshnessOptions, seed: number, from: number, end: number): Queue {
  const queue = new Queue();
  const days = options.warmDays + options.days;
  for (const change of appChanges(seed, from, days, options.eventsPerDay, options.activeHours, options.activeShare)) queue.add({ at: change.at, kind: 'app', change });
  for (const at of timetableEntries(sim.world, homeId, from, end)) queue.add({ at, kind: 'timetable' });
  for (const room of sim.world.rooms(homeId).filter((r) => r.kind !== 'other')) {
    const times = new Set<number>();
    for (const s of sim.world.reportSchedules(homeId, room.id)) {
      for (let at = s.phaseMs + Math.ceil((from - s.phaseMs) / s.periodMs) * s.periodMs; at < end; at += s.periodMs) times.add(at);
    }
    for (const at of times) queue.add({ at, kind: 'report', roomId: room.id });
  }
  return queue;
}

/** Runs one moment's changes; returns the visible ones. */
function happen(sim: RunningSimulator, homeId: string, items: Pending[], at: number, setClock: (ms: number) => void, queue: Queue, end: number): Seen[] {
  setClock(at - 1);
  const before = observable(sim.world, homeId);
  setClock(at);
  for (const item of items) {
    if (item.kind !== 'app' || !item.change) continue;
    const endsBefore = new Set(pendingEnds(sim.world, homeId));
    applyAppChange(sim.world, homeId, item.change, at);
    for (const endAt of pendingEnds(sim.world, homeId)) if (!endsBefore.has(endAt) && endAt < end) queue.add({ at: endAt, kind: 'end' });
  }
  const after = observable(sim.world, homeId);
  const seen: Seen[] = [];
  const setpointsMoved = before.setpoints !== after.setpoints;
  if (setpointsMoved && items.some((i) => i.kind === 'app')) seen.push({ at, cls: 'app' });
  else if (setpointsMoved && items.some((i) => i.kind === 'timetable' || i.kind === 'end')) seen.push({ at, cls: 'schedule' });
  for (const item of items) {
    if (item.kind === 'report' && item.roomId && before.temps.get(item.roomId) !== after.temps.get(item.roomId)) seen.push({ at, cls: 'measurement' });
  }
  return seen;
}

/** The bridge starts a seeded moment before the week: its polls are not lined up with the clock's minutes. */
function warmUpMs(seed: number): number {
  return (1 + ((seed * 7_919) % 299)) * 1000;
}

export async function runPolicy(spec: PolicySpec, options: FreshnessOptions, seed: number): Promise<PolicyRun> {
  // Warm-up days come before the measured week (whole days: the same weekdays and hours).
  const from = START - options.warmDays * DAY;
  let clock = from - warmUpMs(seed);
  const now = (): number => clock;
  const sim = await startSimulator({ clock: now, seed, rateLimits: false, measurements: 'module-reports' });
  const dataDir = await mkdtemp(path.join(dataRoot(), 'bench-freshness-'));
  const calls: Record<string, string> = spec.name === 'adaptive' && options.adaptiveCalls ? { ADAPTIVE_CALLS_PER_HOUR: String(options.adaptiveCalls.perHour), ADAPTIVE_MAX_CALLS_PER_HOUR: String(options.adaptiveCalls.maxPerHour) } : {};
  const env = { NETATMO_API_URL: sim.url, NETATMO_CLIENT_ID: sim.clientId, NETATMO_CLIENT_SECRET: sim.clientSecret, NETATMO_REFRESH_TOKEN: sim.issueRefreshToken(), LOG_LEVEL: 'silent', ...spec.env, ...calls };
  let bridge: Bridge | null = null;
  let hub: LongPollHub | null = null;
  try {
    bridge = await startBridge({ config: testConfig(dataDir, env), logger: silentLogger(), manualPolling: true, now, monotonicNow: now });
    const { context } = bridge;
    const homeId = sim.world.homeIds()[0]!;
    const end = START + options.days * DAY;
    const queue = schedule(sim, homeId, options, seed, from, end);
    const polls: { at: number; revision: number }[] = [];
    const revisions: Receipt[] = [{ at: clock, revision: context.state.revision }];
    context.state.onChange((change) => revisions.push({ at: clock, revision: change.revision }));
    // Each Netatmo answer takes a moment (0.25–0.75 s, seeded): polls end after they start, so a
    // periodic hub's reads drift against the bridge's polls as they do in a real home.
    const latency = seededRandom(seed * 31 + 5);
    context.events.on('netatmoCall', () => {
      clock += 250 + Math.round(latency() * 500);
    });
    context.events.on('pollFinished', (result) => {
      if (result.ok) polls.push({ at: clock, revision: context.state.revision });
    });
    if (spec.hub.kind === 'long-poll') {
      hub = new LongPollHub(bridge.url, context.store.data.lanToken, now);
      hub.start();
    }
    const seen: Seen[] = [];
    const callsPerHour: number[] = [];
    let hourEnd = from + HOUR;
    // Without warm-up days the start-up's calls (token, homesdata) count in the first hour.
    const stopAt = end + TAIL_MS;
    while (clock < stopAt) {
      while (clock >= hourEnd) {
        if (hourEnd > START && hourEnd <= end) callsPerHour.push(sim.calls.list().filter((c) => c.endpoint !== 'webhook').length);
        sim.calls.clear();
        hourEnd += HOUR;
      }
      // The heartbeat ticks on whole seconds; a change that fell inside a poll (while its calls took
      // their time) happens just after it.
      const dueTick = Math.ceil(Math.max(clock + 1, context.poller.nextPollAt) / 1000) * 1000;
      const eventAt = Math.max(queue.nextAt(), clock + 1);
      const at = Math.min(dueTick, eventAt, hourEnd);
      if (eventAt === at) seen.push(...happen(sim, homeId, queue.takeUntil(queue.nextAt()), at, (ms) => (clock = ms), queue, end));
      clock = at;
      if (at === dueTick) await context.poller.tick();
      if (hub && context.state.revision > hub.lastRevision) await hub.waitFor(context.state.revision);
    }
    const receipts = hub ? hub.receipts : null;
    const latencies = deliver(seen.filter((event) => event.at >= START), polls, revisions, receipts, spec);
    return { name: spec.name, latencies, callsPerHour, budgetPerHour: context.budget.perHour };
  } finally {
    await hub?.stop();
    await bridge?.stop();
    await sim.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function firstAtOrAfter<T extends { at: number }>(list: readonly T[], at: number): T | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  return list[lo];
}

function firstWithRevision(list: readonly Receipt[], revision: number): Receipt | undefined {
  return list.find((r) => r.revision >= revision);
}

function deliver(seen: Seen[], polls: { at: number; revision: number }[], revisions: Receipt[], receipts: Receipt[] | null, spec: PolicySpec): Record<EventClass, number[]> {
  const out: Record<EventClass, number[]> = { schedule: [], app: [], measurement: [] };
  const phase = 7_000;
  for (const event of seen) {
    const poll = firstAtOrAfter(polls, event.at);
    if (!poll) throw new Error(`${spec.name}: a change at ${new Date(event.at).toISOString()} was never polled`);
    let deliveredAt: number;
    if (receipts) {
      const receipt = firstWithRevision(receipts, poll.revision);
      if (!receipt) throw new Error(`${spec.name}: the hub never received revision ${poll.revision}`);
      deliveredAt = Math.max(poll.at, receipt.at);
    } else {
      const reached = firstWithRevision(revisions, poll.revision)?.at ?? poll.at;
      const periodMs = spec.hub.kind === 'periodic' ? spec.hub.periodS * 1000 : 0;
      deliveredAt = Math.max(poll.at, periodicHubReadAt(reached, periodMs, phase));
    }
    out[event.cls].push((deliveredAt - event.at) / 1000);
  }
  return out;
}
