// EVENT lifecycles with every command the two device profiles expose (enumerated from the shipped
// profile definitions and the capability table, so a new capability cannot go untested): each
// answers 200, reaches Netatmo when it should, and is answered by events that fit the capability
// definitions (the fake refuses any that do not).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOME_DEFINITION, ROOM_DEFINITION, type DeviceDefinition } from '../../src/smartthings/profile-definitions.js';
import { CAPABILITIES } from '../fakes/st-capabilities.js';
import { deviceCommandsBody, installApp, INSTALLED_APP_ID, startCloudRig, type CloudRig } from './smartapp-helpers.js';

/** What a command must do on the Netatmo side: the endpoint it writes, or none (refused / read-only). */
type Expectation = { netatmo: string | null; args?: unknown[] };

const ROOM: Record<string, Expectation[]> = {
  'thermostatHeatingSetpoint/setHeatingSetpoint': [{ netatmo: 'setroomthermpoint', args: [21.5] }],
  'thermostatMode/setThermostatMode': [
    { netatmo: 'setroomthermpoint', args: ['manual'] },
    { netatmo: 'setroomthermpoint', args: ['heat'] },
    { netatmo: 'setroomthermpoint', args: ['off'] },
    { netatmo: 'setroomthermpoint', args: ['schedule'] },
    { netatmo: null, args: ['away'] },
  ],
  'thermostatMode/auto': [{ netatmo: 'setroomthermpoint' }],
  'thermostatMode/heat': [{ netatmo: 'setroomthermpoint' }],
  'thermostatMode/off': [{ netatmo: 'setroomthermpoint' }],
  'thermostatMode/cool': [{ netatmo: null }],
  'thermostatMode/emergencyHeat': [{ netatmo: null }],
  'refresh/refresh': [{ netatmo: 'homestatus' }],
  'healthCheck/ping': [{ netatmo: null }],
};

const HOME: Record<string, Expectation[]> = {
  'thermostatMode/setThermostatMode': [
    { netatmo: 'setthermmode', args: ['away'] },
    { netatmo: 'setthermmode', args: ['frostguard'] },
    { netatmo: 'setthermmode', args: ['schedule'] },
    { netatmo: null, args: ['manual'] },
  ],
  'thermostatMode/auto': [{ netatmo: 'setthermmode' }],
  'thermostatMode/off': [{ netatmo: 'setthermmode' }],
  'thermostatMode/heat': [{ netatmo: null }],
  'thermostatMode/cool': [{ netatmo: null }],
  'thermostatMode/emergencyHeat': [{ netatmo: null }],
  'mode/setMode': [{ netatmo: 'switchhomeschedule', args: ['<other schedule>'] }],
  'momentary/push': [{ netatmo: 'setthermmode' }],
  // Refreshes close together share the last poll (the room's, a moment ago): no second homestatus.
  'refresh/refresh': [{ netatmo: null }],
  'healthCheck/ping': [{ netatmo: null }],
};

/** Every component/capability/command of a profile, per the capability definitions. */
function commandsOf(definition: DeviceDefinition): string[] {
  return definition.components.flatMap((component) => component.capabilities.flatMap((cap) => Object.keys(CAPABILITIES[cap.id]?.commands ?? {}).map((command) => `${cap.id}/${command}`)));
}

let rig: CloudRig;
let homeId: string;
let roomId: string;

beforeAll(async () => {
  rig = await startCloudRig();
  const installed = await installApp(rig);
  homeId = installed.homeId;
  roomId = installed.roomIds[0]!;
});
afterAll(async () => {
  await rig.stop();
});

describe('SmartApp DEVICE_COMMANDS_EVENT for every command of both profiles', () => {
  it('the expectation tables cover exactly the commands the profiles expose', () => {
    expect(Object.keys(ROOM).sort()).toEqual(commandsOf(ROOM_DEFINITION).sort());
    expect(Object.keys(HOME).sort()).toEqual(commandsOf(HOME_DEFINITION).sort());
  });

  for (const [kind, table] of [['room', ROOM], ['home', HOME]] as const) {
    for (const [key, cases] of Object.entries(table)) {
      for (const expectation of cases) {
        it(`${kind}: ${key}(${(expectation.args ?? []).join(', ')}) → ${expectation.netatmo ?? 'no Netatmo write'}, answered with valid events`, async () => {
          const externalId = kind === 'room' ? `room:${homeId}:${roomId}` : `home:${homeId}`;
          const device = [...rig.st.devices.values()].find((d) => d.app.externalId === externalId)!;
          const [capability, command] = key.split('/') as [string, string];
          const args = (expectation.args ?? []).map((a) => (a === '<other schedule>' ? otherScheduleName() : a));
          const netatmoBefore = expectation.netatmo ? rig.t.simulator.calls.list({ endpoint: expectation.netatmo }).length : 0;
          const writesBefore = netatmoWrites();
          const eventsBefore = rig.st.events.get(device.deviceId)?.length ?? 0;

          const res = await rig.lifecycle(deviceCommandsBody(rig.st.issueTokens(INSTALLED_APP_ID).authToken, { deviceId: device.deviceId, externalId, profileId: device.app.profile.id }, [{ capability, command, arguments: args }]));
          expect(res.status).toBe(200);
          expect(await res.json()).toEqual({ statusCode: 200, eventData: {} });
          if (expectation.netatmo) {
            await vi.waitFor(() => expect(rig.t.simulator.calls.list({ endpoint: expectation.netatmo! }).length).toBeGreaterThan(netatmoBefore), { timeout: 5_000 });
          } else {
            expect(netatmoWrites()).toBe(writesBefore);
          }
          await vi.waitFor(() => expect(rig.st.events.get(device.deviceId)?.length ?? 0).toBeGreaterThan(eventsBefore), { timeout: 5_000 });
          expect(rig.st.violations).toEqual([]);
        });
      }
    }
  }
});

function netatmoWrites(): number {
  return ['setroomthermpoint', 'setthermmode', 'switchhomeschedule', 'setstate'].reduce((n, endpoint) => n + rig.t.simulator.calls.list({ endpoint }).length, 0);
}

function otherScheduleName(): string {
  const home = rig.t.bridge.context.state.homes.find((h) => h.id === homeId)!;
  return home.schedules.find((s) => !s.selected)!.name;
}
