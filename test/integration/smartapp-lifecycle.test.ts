// The SmartApp over real HTTP: signed lifecycle calls to the real /smartapp route of a real
// bridge (cloud path) polling the Netatmo simulator, against a fake SmartThings cloud. Asserts
// the exact outgoing SmartThings calls.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Room } from '../../src/model/types.js';
import type { FakeCall } from '../fakes/fake-smartthings.js';
import { APP_ID, configOf, configurationBody, deviceCommandsBody, INSTALLED_APP_ID, installBody, startCloudRig, uninstallBody, updateBody, type CloudRig } from './smartapp-helpers.js';

let rig: CloudRig | undefined;
afterEach(async () => {
  expect(rig?.st.violations ?? []).toEqual([]);
  await rig?.stop();
  rig = undefined;
});

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Starts a rig, polls once and installs the app (cloud path); resolves when the devices exist. */
async function installed(): Promise<{ rig: CloudRig; rooms: Room[]; homeId: string; tokens: { authToken: string; refreshToken: string } }> {
  const r = await startCloudRig();
  rig = r;
  expect((await r.t.bridge.context.poller.pollNow()).ok).toBe(true);
  const home = r.t.bridge.context.state.homes[0]!;
  const tokens = r.st.issueTokens(INSTALLED_APP_ID);
  const res = await r.lifecycle(installBody(tokens, configOf({ preferredPath: 'cloud' })));
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ statusCode: 200, installData: {} });
  await vi.waitFor(() => expect(r.st.callsTo('POST', /^\/devices\/[^/]+\/events$/)).toHaveLength(1 + home.rooms.length), { timeout: 5_000 });
  return { rig: r, rooms: home.rooms, homeId: home.id, tokens };
}

function externalIdsCreated(calls: FakeCall[]): string[] {
  return calls.map((c) => (c.body as { app: { externalId: string } }).app.externalId);
}

