import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Home } from '../../../src/model/types.js';
import { CloudSync } from '../../../src/smartthings/cloud-sync.js';
import { SmartAppContextStore } from '../../../src/smartthings/context-store.js';
import { defaultSleep, withRetry } from '../../../src/smartthings/retry.js';
import type { CapabilityEvent, LinkHealth } from '../../../src/smartthings/event-mapping.js';
import type { StDeviceApi } from '../../../src/smartthings/st-api.js';
import { silentLogger } from '../../../src/util/logger.js';
import { MemoryStore } from '../../fakes/memory-store.js';
import { home, room } from '../../helpers/model-builders.js';

class FakeApi implements StDeviceApi {
  devices: { deviceId: string; externalId: string | null }[] = [];
  events: { deviceId: string; events: CapabilityEvent[] }[] = [];
  failures: number[] = [];
  calls = 0;
  listDevices() {
    this.calls += 1;
    return Promise.resolve([...this.devices]);
  }
  createDevice(device: { externalId: string }) {
    this.calls += 1;
    const deviceId = `dev-${device.externalId}`;
    this.devices.push({ deviceId, externalId: device.externalId });
    return Promise.resolve(deviceId);
  }
  deleteDevice(deviceId: string) {
    this.calls += 1;
    this.devices = this.devices.filter((d) => d.deviceId !== deviceId);
    return Promise.resolve();
  }
  createEvents(deviceId: string, events: CapabilityEvent[]) {
    this.calls += 1;
    const status = this.failures.shift();
    if (status) return Promise.reject(Object.assign(new Error('http'), { response: { status, headers: {} } }));
    this.events.push({ deviceId, events });
    return Promise.resolve();
  }
  listProfiles() {
    return Promise.resolve([
      { id: 'p-home', name: 'netatmo-cloud-home.v2' },
      { id: 'p-room', name: 'netatmo-cloud-room.v2' },
    ]);
  }
  createProfile(): Promise<{ id: string; name: string }> {
    return Promise.reject(new Error('not expected'));
  }
  createDeviceConfig(): Promise<{ presentationId: string; manufacturerName: string }> {
    return Promise.reject(new Error('not expected'));
  }
}

async function rig(homes: Home[], maxEventsPerRequest?: number) {
  const state = { homes, health: { status: 'ok', stale: false, hubLinked: false } as LinkHealth, cloudPath: true };
  const contexts = new SmartAppContextStore(new MemoryStore());
  await contexts.put({ installedAppId: 'app', locationId: 'loc', authToken: 'a', refreshToken: 'r' });
  const api = new FakeApi();
  const sleeps: number[] = [];
  const pushes: string[] = [];
  const sync = new CloudSync({
    contexts,
    apiFor: () => Promise.resolve(api),
    snapshot: () => state,
    logger: silentLogger(),
    retry: { sleep: (ms) => (sleeps.push(ms), Promise.resolve()) },
    onPush: (p) => pushes.push(p.status),
    maxEventsPerRequest,
  });
  return { state, contexts, api, sync, sleeps, pushes };
}

