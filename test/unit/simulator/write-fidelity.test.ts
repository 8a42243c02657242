// Simulator write fidelity: the Smarther (BNS) home takes each room on the path pyatmo uses, and
// the write_errors fault answers Netatmo's partial-failure shape without changing anything.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Json } from './sim-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.sim.stop();
  h = undefined;
});

function roomIdOf(home: Json, name: string): string {
  return home.rooms.find((r: Json) => r.name === name).id as string;
}

describe('simulator Smarther home (scenario smarther)', () => {
  it('lists a BNS room beside a Smart Thermostat room and a valve room, the demo home unchanged', async () => {
    const demoOnly = await startHarness();
    const demoHomes = (await demoOnly.api('homesdata')).json.body.homes;
    await demoOnly.sim.stop();
    h = await startHarness({ scenario: 'smarther' });
    const homes = (await h.api('homesdata')).json.body.homes;
    expect(homes).toHaveLength(2);
    expect(homes[0]).toEqual(demoHomes[0]);
    const bnsHome = homes[1];
    expect(bnsHome.modules.map((m: Json) => m.type).sort()).toEqual(['BNS', 'NAPlug', 'NATherm1', 'NRV']);
    const bns = bnsHome.modules.find((m: Json) => m.type === 'BNS');
    expect(bns).not.toHaveProperty('bridge');
    expect(bns.room_id).toBe(roomIdOf(bnsHome, 'Corridor'));
    const status = (await h.api('homestatus', { home_id: bnsHome.id })).json.body.home;
    const bnsStatus = status.modules.find((m: Json) => m.type === 'BNS');
    expect(Object.keys(bnsStatus).sort()).toEqual(['boiler_status', 'boiler_valve_comfort_boost', 'cooler_status', 'firmware_revision', 'id', 'type', 'wifi_strength']);
  });

  it('setroomthermpoint serves the Smart Thermostat room only; the BNS and valve rooms need setstate', async () => {
    h = await startHarness({ scenario: 'smarther' });
    const bnsHome = (await h.api('homesdata')).json.body.homes[1];
    const post = (room: string) => h!.api('setroomthermpoint', { home_id: bnsHome.id, room_id: roomIdOf(bnsHome, room), mode: 'manual', temp: 22 }, { method: 'POST' });
    expect((await post('Living room')).status).toBe(200);
    expect(h.sim.world.room(bnsHome.id, roomIdOf(bnsHome, 'Living room'))).toMatchObject({ setpointMode: 'manual', setpointTemperature: 22 });
    for (const room of ['Corridor', 'Bedroom']) {
      const refused = await post(room);
      expect(refused.status).toBe(500);
      expect(refused.json).toEqual({ error: { code: 11, message: 'device.setThermPoint is not a function' } });
    }
    const corridor = roomIdOf(bnsHome, 'Corridor');
    const ok = await h.api('setstate', {}, { method: 'POST', json: { home: { id: bnsHome.id, rooms: [{ id: corridor, therm_setpoint_mode: 'max' }] } } });
    expect(ok.status).toBe(200);
    expect(h.sim.world.room(bnsHome.id, corridor)).toMatchObject({ kind: 'thermostat', setpointMode: 'max', setpointTemperature: 30 });
  });
});

describe('simulator write_errors fault', () => {
  it('answers 200 status ok with body.errors naming the rooms, and changes nothing', async () => {
    h = await startHarness({ scenario: 'multi-home' });
    const [demo, ot] = (await h.api('homesdata')).json.body.homes;
    const bedroom = roomIdOf(demo, 'Bedroom');
    const before = h.sim.world.room(demo.id, bedroom);
    h.sim.faults.inject({ kind: 'write_errors', count: 2, netatmoCode: 6, netatmoMessage: 'Device unreachable' });
    expect((await h.api('homestatus', { home_id: demo.id })).json.body).not.toHaveProperty('errors');

    const refused = await h.api('setroomthermpoint', { home_id: demo.id, room_id: bedroom, mode: 'manual', temp: 23 }, { method: 'POST' });
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({ status: 'ok', body: { home: { id: demo.id }, errors: [{ code: 6, message: 'Device unreachable', id: bedroom }] } });
    expect(h.sim.world.room(demo.id, bedroom)).toEqual(before);

    const lounge = roomIdOf(ot, 'Lounge');
    const study = roomIdOf(ot, 'Study');
    const batch = await h.api('setstate', {}, { method: 'POST', json: { home: { id: ot.id, rooms: [{ id: lounge, therm_setpoint_mode: 'home' }, { id: study, therm_setpoint_mode: 'home' }] } } });
    expect(batch.json.body.errors.map((e: Json) => e.id)).toEqual([lounge, study]);

    const defaults = h.sim.faults.inject({ kind: 'write_errors', endpoints: ['setthermmode'] });
    const mode = await h.api('setthermmode', { home_id: demo.id, mode: 'away' }, { method: 'POST' });
    expect(mode.json.body.errors).toEqual([{ code: 21, message: 'Invalid value', id: demo.id }]);
    expect(h.sim.world.homes[0]!.thermMode).toBe('schedule');
    h.sim.faults.clear(defaults);
    expect((await h.api('setthermmode', { home_id: demo.id, mode: 'away' }, { method: 'POST' })).json).not.toHaveProperty('body');
    expect(h.sim.calls.list({ endpoint: 'setroomthermpoint' })[0]!.fault).toBe('write_errors');
  });
});
