// Device profiles the documented way: the scopes to list and create them, profile bodies with
// documented fields only, the setpoint range in a device configuration linked by metadata.vid /
// mnmn, and a clear way out when SmartThings refuses — profiles made beforehand with the CLI.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PERMISSIONS } from '../../src/smartthings/sdk-app.js';
import { deviceConfigRequest, deviceProfileRequest, HOME_DEFINITION, ROOM_DEFINITION } from '../../src/smartthings/profile-definitions.js';
import { deviceConfigCreate, deviceConfigProblems, deviceProfileCreate } from '../fakes/st-request-schemas.js';
import { configOf, fetchPage, installApp, INSTALLED_APP_ID, installBody, settingsOf, startCloudRig, updateBody, type CloudRig } from './smartapp-helpers.js';

let rig: CloudRig | undefined;
afterEach(async () => {
  expect(rig?.st.violations ?? []).toEqual([]);
  await rig?.stop();
  rig = undefined;
});

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('SmartApp device profiles', () => {
  it('asks for r:, w: and i:deviceprofiles, in smartapp-config.json and in the INITIALIZE answer alike', async () => {
    const registration = JSON.parse(await readFile(path.join(repoRoot, 'smartapp-config.json'), 'utf8')) as { oauth: { scope: string[] } };
    expect(registration.oauth.scope).toEqual(PERMISSIONS);
    expect(PERMISSIONS).toEqual(expect.arrayContaining(['r:deviceprofiles', 'w:deviceprofiles', 'i:deviceprofiles']));
  });

  it('the shipped definitions are valid CLI input: documented profile fields, a device configuration within the capability definitions', () => {
    for (const definition of [HOME_DEFINITION, ROOM_DEFINITION]) {
      const config = deviceConfigRequest(definition);
      expect(deviceConfigCreate.safeParse(config).success).toBe(true);
      expect(deviceConfigProblems(deviceConfigCreate.parse(config))).toEqual([]);
      expect(deviceProfileCreate.safeParse(deviceProfileRequest(definition, { presentationId: 'p', manufacturerName: 'm' })).success).toBe(true);
    }
  });

  it('creates each profile after its device configuration and links them; the setpoint range lives in the configuration only', async () => {
    rig = await startCloudRig();
    await installApp(rig);
    const [configHome, profileHome, configRoom, profileRoom] = rig.st.calls.filter((c) => c.method === 'POST' && /^\/(presentation|deviceprofiles)/.test(c.path));
    expect([configHome?.path, profileHome?.path, configRoom?.path, profileRoom?.path]).toEqual(['/presentation/deviceconfig', '/deviceprofiles', '/presentation/deviceconfig', '/deviceprofiles']);
    const room = [...rig.st.profiles.values()].find((p) => p.name === 'netatmo-cloud-room.v2')!;
    expect(JSON.stringify(room.body)).not.toContain('range');
    const linked = rig.st.deviceConfigs.get(room.body.metadata!.vid!)!;
    expect(room.body.metadata).toMatchObject({ mnmn: linked.manufacturerName });
    expect(linked.body.detailView.find((e) => e.capability === 'thermostatHeatingSetpoint')?.values).toEqual([{ key: 'heatingSetpoint.value', range: [7, 30], step: 0.5 }]);
    // Every device uses one of the two profiles.
    expect(new Set([...rig.st.devices.values()].map((d) => d.app.profile.id)).size).toBe(2);
  });

  it('when SmartThings refuses to list and create profiles: no devices, an actionable sentence on the options page; profile ids made with the CLI fix it', async () => {
    rig = await startCloudRig();
    await rig.t.bridge.context.poller.pollNow();
    rig.st.failNext('GET', /^\/deviceprofiles$/, 403, 1_000);
    rig.st.failNext('POST', /^\/presentation\/deviceconfig$/, 403, 1_000);
    expect((await rig.lifecycle(installBody(rig.st.issueTokens(INSTALLED_APP_ID), configOf({ preferredPath: 'cloud' })))).status).toBe(200);
    const problemOnPage = async () => settingsOf(await fetchPage(rig!, 'options', configOf({ preferredPath: 'cloud' }))).find((s) => s.id === 'syncProblem');
    await vi.waitFor(async () => expect(await problemOnPage()).toBeDefined(), { timeout: 5_000 });
    expect(rig.t.logs.find('no SmartThings devices can be created')).toHaveLength(1);
    expect(rig.st.devices.size).toBe(0);
    const problem = await problemOnPage();
    expect(problem?.description).toMatch(/HTTP 403.*r:deviceprofiles \/ w:deviceprofiles.*deviceprofiles:view:create -i src\/smartthings\/profiles\/netatmo-cloud-home\.json.*Options page/);

    // The user creates both profiles with the CLI (same definitions) and enters their ids.
    const ids = await cliCreatedProfiles(rig);
    const listsBefore = rig.st.callsTo('GET', /^\/deviceprofiles$/).length;
    const update = configOf({ preferredPath: 'cloud', homeProfileId: ids.home, roomProfileId: ids.room });
    expect((await rig.lifecycle(updateBody(rig.st.issueTokens(INSTALLED_APP_ID), update))).status).toBe(200);
    const rooms = rig.t.bridge.context.state.homes[0]!.rooms.length;
    await vi.waitFor(() => expect(rig!.st.devices.size).toBe(1 + rooms), { timeout: 5_000 });
    expect(new Set([...rig.st.devices.values()].map((d) => d.app.profile.id))).toEqual(new Set([ids.home, ids.room]));
    expect(rig.st.callsTo('GET', /^\/deviceprofiles$/)).toHaveLength(listsBefore);
    await vi.waitFor(async () => expect(settingsOf(await fetchPage(rig!, 'options', update)).find((s) => s.id === 'syncProblem')).toBeUndefined(), { timeout: 5_000 });
  });

  it('a refused list alone does not stop the bridge: it creates the profiles and the devices', async () => {
    rig = await startCloudRig();
    rig.st.failNext('GET', /^\/deviceprofiles$/, 403, 1_000);
    await installApp(rig);
    expect(rig.st.profiles.size).toBe(2);
    expect(rig.st.devices.size).toBe(1 + rig.t.bridge.context.state.homes[0]!.rooms.length);
  });
});

/** What `smartthings deviceprofiles:view:create -i <file>` does with the shipped files, straight into the fake. */
async function cliCreatedProfiles(r: CloudRig): Promise<{ home: string; room: string }> {
  const create = async (definition: typeof HOME_DEFINITION): Promise<string> => {
    const config = (await (await fetch(`${r.st.url}/presentation/deviceconfig`, post(r, deviceConfigRequest(definition)))).json()) as { presentationId: string; manufacturerName: string };
    const profile = (await (await fetch(`${r.st.url}/deviceprofiles`, post(r, deviceProfileRequest(definition, config)))).json()) as { id: string };
    return profile.id;
  };
  r.st.clearFailures();
  return { home: await create(HOME_DEFINITION), room: await create(ROOM_DEFINITION) };
}

function post(r: CloudRig, body: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${r.st.issueTokens('cli-user').authToken}` }, body: JSON.stringify(body) };
}