describe('cloud sync', () => {
  it('reconciles on the first sync, then pushes only changes, one request per device', async () => {
    const r = await rig([home('h1', [room('r1'), room('r2')])]);
    await r.sync.sync('app');
    expect(r.api.devices.map((d) => d.externalId)).toEqual(['home:h1', 'room:h1:r1', 'room:h1:r2']);
    expect(r.api.events.map((e) => e.deviceId)).toEqual(['dev-home:h1', 'dev-room:h1:r1', 'dev-room:h1:r2']);

    const calls = r.api.calls;
    r.sync.notifyChange();
    await r.sync.idle();
    expect(r.api.calls).toBe(calls);

    r.state.homes = [home('h1', [room('r1', { measuredC: 22 }), room('r2')])];
    r.sync.notifyChange();
    r.sync.notifyChange();
    await r.sync.idle();
    expect(r.api.events.slice(3)).toEqual([{ deviceId: 'dev-room:h1:r1', events: [{ component: 'main', capability: 'temperatureMeasurement', attribute: 'temperature', value: 22, unit: 'C' }] }]);
  });

  it('retries 429 and 5xx with back-off, gives up on other 4xx and sends again on the next change', async () => {
    const r = await rig([home('h1', [])]);
    r.api.failures = [429, 503];
    await r.sync.sync('app');
    expect(r.sleeps).toEqual([1000, 2000]);
    expect(r.api.events).toHaveLength(1);
    expect(r.pushes).toEqual(['ok']);

    r.state.homes = [home('h1', [], { mode: 'away' })];
    r.api.failures = [422];
    r.sync.notifyChange();
    await r.sync.idle();
    expect(r.pushes).toEqual(['ok', 'http_422']);
    r.sync.notifyChange();
    await r.sync.idle();
    expect(r.api.events.at(-1)!.events.map((e) => e.value)).toEqual(['away']);
  });

  it('defers change-driven syncs while a command holds the app', async () => {
    const r = await rig([home('h1', [room('r1')])]);
    await r.sync.sync('app');
    const release = r.sync.hold('app');
    r.state.homes = [home('h1', [room('r1', { setpointC: 23 })])];
    r.sync.notifyChange();
    await r.sync.idle();
    expect(r.api.events).toHaveLength(2);
    await r.sync.sync('app', { force: new Map([['room:h1:r1', new Set(['main/thermostatMode/thermostatMode'])]]) });
    release();
    await r.sync.idle();
    expect(r.api.events).toHaveLength(3);
    expect(r.api.events[2]!.events.map((e) => e.attribute).sort()).toEqual(['heatingSetpoint', 'thermostatMode']);
  });

  it('never deletes devices while no homes are known, and deletes them all on the LAN path', async () => {
    const r = await rig([home('h1', [room('r1')])]);
    await r.sync.sync('app');
    r.state.homes = [];
    await r.sync.sync('app', { reconcile: true });
    expect(r.api.devices).toHaveLength(2);
    r.state.cloudPath = false;
    r.state.homes = [home('h1', [room('r1')])];
    await r.sync.sync('app', { reconcile: true });
    expect(r.api.devices).toEqual([]);
    expect(r.contexts.bridgeData('app').devices).toEqual({});
  });

  it('splits the events of one device into requests of at most the batch size', async () => {
    const r = await rig([home('h1', [room('r1')])], 4);
    await r.sync.sync('app');
    const roomBatches = r.api.events.filter((e) => e.deviceId === 'dev-room:h1:r1').map((e) => e.events.length);
    expect(roomBatches.length).toBeGreaterThan(2);
    expect(Math.max(...roomBatches)).toBe(4);
    expect(roomBatches.reduce((a, b) => a + b, 0)).toBe(10);
  });
});

