// Write refusals over real HTTP: Netatmo reports a partial failure of a write as HTTP 200
// {"status":"ok","body":{"errors":[…]}}. That is a refusal: the LAN API answers 502 with Netatmo's
// code and message, nothing stays published, and the SmartApp posts the unchanged value back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBodySchema, netatmoErrorDetailsSchema } from '../../src/lan/contract-schemas.js';
import type { Home } from '../../src/model/types.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { configOf, deviceCommandsBody, INSTALLED_APP_ID, installBody, startCloudRig, type CloudRig } from './smartapp-helpers.js';

let t: TestBridge | undefined;
let rig: CloudRig | undefined;
afterEach(async () => {
  await t?.stop();
  await rig?.stop();
  t = undefined;
  rig = undefined;
});

function post(tb: TestBridge, path: string, body?: unknown): Promise<Response> {
  return tb.api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function stateOf(tb: TestBridge): Promise<{ revision: number; homes: Home[] }> {
  return (await (await tb.api('/api/v1/state')).json()) as { revision: number; homes: Home[] };
}

describe('Netatmo writes answered 200 with body.errors', () => {
  it('the LAN API answers 502 with the code and message of the first error; state, revision and pending values unchanged', async () => {
    t = await startTestBridge();
    expect((await t.bridge.context.poller.pollNow()).ok).toBe(true);
    const home = t.bridge.context.state.homes[0]!;
    const room = home.rooms.find((r) => r.kind === 'valves')!;
    t.simulator.faults.inject({ kind: 'write_errors', count: 1, netatmoCode: 6, netatmoMessage: 'Device unreachable' });
    const before = await stateOf(t);

    const res = await post(t, `/api/v1/homes/${home.id}/rooms/${room.id}/setpoint`, { temperatureC: 24 });
    expect(res.status).toBe(502);
    const body = errorBodySchema.parse(await res.json());
    expect(body.error.code).toBe('netatmo_error');
    expect(body.error.message).toContain('Device unreachable');
    expect(netatmoErrorDetailsSchema.parse(body.error.details)).toEqual({ netatmoCode: 6, netatmoMessage: 'Device unreachable' });
    expect(await stateOf(t)).toEqual(before);
    expect((t.bridge.context.commands as unknown as { pendingCount(): number }).pendingCount()).toBe(0);
    expect(t.simulator.calls.list({ endpoint: 'setroomthermpoint' }).map((c) => c.httpStatus)).toEqual([200]);
    // Netatmo did not apply it either: the next poll agrees with what clients were shown.
    expect((await t.bridge.context.poller.pollNow()).ok).toBe(true);
    expect(t.bridge.context.state.home(home.id)!.rooms.find((r) => r.id === room.id)!.setpointC).toBe(room.setpointC);
  });

  it('back to schedule: the home mode Netatmo accepted stays shown, the refused room keeps its override', async () => {
    t = await startTestBridge();
    expect((await t.bridge.context.poller.pollNow()).ok).toBe(true);
    const home = t.bridge.context.state.homes[0]!;
    const room = home.rooms.find((r) => r.kind === 'thermostat')!;
    expect((await post(t, `/api/v1/homes/${home.id}/mode`, { mode: 'away' })).status).toBe(200);
    expect((await post(t, `/api/v1/homes/${home.id}/rooms/${room.id}/setpoint`, { temperatureC: 23 })).status).toBe(200);
    t.simulator.faults.inject({ kind: 'write_errors', endpoints: ['setroomthermpoint'], count: 1 });

    const res = await post(t, `/api/v1/homes/${home.id}/back-to-schedule`);
    expect(res.status).toBe(502);
    expect(netatmoErrorDetailsSchema.parse(errorBodySchema.parse(await res.json()).error.details)).toEqual({ netatmoCode: 21, netatmoMessage: 'Invalid value' });
    const after = (await stateOf(t)).homes.find((h) => h.id === home.id)!;
    expect(after.mode).toBe('schedule');
    expect(after.rooms.find((r) => r.id === room.id)).toMatchObject({ setpointMode: 'manual', setpointC: 23 });
  });

  it('the SmartApp posts the unchanged setpoint back and Netatmo keeps it', async () => {
    rig = await startCloudRig();
    const r = rig;
    expect((await r.t.bridge.context.poller.pollNow()).ok).toBe(true);
    const home = r.t.bridge.context.state.homes[0]!;
    const room = home.rooms[0]!;
    expect((await r.lifecycle(installBody(r.st.issueTokens(INSTALLED_APP_ID), configOf({ preferredPath: 'cloud' })))).status).toBe(200);
    await vi.waitFor(() => expect(r.st.callsTo('POST', /^\/devices\/[^/]+\/events$/)).toHaveLength(1 + home.rooms.length), { timeout: 5_000 });
    const device = [...r.st.devices.values()].find((d) => d.app.externalId === `room:${home.id}:${room.id}`)!;
    r.t.simulator.faults.inject({ kind: 'write_errors', count: 1 });
    const eventsBefore = r.st.callsTo('POST', /\/events$/).length;

    const res = await r.lifecycle(
      deviceCommandsBody(r.st.issueTokens(INSTALLED_APP_ID).authToken, { deviceId: device.deviceId, externalId: device.app.externalId!, profileId: device.app.profile.id }, [
        { capability: 'thermostatHeatingSetpoint', command: 'setHeatingSetpoint', arguments: [25] },
      ]),
    );
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(r.st.callsTo('POST', /\/events$/).length).toBeGreaterThan(eventsBefore), { timeout: 5_000 });
    const sent = (r.st.callsTo('POST', /\/events$/)[eventsBefore]!.body as { deviceEvents: { attribute: string; value: unknown }[] }).deviceEvents;
    expect(sent.find((e) => e.attribute === 'heatingSetpoint')?.value).toBe(room.setpointC);
    expect(r.t.bridge.context.state.home(home.id)!.rooms[0]!.setpointC).toBe(room.setpointC);
    expect(r.t.logs.find('refused').length + r.t.logs.find('command failed').length).toBeGreaterThan(0);
  });
});
