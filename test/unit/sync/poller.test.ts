// Poller scheduling rules with a scripted NetatmoApi (the outside world) and a hand-driven clock.
import { describe, expect, it } from 'vitest';
import type { RawHomeStatusBody, RawHomesDataBody } from '../../../src/model/netatmo-raw.js';
import type { NetatmoApi } from '../../../src/netatmo/api.js';
import { NetatmoError } from '../../../src/netatmo/errors.js';
import { HealthTracker } from '../../../src/sync/health.js';
import { Poller, TOPOLOGY_REFRESH_MS } from '../../../src/sync/poller.js';
import type { PollPolicy } from '../../../src/sync/poll-timing.js';
import { StateService } from '../../../src/sync/state-service.js';
import { silentLogger } from '../../../src/util/logger.js';

const HOME = 'aaaaaaaaaaaaaaaaaaaaaaaa';

function topology(roomIds: string[]): RawHomesDataBody {
  return {
    homes: [
      {
        id: HOME,
        name: 'Home',
        therm_mode: 'schedule',
        rooms: roomIds.map((id) => ({ id, name: `Room ${id}`, module_ids: [`70:ee:50:00:00:${id.slice(-2)}`] })),
        modules: roomIds.map((id) => ({ id: `70:ee:50:00:00:${id.slice(-2)}`, type: 'NRV', room_id: id })),
        schedules: [{ id: 'bbbbbbbbbbbbbbbbbbbbbbbb', name: 'Standard', type: 'therm', selected: true, away_temp: 14, hg_temp: 7 }],
      },
    ],
  };
}

function status(roomIds: string[], temp: number): RawHomeStatusBody {
  return {
    home: {
      id: HOME,
      rooms: roomIds.map((id) => ({ id, reachable: true, therm_measured_temperature: temp, therm_setpoint_temperature: 19, therm_setpoint_mode: 'schedule', heating_power_request: 0 })),
      modules: roomIds.map((id) => ({ id: `70:ee:50:00:00:${id.slice(-2)}`, type: 'NRV', reachable: true, battery_state: 'high', rf_strength: 65 })),
    },
  };
}

class ScriptedApi implements Partial<NetatmoApi> {
  calls: string[] = [];
  topologyRooms = ['1001'];
  statusRooms = ['1001'];
  temp = 20;
  failWith: Error | null = null;
  gate: Promise<void> | null = null;

  homesData = async (): Promise<RawHomesDataBody> => {
    this.calls.push('homesdata');
    await Promise.resolve();
    if (this.failWith) throw this.failWith;
    return topology(this.topologyRooms);
  };

  homeStatus = async (): Promise<RawHomeStatusBody> => {
    this.calls.push('homestatus');
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
    return status(this.statusRooms, this.temp);
  };
}

function setup(options: { intervalS?: number; stretchTo?: number; backoffMs?: number; policy?: PollPolicy } = {}) {
  let clock = Date.parse('2026-11-26T10:00:00Z');
  const now = () => clock;
  const api = new ScriptedApi();
  const state = new StateService({ revision: 0, homes: [], changedAt: null, now });
  const health = new HealthTracker({ staleThresholdS: 600, now });
  const poller = new Poller({
    api: api as unknown as NetatmoApi,
    state,
    health,
    logger: silentLogger(),
    pollIntervalS: options.intervalS ?? 60,
    now,
    scheduler: {
      effectiveIntervalS: (base) => Math.max(base, options.stretchTo ?? 0),
      backoffRemainingMs: () => options.backoffMs ?? 0,
    },
    policy: options.policy,
  });
  return { api, state, health, poller, advance: (ms: number) => (clock += ms), now };
}