describe('cloud sync retries on a timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a refused push is sent again after 30 s, then 60 s …, without any new change, until SmartThings has the values', async () => {
    vi.useFakeTimers();
    const r = await rig([home('h1', [room('r1')])]);
    await r.sync.sync('app');
    const before = r.api.events.length;
    r.state.homes = [home('h1', [room('r1', { setpointC: 23 })])];
    // Every attempt of the next two syncs fails (4 tries each, the sleeps are instant here).
    r.api.failures = Array.from({ length: 8 }, () => 503);
    r.sync.notifyChange();
    await r.sync.idle();
    expect(r.api.events).toHaveLength(before);

    await vi.advanceTimersByTimeAsync(29_000);
    await r.sync.idle();
    expect(r.api.failures).toHaveLength(4); // not retried before 30 s
    await vi.advanceTimersByTimeAsync(1_000);
    await r.sync.idle();
    expect(r.api.failures).toHaveLength(0);
    expect(r.api.events).toHaveLength(before);

    await vi.advanceTimersByTimeAsync(59_000);
    expect(r.api.events).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(1_000);
    await r.sync.idle();
    expect(r.api.events.slice(before)).toEqual([{ deviceId: 'dev-room:h1:r1', events: [expect.objectContaining({ attribute: 'heatingSetpoint', value: 23 })] }]);

    // Up to date: no more timers.
    const calls = r.api.calls;
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(r.api.calls).toBe(calls);
  });

  it('an unreachable SmartThings context (rejected look-up) is retried, not given up', async () => {
    vi.useFakeTimers();
    const r = await rig([home('h1', [])]);
    let lookups = 0;
    const sync = new CloudSync({
      contexts: r.contexts,
      apiFor: () => (++lookups === 1 ? Promise.reject(new Error('context store unavailable')) : Promise.resolve(r.api)),
      snapshot: () => r.state,
      logger: silentLogger(),
      retry: { sleep: () => Promise.resolve() },
    });
    await sync.sync('app');
    expect(r.api.devices).toEqual([]);
    await vi.advanceTimersByTimeAsync(30_000);
    await sync.idle();
    expect(lookups).toBe(2);
    expect(r.api.devices.map((d) => d.externalId)).toEqual(['home:h1']);
  });

  it('deletes a device whose room has been missing for the grace period when the wake-up fires', async () => {
    vi.useFakeTimers();
    let now = Date.parse('2026-03-01T00:00:00Z');
    const state = { homes: [home('h1', [room('r1'), room('r2')])], health: { status: 'ok', stale: false, hubLinked: false } as LinkHealth, cloudPath: true };
    const contexts = new SmartAppContextStore(new MemoryStore());
    await contexts.put({ installedAppId: 'app', locationId: 'loc', authToken: 'a', refreshToken: 'r' });
    const api = new FakeApi();
    const sync = new CloudSync({ contexts, apiFor: () => Promise.resolve(api), snapshot: () => state, logger: silentLogger(), now: () => now, missingGraceMs: 60_000 });
    await sync.sync('app');
    state.homes = [home('h1', [room('r1')])];
    sync.notifyChange();
    await sync.idle();
    expect(api.devices.map((d) => d.externalId)).toContain('room:h1:r2');
    expect(api.events.at(-1)).toEqual({ deviceId: 'dev-room:h1:r2', events: [{ component: 'main', capability: 'healthCheck', attribute: 'healthStatus', value: 'offline' }] });
    now += 60_000;
    await vi.advanceTimersByTimeAsync(60_000);
    await sync.idle();
    expect(api.devices.map((d) => d.externalId)).toEqual(['home:h1', 'room:h1:r1']);
    expect(contexts.bridgeData('app').missingSince).toEqual({});
  });
});

describe('stopping', () => {
  it('stop() ends a sync waiting to retry: no further attempt, nothing reported as a failure', async () => {
    const r = await rig([home('h1', [])]);
    await r.sync.sync('app');
    const callsBefore = r.api.calls;
    let sleeping: () => void = () => undefined;
    const asleep = new Promise<void>((resolve) => (sleeping = resolve));
    const aborted: unknown[] = [];
    const sync = new CloudSync({
      contexts: r.contexts,
      apiFor: () => Promise.resolve(r.api),
      snapshot: () => r.state,
      logger: silentLogger(),
      // A back-off that only ends when the signal aborts.
      retry: {
        sleep: (_ms, signal) =>
          new Promise<void>((_resolve, reject) => {
            signal?.addEventListener('abort', () => {
              aborted.push(signal.reason);
              reject(signal.reason as Error);
            });
            sleeping();
          }),
      },
      onPush: (p) => r.pushes.push(p.status),
    });
    r.api.failures = [503];
    const pushesBefore = r.pushes.length;
    const running = sync.sync('app', { force: new Map([['home:h1', new Set(['thermostatMode.thermostatMode'])]]) });
    await asleep;
    sync.stop();
    await running;
    await sync.idle();
    expect(aborted).toEqual([new Error('the bridge is stopping')]);
    expect(r.api.calls).toBe(callsBefore + 1);
    expect(r.pushes.slice(pushesBefore)).toEqual([]);
  });

  it('defaultSleep: waits its time, or rejects at once with the reason of an aborted signal', async () => {
    vi.useFakeTimers();
    try {
      const slept = vi.fn();
      void defaultSleep(1_000).then(slept);
      await vi.advanceTimersByTimeAsync(999);
      expect(slept).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(slept).toHaveBeenCalledTimes(1);

      const controller = new AbortController();
      const call = vi.fn(() => Promise.reject(Object.assign(new Error('http'), { response: { status: 503, headers: {} } })));
      const retrying = withRetry(call, { signal: controller.signal }).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(0);
      expect(call).toHaveBeenCalledTimes(1);
      controller.abort(new Error('stop'));
      expect(await retrying).toEqual(new Error('stop'));
      expect(call).toHaveBeenCalledTimes(1);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
