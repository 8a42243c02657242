// What happens to the cloud devices when a room or home disappears: a room missing from Netatmo's
// answer keeps its device (users' automations point at it), shown offline, for 7 days — also
// across a restart — then the device is deleted; a home the user removes on the pages loses its
// devices at once.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configOf, installApp, INSTALLED_APP_ID, startCloudRig, updateBody, type CloudRig } from './smartapp-helpers.js';

const DAY_MS = 24 * 60 * 60_000;

let rig: CloudRig | undefined;
afterEach(async () => {
  expect(rig?.st.violations ?? []).toEqual([]);
  await rig?.stop();
  rig = undefined;
});

function deviceOf(r: CloudRig, externalId: string) {
  return [...r.st.devices.values()].find((d) => d.app.externalId === externalId);
}

function lastEvents(r: CloudRig, deviceId: string): unknown[] {
  return r.st.events.get(deviceId)?.at(-1) ?? [];
}

const OFFLINE = [{ component: 'main', capability: 'healthCheck', attribute: 'healthStatus', value: 'offline' }];

function missingSince(r: CloudRig): Record<string, string> {
  const record = r.t.bridge.context.store.data.smartthings.contexts[INSTALLED_APP_ID];
  return ((record?.bridge ?? {}) as { missingSince?: Record<string, string> }).missingSince ?? {};
}

describe('SmartApp devices of rooms and homes that disappear', () => {
  it('a room missing from Netatmo keeps its device offline, survives a restart, and is deleted once 7 days have passed', async () => {
    let now = Date.now();
    rig = await startCloudRig({ now: () => now });
    const { homeId, roomIds } = await installApp(rig);
    const victim = roomIds[roomIds.length - 1]!;
    const device = deviceOf(rig, `room:${homeId}:${victim}`)!;

    rig.t.simulator.world.removeRoom(homeId, victim);
    rig.t.bridge.context.poller.markTopologyDirty();
    expect((await rig.t.bridge.context.poller.pollNow()).ok).toBe(true);
    await vi.waitFor(() => expect(lastEvents(rig!, device.deviceId)).toEqual(OFFLINE), { timeout: 5_000 });
    expect(rig.st.callsTo('DELETE', /^\/devices\//)).toHaveLength(0);
    expect(Object.keys(missingSince(rig))).toEqual([`room:${homeId}:${victim}`]);

    // Six days later, after a restart: still there.
    const { st, signer } = rig;
    const dataDir = rig.t.dataDir;
    const first = rig.t;
    await rig.stop({ keepData: true });
    now += 6 * DAY_MS;
    rig = await startCloudRig({ dataDir, st, signer, now: () => now, existing: first });
    await rig.t.bridge.context.poller.pollNow();
    await rig.lifecycle(updateBody(st.issueTokens(INSTALLED_APP_ID), configOf({ preferredPath: 'cloud' })));
    await rig.t.bridge.context.poller.pollNow();
    expect(st.devices.has(device.deviceId)).toBe(true);

    // Past the 7th day the next reconcile deletes it (the restart re-armed the wake-up from the stored date).
    const dir2 = rig.t.dataDir;
    await rig.stop({ keepData: true });
    now += DAY_MS + 60_000;
    rig = await startCloudRig({ dataDir: dir2, st, signer, now: () => now, existing: first });
    await vi.waitFor(() => expect(st.devices.has(device.deviceId)).toBe(false), { timeout: 5_000 });
    await vi.waitFor(() => expect(missingSince(rig!)).toEqual({}), { timeout: 5_000 });
    expect(st.devices.size).toBe(roomIds.length);
    await rig.stop();
    rig = undefined;
    await st.stop();
    await first.simulator.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a room that comes back within the grace period is online again with the same device', async () => {
    rig = await startCloudRig();
    const { homeId, roomIds } = await installApp(rig);
    const world = rig.t.simulator.world;
    const victim = roomIds[0]!;
    const device = deviceOf(rig, `room:${homeId}:${victim}`)!;
    const unreachableHome = { ...rig.t.bridge.context.state.homes[0]! };
    // A partial homesdata (the room absent from one answer), then the full answer again.
    rig.t.bridge.context.state.replaceHome({ ...unreachableHome, rooms: unreachableHome.rooms.filter((r) => r.id !== victim) });
    await vi.waitFor(() => expect(lastEvents(rig!, device.deviceId)).toEqual(OFFLINE), { timeout: 5_000 });
    rig.t.bridge.context.poller.markTopologyDirty();
    expect((await rig.t.bridge.context.poller.pollNow()).ok).toBe(true);
    await vi.waitFor(() => expect(lastEvents(rig!, device.deviceId)).toContainEqual({ component: 'main', capability: 'healthCheck', attribute: 'healthStatus', value: 'online' }), { timeout: 5_000 });
    expect(world.rooms(homeId).some((r) => r.id === victim)).toBe(true);
    expect(rig.st.callsTo('DELETE', /^\/devices\//)).toHaveLength(0);
    expect(deviceOf(rig, `room:${homeId}:${victim}`)?.deviceId).toBe(device.deviceId);
    await vi.waitFor(() => expect(missingSince(rig!)).toEqual({}), { timeout: 5_000 });
  });

  it('a home the user removes on the homes page loses its devices at once', async () => {
    rig = await startCloudRig({ scenario: 'multi-home' });
    await installApp(rig);
    const [kept, removed] = rig.t.bridge.context.state.homes;
    const removedIds = [`home:${removed!.id}`, ...removed!.rooms.map((r) => `room:${removed!.id}:${r.id}`)];
    expect(removedIds.every((id) => deviceOf(rig!, id))).toBe(true);

    const res = await rig.lifecycle(updateBody(rig.st.issueTokens(INSTALLED_APP_ID), configOf({ preferredPath: 'cloud', homes: [kept!.id] })));
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(removedIds.filter((id) => deviceOf(rig!, id))).toEqual([]), { timeout: 5_000 });
    expect(deviceOf(rig, `home:${kept!.id}`)).toBeDefined();
    await vi.waitFor(() => expect(missingSince(rig!)).toEqual({}), { timeout: 5_000 });
  });
});
