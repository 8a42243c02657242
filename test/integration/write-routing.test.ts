// Write routing over real HTTP: room writes take the path pyatmo uses (room.py
// async_therm_set). In a home with a Smarther (BNS) or OpenTherm (OTM) thermostat, a Smart
// Thermostat (NATherm1) room is still written with setroomthermpoint; valve, BNS and OTM rooms go
// through setstate — which the simulator enforces the way Netatmo does (500 code 11 otherwise).
import { afterEach, describe, expect, it } from 'vitest';
import { commandResultSchema } from '../../src/lan/contract-schemas.js';
import type { Home, Room } from '../../src/model/types.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function smartherHome(): Promise<{ t: TestBridge; home: Home; byName: (name: string) => Room }> {
  t = await startTestBridge({ simulator: { scenario: 'smarther' } });
  expect((await t.bridge.context.poller.pollNow()).ok).toBe(true);
  const home = t.bridge.context.state.homes.find((h) => h.name === 'Simulated Smarther home')!;
  expect(home.requiresSetState).toBe(true);
  return { t, home, byName: (name) => home.rooms.find((r) => r.name === name)! };
}

async function post(tb: TestBridge, path: string, body?: unknown): Promise<{ revision: number; home: Home }> {
  const res = await tb.api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.status).toBe(200);
  return commandResultSchema.parse(await res.json());
}

describe('room writes in a Smarther (BNS) home', () => {
  it('the Smart Thermostat room is written with setroomthermpoint (max for boost), the BNS and valve rooms with setstate', async () => {
    const { t, home, byName } = await smartherHome();
    const thermostat = byName('Living room');
    const bns = byName('Corridor');
    const valve = byName('Bedroom');

    await post(t, `/api/v1/homes/${home.id}/rooms/${thermostat.id}/setpoint`, { temperatureC: 22.5 });
    await post(t, `/api/v1/homes/${home.id}/rooms/${thermostat.id}/mode`, { mode: 'boost' });
    expect(t.simulator.calls.list({ endpoint: 'setroomthermpoint' }).map((c) => [c.params.room_id, c.params.mode, c.httpStatus])).toEqual([
      [thermostat.id, 'manual', 200],
      [thermostat.id, 'max', 200],
    ]);

    await post(t, `/api/v1/homes/${home.id}/rooms/${bns.id}/mode`, { mode: 'boost' });
    const result = await post(t, `/api/v1/homes/${home.id}/rooms/${valve.id}/mode`, { mode: 'boost' });
    const setstate = t.simulator.calls.list({ endpoint: 'setstate' });
    expect(setstate.map((c) => c.httpStatus)).toEqual([200, 200]);
    expect(setstate.map((c) => (c.params.home as { rooms: unknown[] }).rooms)).toEqual([
      [{ id: bns.id, therm_setpoint_mode: 'max' }],
      [{ id: valve.id, therm_setpoint_mode: 'manual', therm_setpoint_temperature: 30 }],
    ]);
    expect(t.simulator.calls.count('setroomthermpoint')).toBe(2);
    expect(result.home.rooms.find((r) => r.id === valve.id)).toMatchObject({ setpointMode: 'manual', setpointC: 30 });
    expect(t.simulator.world.room(home.id, thermostat.id)).toMatchObject({ setpointMode: 'max' });
  });

  it('back to schedule: setthermmode, setroomthermpoint home for the thermostat room, one setstate for the others', async () => {
    const { t, home, byName } = await smartherHome();
    const rooms = [byName('Living room'), byName('Corridor'), byName('Bedroom')];
    for (const room of rooms) await post(t, `/api/v1/homes/${home.id}/rooms/${room.id}/setpoint`, { temperatureC: 23 });
    const before = { thermpoint: t.simulator.calls.count('setroomthermpoint'), setstate: t.simulator.calls.count('setstate') };

    const result = await post(t, `/api/v1/homes/${home.id}/back-to-schedule`);
    expect(t.simulator.calls.list({ endpoint: 'setthermmode' }).map((c) => c.params.mode)).toEqual(['schedule']);
    const thermpoint = t.simulator.calls.list({ endpoint: 'setroomthermpoint' }).slice(before.thermpoint);
    expect(thermpoint.map((c) => [c.params.room_id, c.params.mode, c.httpStatus])).toEqual([[rooms[0]!.id, 'home', 200]]);
    const setstate = t.simulator.calls.list({ endpoint: 'setstate' }).slice(before.setstate);
    expect(setstate).toHaveLength(1);
    expect((setstate[0]!.params.home as { rooms: { id: string }[] }).rooms.map((r) => r.id).sort()).toEqual([rooms[1]!.id, rooms[2]!.id].sort());
    expect(result.home.rooms.every((r) => r.setpointMode === 'schedule')).toBe(true);
  });
});