describe('Poller', () => {
  it('reads homesdata at start, then only homestatus until the hourly topology refresh', async () => {
    const { api, poller, advance } = setup();
    await poller.tick();
    expect(api.calls).toEqual(['homesdata', 'homestatus']);
    advance(60_000);
    await poller.tick();
    expect(api.calls).toEqual(['homesdata', 'homestatus', 'homestatus']);
    advance(TOPOLOGY_REFRESH_MS);
    await poller.tick();
    expect(api.calls.slice(-2)).toEqual(['homesdata', 'homestatus']);
  });

  it('does not poll before the interval is over', async () => {
    const { api, poller, advance } = setup({ intervalS: 90 });
    await poller.tick();
    advance(89_000);
    expect(await poller.tick()).toBeNull();
    advance(1_000);
    expect(await poller.tick()).not.toBeNull();
    expect(api.calls.filter((c) => c === 'homestatus')).toHaveLength(2);
  });

  it('never overlaps: a tick during a running poll is skipped and a refresh joins it', async () => {
    const { api, poller, advance } = setup();
    let release!: () => void;
    api.gate = new Promise((resolve) => (release = resolve));
    const running = poller.pollNow();
    advance(120_000);
    expect(await poller.tick()).toBeNull();
    const joined = poller.pollNow();
    expect(joined).toBe(running);
    release();
    await running;
    expect(api.calls.filter((c) => c === 'homestatus')).toHaveLength(1);
  });

  it('re-reads homesdata when homestatus shows a room it does not know', async () => {
    const { api, poller, state, advance } = setup();
    await poller.tick();
    api.statusRooms = ['1001', '1002'];
    api.topologyRooms = ['1001', '1002'];
    advance(60_000);
    await poller.tick();
    expect(api.calls).toEqual(['homesdata', 'homestatus', 'homestatus', 'homesdata']);
    expect(state.homes[0]!.rooms.map((r) => r.id).sort()).toEqual(['1001', '1002']);
  });

  it('raises the revision only when something changed', async () => {
    const { api, poller, state, advance } = setup();
    await poller.tick();
    expect(state.revision).toBe(1);
    advance(60_000);
    await poller.tick();
    expect(state.revision).toBe(1);
    api.temp = 21.5;
    advance(60_000);
    await poller.tick();
    expect(state.revision).toBe(2);
  });

  it('stretches the interval when the budget says so and waits out a back-off', async () => {
    const stretched = setup({ stretchTo: 300 });
    await stretched.poller.tick();
    expect(stretched.poller.nextPollAt - stretched.now()).toBe(300_000);

    const backoff = setup({ backoffMs: 60 * 60_000 });
    await backoff.poller.tick();
    expect(backoff.poller.nextPollAt).toBe(Date.parse('2026-11-26T11:00:00Z'));
  });

  it('counts failures for health, but a local budget refusal is only a deferral', async () => {
    const { api, poller, health, advance } = setup();
    expect(health.status()).toBe('starting');
    await poller.pollNow();
    advance(60_000);
    api.failWith = new NetatmoError({ kind: 'server', code: null, httpStatus: 503, endpoint: 'homestatus', message: 'Netatmo is having trouble (HTTP 503).' });
    for (let i = 0; i < 3; i++) {
      await poller.pollNow();
      advance(60_000);
    }
    expect(health.snapshot().consecutiveFailures).toBe(3);
    expect(health.status()).toBe('degraded');

    api.failWith = new NetatmoError({ kind: 'rate_limited', code: null, httpStatus: null, endpoint: 'homestatus', message: 'budget', retryAfterS: 120 });
    const deferred = await poller.pollNow();
    expect(deferred.deferred).toBe(true);
    expect(health.snapshot().consecutiveFailures).toBe(3);
  });

  it('a confirmation asked for during a poll survives that poll; a later request never delays it', async () => {
    const { api, poller, advance } = setup();
    await poller.tick();
    advance(60_000);
    let release!: () => void;
    api.gate = new Promise((resolve) => (release = resolve));
    const running = poller.tick();
    poller.pollSoon(3_000);
    poller.pollSoon(10_000);
    release();
    await running;
    api.gate = null;
    advance(2_000);
    expect(await poller.tick()).toBeNull();
    advance(1_000);
    expect(await poller.tick()).not.toBeNull();
  });

  it('asks its policy for the next regular poll', async () => {
    const seen: number[] = [];
    const { poller, advance, now } = setup({ policy: { nextRegularDue: ({ endedAt, intervalMs }) => (seen.push(intervalMs), endedAt + 2 * intervalMs) } });
    await poller.tick();
    expect(seen).toEqual([60_000]);
    expect(poller.nextPollAt - now()).toBe(120_000);
    advance(119_000);
    expect(await poller.tick()).toBeNull();
  });

  it('pollSoon brings the next poll forward (confirmation after a command)', async () => {
    const { poller, advance, now } = setup();
    await poller.tick();
    poller.pollSoon(3_000);
    expect(poller.nextPollAt).toBe(now() + 3_000);
    advance(3_000);
    expect(await poller.tick()).not.toBeNull();
  });
});