describe('SmartApp lifecycles', () => {
  it('answers PING unsigned, refuses unsigned or tampered calls with 401, answers CONFIRMATION and logs its URL', async () => {
    rig = await startCloudRig();
    const ping = await rig.lifecycle({ lifecycle: 'PING', executionId: 'x', pingData: { challenge: 'c-123' } }, { signed: false });
    expect(await ping.json()).toEqual({ statusCode: 200, pingData: { challenge: 'c-123' } });

    const unsigned = await rig.lifecycle(configurationBody('INITIALIZE'), { signed: false });
    expect(unsigned.status).toBe(401);

    // A valid signature over another body: the Digest no longer matches.
    const signedHeaders = rig.signer.headers('/smartapp', JSON.stringify(configurationBody('INITIALIZE')));
    const tampered = await fetch(`${rig.t.bridge.url}/smartapp`, { method: 'POST', headers: signedHeaders, body: JSON.stringify(uninstallBody()) });
    expect(tampered.status).toBe(401);

    const confirmationUrl = 'https://api.smartthings.com/apps/confirm?token=abc';
    const confirm = await rig.lifecycle({ messageType: 'CONFIRMATION', lifecycle: 'CONFIRMATION', confirmationData: { appId: APP_ID, confirmationUrl } });
    expect(confirm.status).toBe(200);
    expect(await confirm.json()).toEqual({ targetUrl: `http://127.0.0.1:${rig.port}/smartapp` });
    const logged = rig.t.logs.find('apps:register');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.msg).toContain(confirmationUrl);
    expect(rig.st.calls).toHaveLength(0);
  });

  it('serves INITIALIZE and the pages, checking the bridge account on the homes page', async () => {
    rig = await startCloudRig();
    await rig.t.bridge.context.poller.pollNow();
    const init = (await (await rig.lifecycle(configurationBody('INITIALIZE'))).json()) as { configurationData: { initialize: Record<string, unknown> } };
    expect(init.configurationData.initialize).toMatchObject({
      id: APP_ID,
      firstPageId: 'netatmo',
      permissions: ['r:devices:*', 'w:devices:*', 'r:deviceprofiles', 'w:deviceprofiles', 'i:deviceprofiles', 'r:locations:*'],
    });

    const first = (await (await rig.lifecycle(configurationBody('PAGE', 'netatmo'))).json()) as { configurationData: { page: { nextPageId: string; sections: { settings: { id: string; type: string; name: string }[] }[] } } };
    const settings = first.configurationData.page.sections.flatMap((s) => s.settings);
    expect(settings.map((s) => [s.id, s.type])).toEqual([
      ['netatmoStatus', 'PARAGRAPH'],
      ['connectNetatmo', 'LINK'],
      ['manualEntry', 'PAGE'],
    ]);
    expect(settings.every((s) => !s.name.startsWith('pages.'))).toBe(true);

    const homes = (await (await rig.lifecycle(configurationBody('PAGE', 'homes', configOf({})))).json()) as { configurationData: { page: { sections: { settings: Record<string, unknown>[] }[] } } };
    const all = homes.configurationData.page.sections.flatMap((s) => s.settings);
    expect(all.find((s) => s.id === 'accountCheck')).toMatchObject({ description: 'Using the Netatmo account already connected to this bridge.' });
    const home = rig.t.bridge.context.state.homes[0]!;
    expect(all.find((s) => s.id === 'homes')).toMatchObject({ type: 'ENUM', multiple: true, options: [{ id: home.id, name: home.name }] });
  });

  it('checks typed Netatmo credentials with a real refresh and says clearly when Netatmo refuses', async () => {
    rig = await startCloudRig();
    const sim = rig.t.simulator;
    const bad = configOf({ netatmoClientId: sim.clientId, netatmoClientSecret: sim.clientSecret, netatmoRefreshToken: 'not-a-token' });
    const refused = JSON.stringify(await (await rig.lifecycle(configurationBody('PAGE', 'homes', bad))).json());
    expect(refused).toContain('Netatmo refused the refresh token');
    expect(refused).not.toContain(sim.clientSecret);

    const good = configOf({ netatmoClientId: sim.clientId, netatmoClientSecret: sim.clientSecret, netatmoRefreshToken: sim.issueRefreshToken() });
    const accepted = JSON.stringify(await (await rig.lifecycle(configurationBody('PAGE', 'homes', good))).json());
    expect(accepted).toContain('Netatmo accepted these credentials');
    expect(rig.t.bridge.context.store.data.netatmo.credentials).toEqual({ clientId: sim.clientId, clientSecret: sim.clientSecret });
    // Shown again (e.g. back and forth): the consumed token is not refreshed a second time.
    const tokenCalls = sim.calls.list({ endpoint: 'oauth2/token' }).length;
    await rig.lifecycle(configurationBody('PAGE', 'homes', good));
    expect(sim.calls.list({ endpoint: 'oauth2/token' })).toHaveLength(tokenCalls);
  });

  it('INSTALL creates one home device and one device per heating room, app-owned, then posts their state', async () => {
    const { rig: r, rooms, homeId } = await installed();
    const creates = r.st.callsTo('POST', /^\/devices$/);
    expect(creates).toHaveLength(1 + rooms.length);
    expect(externalIdsCreated(creates).sort()).toEqual([`home:${homeId}`, ...rooms.map((room) => `room:${homeId}:${room.id}`)].sort());
    for (const call of creates) {
      expect(call.body).toMatchObject({ locationId: expect.any(String), app: { installedAppId: INSTALLED_APP_ID, profileId: expect.any(String) } });
    }
    // Existing devices listed first (no duplicates after a restart), profiles found or created once.
    const order = r.st.calls.map((c) => `${c.method} ${c.path.replace(/[0-9a-f-]{36}/g, ':id')}`);
    expect(order.indexOf('GET /devices')).toBeLessThan(order.indexOf('POST /devices'));
    expect(r.st.callsTo('POST', /^\/deviceprofiles$/).map((c) => (c.body as { name: string }).name)).toEqual(['netatmo-cloud-home.v2', 'netatmo-cloud-room.v2']);

    const room = rooms[0]!;
    const roomDevice = [...r.st.devices.values()].find((d) => d.app.externalId === `room:${homeId}:${room.id}`)!;
    const posted = r.st.events.get(roomDevice.deviceId)![0] as { capability: string; attribute: string; value: unknown }[];
    expect(posted).toContainEqual({ component: 'main', capability: 'thermostatMode', attribute: 'supportedThermostatModes', value: ['schedule', 'manual', 'heat', 'off'] });
    expect(posted.find((e) => e.attribute === 'heatingSetpoint')).toMatchObject({ value: r.t.bridge.context.state.homes[0]!.rooms[0]!.setpointC, unit: 'C' });
    const record = r.t.bridge.context.store.data.smartthings.contexts[INSTALLED_APP_ID]!;
    expect(Object.keys((record.bridge as { devices: Record<string, string> }).devices)).toHaveLength(1 + rooms.length);
    expect(r.t.bridge.context.store.data.settings.preferredPath).toBe('cloud');
  });

  it('a DEVICE_COMMANDS_EVENT setHeatingSetpoint reaches Netatmo and one createEvents answers it; a poll without change calls SmartThings zero times', async () => {
    const { rig: r, rooms, homeId } = await installed();
    const before = r.st.calls.length;
    const polled = await r.t.bridge.context.poller.pollNow();
    expect(polled.ok).toBe(true);
    expect(polled.changed).toBe(false);
    await settle();
    expect(r.st.calls).toHaveLength(before);

    const room = rooms[0]!;
    const device = [...r.st.devices.values()].find((d) => d.app.externalId === `room:${homeId}:${room.id}`)!;
    const eventsBefore = r.st.callsTo('POST', /\/events$/).length;
    const res = await r.lifecycle(
      deviceCommandsBody(r.st.issueTokens(INSTALLED_APP_ID).authToken, { deviceId: device.deviceId, externalId: device.app.externalId!, profileId: device.app.profile.id }, [
        { capability: 'thermostatHeatingSetpoint', command: 'setHeatingSetpoint', arguments: [21.5] },
      ]),
    );
    expect(res.status).toBe(200);
    const writes = r.t.simulator.calls.list({ endpoint: 'setroomthermpoint' });
    expect(writes).toHaveLength(1);
    expect(writes[0]!.params).toMatchObject({ home_id: homeId, room_id: room.id, mode: 'manual', temp: '21.5' });
    await settle();
    const answers = r.st.callsTo('POST', /\/events$/).slice(eventsBefore);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.path).toBe(`/devices/${device.deviceId}/events`);
    const sent = (answers[0]!.body as { deviceEvents: { attribute: string; value: unknown }[] }).deviceEvents;
    expect(sent).toContainEqual(expect.objectContaining({ attribute: 'heatingSetpoint', value: 21.5 }));
    expect(sent).toContainEqual(expect.objectContaining({ attribute: 'thermostatMode', value: 'manual' }));
  });

  it('posts the unchanged value back when Netatmo refuses a command', async () => {
    const { rig: r, rooms, homeId } = await installed();
    const room = rooms[0]!;
    const device = [...r.st.devices.values()].find((d) => d.app.externalId === `room:${homeId}:${room.id}`)!;
    r.t.simulator.faults.inject({ kind: 'server_error', endpoints: ['setroomthermpoint', 'setstate'], httpStatus: 500 });
    const eventsBefore = r.st.callsTo('POST', /\/events$/).length;
    const res = await r.lifecycle(
      deviceCommandsBody(r.st.issueTokens(INSTALLED_APP_ID).authToken, { deviceId: device.deviceId, externalId: device.app.externalId!, profileId: device.app.profile.id }, [
        { capability: 'thermostatHeatingSetpoint', command: 'setHeatingSetpoint', arguments: [25] },
      ]),
    );
    expect(res.status).toBe(200);
    await settle();
    const answers = r.st.callsTo('POST', /\/events$/).slice(eventsBefore);
    expect(answers).toHaveLength(1);
    const sent = (answers[0]!.body as { deviceEvents: { attribute: string; value: unknown }[] }).deviceEvents;
    expect(sent.find((e) => e.attribute === 'heatingSetpoint')?.value).toBe(room.setpointC);
  });

  it('refreshes an expired SmartThings token through the context store and keeps pushing', async () => {
    const { rig: r, rooms, homeId } = await installed();
    r.st.expireAccessTokens();
    const oldRefresh = r.t.bridge.context.store.data.smartthings.contexts[INSTALLED_APP_ID]!.refreshToken;
    const eventsBefore = r.st.callsTo('POST', /\/events$/).filter((c) => c.status === 200).length;
    await r.t.bridge.context.commands.setRoomMode(homeId, rooms[0]!.id, { mode: 'boost', durationMinutes: 30 });
    await vi.waitFor(() => expect(r.st.callsTo('POST', /\/events$/).filter((c) => c.status === 200).length).toBe(eventsBefore + 1), { timeout: 5_000 });
    const refresh = r.st.callsTo('POST', /^\/oauth\/token$/);
    expect(refresh).toHaveLength(1);
    expect(refresh[0]!.auth).toBe('basic');
    const record = r.t.bridge.context.store.data.smartthings.contexts[INSTALLED_APP_ID]!;
    expect(record.refreshToken).not.toBe(oldRefresh);
    expect(record.refreshToken).toMatch(/^refresh-/);
  });

  it('never duplicates devices after a restart, keeps a device whose room is gone offline instead of deleting it, and forgets the app on UNINSTALL', async () => {
    const { rig: r, rooms, homeId } = await installed();
    const created = r.st.callsTo('POST', /^\/devices$/).length;
    const dataDir = r.t.dataDir;
    const st = r.st;
    const signer = r.signer;
    await r.stop({ keepData: true });
    rig = await startCloudRig({ dataDir, st, signer });
    await rig.t.bridge.context.poller.pollNow();
    // A device of a room the homes no longer have: kept (automations point at it), shown offline.
    const stray = [...st.devices.values()].find((d) => d.app.externalId === `room:${homeId}:${rooms[0]!.id}`)!;
    stray.app.externalId = `room:${homeId}:gone`;
    const res = await rig.lifecycle(updateBody(st.issueTokens(INSTALLED_APP_ID), configOf({ preferredPath: 'cloud' })));
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(st.callsTo('POST', /^\/devices$/)).toHaveLength(created + 1), { timeout: 5_000 });
    await vi.waitFor(() => expect(st.events.get(stray.deviceId)?.at(-1)).toEqual([{ component: 'main', capability: 'healthCheck', attribute: 'healthStatus', value: 'offline' }]), { timeout: 5_000 });
    expect(st.callsTo('DELETE', /^\/devices\//)).toHaveLength(0);
    expect(st.devices.size).toBe(2 + rooms.length);
    const data = rig.t.bridge.context.store.data.smartthings.contexts[INSTALLED_APP_ID]!.bridge as { missingSince: Record<string, string> };
    expect(Object.keys(data.missingSince)).toEqual([`room:${homeId}:gone`]);

    const bye = await rig.lifecycle(uninstallBody());
    expect(bye.status).toBe(200);
    await vi.waitFor(() => expect(rig!.t.bridge.context.store.data.smartthings.contexts[INSTALLED_APP_ID]).toBeUndefined());
    await st.stop();
  });

  it('masks secret settings in the stored context', async () => {
    rig = await startCloudRig();
    await rig.t.bridge.context.poller.pollNow();
    const tokens = rig.st.issueTokens(INSTALLED_APP_ID);
    const config = configOf({ netatmoClientSecret: 'super-secret-value', netatmoRefreshToken: 'refresh-secret-value' });
    expect((await rig.lifecycle(installBody(tokens, config))).status).toBe(200);
    await vi.waitFor(() => expect(rig!.st.callsTo('POST', /\/events$/).length).toBeGreaterThan(0), { timeout: 5_000 });
    const file = JSON.stringify(rig.t.bridge.context.store.data.smartthings);
    expect(file).not.toContain('super-secret-value');
    expect(file).not.toContain('refresh-secret-value');
    expect(rig.t.logs.text()).not.toContain('super-secret-value');
    expect(rig.t.logs.text()).not.toContain(tokens.refreshToken);
  });
});
