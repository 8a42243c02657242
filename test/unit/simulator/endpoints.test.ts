import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/simulator/index.js';
import { startHarness, type Harness, type Json } from './sim-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.sim.stop();
  h = undefined;
});

function roomIdByName(harness: Harness, name: string, homeId = harness.homeId): string {
  const room = harness.sim.world.rooms(homeId).find((r) => r.name === name);
  if (!room) throw new Error(`no room ${name}`);
  return room.id;
}

describe('simulator reads', () => {
  it('homesdata describes the simulated home like a real capture', async () => {
    h = await startHarness();
    const res = await h.api('homesdata');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', time_server: Math.floor(h.clock.now() / 1000) });
    expect(typeof res.json.time_exec).toBe('number');
    const home = res.json.body.homes[0];
    expect(home.id).toMatch(/^[0-9a-f]{24}$/);
    expect(home.name).toBe('Simulated home');
    expect(home).toMatchObject({ timezone: 'Europe/Paris', therm_mode: 'schedule', therm_setpoint_default_duration: 180 });
    const types = home.modules.map((m: Json) => m.type).sort();
    expect(types).toEqual(['NAMain', 'NAModule1', 'NAPlug', 'NATherm1', 'NRV', 'NRV', 'NRV', 'NRV', 'NRV']);
    const office = home.rooms.find((r: Json) => r.name === 'Office');
    expect(office.module_ids).toHaveLength(2);
    const schedules = home.schedules.map((s: Json) => [s.name, s.selected, s.type, s.away_temp, s.hg_temp]);
    expect(schedules).toEqual([
      ['Standard', true, 'therm', 14, 7],
      ['Work from home', false, 'therm', 14, 7],
    ]);
    const timetable = home.schedules[0].timetable as { m_offset: number }[];
    expect(timetable.every((t) => t.m_offset >= 0 && t.m_offset < 10080)).toBe(true);
    expect(res.json.body.user.email).toContain('simulated');
  });

  it('homestatus works with GET query and POST form, with the real field names', async () => {
    h = await startHarness();
    const get = await h.api('homestatus', { home_id: h.homeId });
    const post = await h.api('homestatus', { home_id: h.homeId }, { method: 'POST' });
    expect(get.status).toBe(200);
    expect(post.json.body).toEqual(get.json.body);
    const living = get.json.body.home.rooms.find((r: Json) => r.id === roomIdByName(h!, 'Living room'));
    expect(Object.keys(living).sort()).toEqual(
      ['anticipating', 'id', 'reachable', 'therm_measured_temperature', 'therm_setpoint_end_time', 'therm_setpoint_mode', 'therm_setpoint_start_time', 'therm_setpoint_temperature'].sort(),
    );
    // 10:00 on a Monday: Standard schedule, Eco zone (living room 18 °C) until 17:30 Paris.
    expect(living).toMatchObject({ therm_setpoint_mode: 'schedule', therm_setpoint_temperature: 18, therm_setpoint_end_time: Date.UTC(2025, 0, 6, 16, 30) / 1000 });
    const bedroom = get.json.body.home.rooms.find((r: Json) => r.id === roomIdByName(h!, 'Bedroom'));
    expect(bedroom).toHaveProperty('heating_power_request');
    expect(bedroom).toHaveProperty('open_window', false);
    const thermostat = get.json.body.home.modules.find((m: Json) => m.type === 'NATherm1');
    expect(thermostat).toMatchObject({ reachable: true, battery_state: expect.any(String), boiler_status: expect.any(Boolean) });
    expect(thermostat.battery_level).toBeGreaterThan(3800);
    const valve = get.json.body.home.modules.find((m: Json) => m.type === 'NRV');
    expect(valve.bridge).toMatch(/^70:ee:50/);
  });

  it('homestatus: missing home_id → 400 code 10, unknown → 400 code 21', async () => {
    h = await startHarness();
    const missing = await h.api('homestatus');
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ error: { code: 10, message: 'Missing home_id' } });
    const unknown = await h.api('homestatus', { home_id: '000000000000000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ error: { code: 21, message: 'Invalid id' } });
  });

  it('getroommeasure answers the optimize=true shape, and the map shape with optimize=false', async () => {
    h = await startHarness();
    const roomId = roomIdByName(h, 'Bedroom');
    const res = await h.api('getroommeasure', { home_id: h.homeId, room_id: roomId, scale: '1hour', type: 'temperature,sp_temperature', limit: 24 });
    expect(res.status).toBe(200);
    const [segment] = res.json.body;
    expect(segment.step_time).toBe(3600);
    expect(segment.value).toHaveLength(24);
    expect(segment.value[0]).toHaveLength(2);
    for (const [temp, sp] of segment.value) {
      expect(temp).toBeGreaterThan(10);
      expect(temp).toBeLessThan(30);
      // Bucket averages of the Bedroom's schedule temperatures (16.5 / 17 / 19).
      expect(sp).toBeGreaterThanOrEqual(16.5);
      expect(sp).toBeLessThanOrEqual(19);
    }
    const again = await h.api('getroommeasure', { home_id: h.homeId, room_id: roomId, scale: '1hour', type: 'temperature,sp_temperature', limit: 24 });
    expect(again.json.body).toEqual(res.json.body);

    const map = await h.api('getroommeasure', { home_id: h.homeId, room_id: roomId, scale: '1day', type: 'min_temp,max_temp', limit: 3, optimize: 'false' });
    const entries = Object.entries<number[]>(map.json.body);
    expect(entries).toHaveLength(3);
    for (const [, [min, max]] of entries) expect(min!).toBeLessThanOrEqual(max!);

    const wrongScale = await h.api('getroommeasure', { home_id: h.homeId, room_id: roomId, scale: '1day', type: 'sp_temperature' });
    expect(wrongScale.json.error.code).toBe(21);
    const missing = await h.api('getroommeasure', { home_id: h.homeId, room_id: roomId });
    expect(missing.json.error.code).toBe(10);
  });

  it('unknown methods answer 404 code 31, and control routes are not under /api', async () => {
    h = await startHarness();
    const unknown = await h.api('getthermostatsdata');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe(31);
    const control = await h.api('__sim/state');
    expect(control.status).toBe(404);
    expect(control.json.error.code).toBe(31);
    const wrongMethod = await h.api('setthermmode', { home_id: h.homeId, mode: 'away' });
    expect(wrongMethod.status).toBe(405);
  });

  it('the same seed gives the same topology; another seed does not', async () => {
    const a = await startSimulator({ seed: 42 });
    const b = await startSimulator({ seed: 42 });
    const c = await startSimulator({ seed: 43 });
    try {
      const ids = (s: typeof a) => s.world.homes.map((home) => [home.id, home.rooms.map((r) => r.id), home.modules.map((m) => m.id)]);
      expect(ids(a)).toEqual(ids(b));
      expect(ids(a)).not.toEqual(ids(c));
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });
});

describe('simulator writes', () => {
  it('setroomthermpoint manual applies the home default duration and shows in homestatus', async () => {
    h = await startHarness();
    const roomId = roomIdByName(h, 'Bedroom');
    const res = await h.api('setroomthermpoint', { home_id: h.homeId, room_id: roomId, mode: 'manual', temp: '21.5' }, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['status', 'time_exec', 'time_server']);
    const nowS = Math.floor(h.clock.now() / 1000);
    const room = h.sim.world.room(h.homeId, roomId);
    expect(room).toMatchObject({ setpointMode: 'manual', setpointTemperature: 21.5, setpointStartTime: nowS, setpointEndTime: nowS + 180 * 60 });
    // mode=home releases the room back to the schedule.
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: roomId, mode: 'home' }, { method: 'POST' });
    expect(h.sim.world.room(h.homeId, roomId).setpointMode).toBe('schedule');
  });

  it('setroomthermpoint errors: max on a valve room, past endtime, bad ids, missing mode', async () => {
    h = await startHarness();
    const valveRoom = roomIdByName(h, 'Kitchen');
    const post = (params: Record<string, string | number>) => h!.api('setroomthermpoint', { home_id: h!.homeId, ...params }, { method: 'POST' });
    const max = await post({ room_id: valveRoom, mode: 'max' });
    expect(max.status).toBe(400);
    expect(max.json).toEqual({ error: { code: 21, message: 'Max mode can only be applied on thermostat room' } });
    const thermostatMax = await post({ room_id: roomIdByName(h, 'Living room'), mode: 'max' });
    expect(thermostatMax.status).toBe(200);
    const past = await post({ room_id: valveRoom, mode: 'manual', temp: 20, endtime: Math.floor(h.clock.now() / 1000) - 60 });
    expect(past.status).toBe(400);
    expect(past.json.error.code).toBe(25);
    expect((await post({ room_id: '123', mode: 'manual', temp: 20 })).json.error).toEqual({ code: 21, message: 'Invalid id' });
    expect((await post({ room_id: valveRoom })).json.error.code).toBe(10);
    expect((await post({ room_id: valveRoom, mode: 'turbo' })).json.error.code).toBe(21);
    const noHome = await h.api('setroomthermpoint', { room_id: valveRoom, mode: 'home' }, { method: 'POST' });
    expect(noHome.json.error).toEqual({ code: 10, message: 'Missing home_id' });
  });

  it('setthermmode: away uses away_temp, bad mode → 21, missing → 10, schedule resets rooms', async () => {
    h = await startHarness();
    const post = (params: Record<string, string | number>) => h!.api('setthermmode', { home_id: h!.homeId, ...params }, { method: 'POST' });
    expect((await post({ mode: 'holiday' })).json.error).toEqual({ code: 21, message: 'mode not authorized' });
    expect((await post({})).json.error).toEqual({ code: 10, message: 'mode is missing' });
    const roomId = roomIdByName(h, 'Kitchen');
    expect((await post({ mode: 'away' })).status).toBe(200);
    expect(h.sim.world.room(h.homeId, roomId)).toMatchObject({ setpointMode: 'away', setpointTemperature: 14, setpointEndTime: 0 });
    const data = await h.api('homesdata');
    expect(data.json.body.homes[0].therm_mode).toBe('away');
    expect((await post({ mode: 'hg' })).status).toBe(200);
    expect(h.sim.world.room(h.homeId, roomId)).toMatchObject({ setpointMode: 'hg', setpointTemperature: 7 });
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: roomId, mode: 'manual', temp: 22 }, { method: 'POST' });
    expect((await post({ mode: 'schedule' })).status).toBe(200);
    expect(h.sim.world.room(h.homeId, roomId).setpointMode).toBe('schedule');
  });

  it('switchhomeschedule switches the selected therm schedule; a foreign id → code 21', async () => {
    h = await startHarness();
    const data = await h.api('homesdata');
    const wfh = data.json.body.homes[0].schedules[1].id as string;
    const bad = await h.api('switchhomeschedule', { home_id: h.homeId, schedule_id: 'ffffffffffffffffffffffff' }, { method: 'POST' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toEqual({ code: 21, message: 'schedule ffffffffffffffffffffffff is not therm schedule' });
    expect((await h.api('switchhomeschedule', { home_id: h.homeId, schedule_id: wfh }, { method: 'POST' })).status).toBe(200);
    const after = await h.api('homesdata');
    expect(after.json.body.homes[0].schedules.map((s: Json) => s.selected)).toEqual([false, true]);
    // Work from home keeps comfort all day: 10:00 Monday is comfort now (living room 21 + 0.5).
    expect(h.sim.world.room(h.homeId, roomIdByName(h, 'Living room')).setpointTemperature).toBe(21.5);
  });
});

describe('simulator OpenTherm home (multi-home)', () => {
  it('refuses setroomthermpoint with 500 code 11 and accepts setstate', async () => {
    h = await startHarness({ scenario: 'multi-home' });
    const homes = (await h.api('homesdata')).json.body.homes;
    expect(homes).toHaveLength(2);
    const otHome = homes[1];
    expect(otHome.modules.map((m: Json) => m.type)).toEqual(expect.arrayContaining(['OTH', 'OTM', 'NRV']));
    const lounge = otHome.rooms.find((r: Json) => r.name === 'Lounge').id as string;
    const legacy = await h.api('setroomthermpoint', { home_id: otHome.id, room_id: lounge, mode: 'manual', temp: 22 }, { method: 'POST' });
    expect(legacy.status).toBe(500);
    expect(legacy.json).toEqual({ error: { code: 11, message: 'device.setThermPoint is not a function' } });

    const endS = Math.floor(h.clock.now() / 1000) + 3600;
    const ok = await h.api('setstate', {}, { method: 'POST', json: { home: { id: otHome.id, rooms: [{ id: lounge, therm_setpoint_mode: 'manual', therm_setpoint_temperature: 22, therm_setpoint_end_time: endS }] } } });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe('ok');
    expect(h.sim.world.room(otHome.id, lounge)).toMatchObject({ setpointMode: 'manual', setpointTemperature: 22, setpointEndTime: endS });

    const forever = await h.api('setstate', {}, { method: 'POST', json: { home: { id: otHome.id, rooms: [{ id: lounge, therm_setpoint_mode: 'hg', therm_setpoint_end_time: 2147483647 }] } } });
    expect(forever.status).toBe(200);
    expect(h.sim.world.room(otHome.id, lounge)).toMatchObject({ setpointMode: 'hg', setpointTemperature: 7, setpointEndTime: 0 });

    const valveRoom = otHome.rooms.find((r: Json) => r.name === 'Study').id as string;
    const maxValve = await h.api('setstate', {}, { method: 'POST', json: { home: { id: otHome.id, rooms: [{ id: valveRoom, therm_setpoint_mode: 'max' }] } } });
    expect(maxValve.json.error.code).toBe(21);
    const status = await h.api('homestatus', { home_id: otHome.id });
    const otm = status.json.body.home.modules.find((m: Json) => m.type === 'OTM');
    expect(otm).toHaveProperty('boiler_status');
  });

  it('answers code 40 for a body that is not JSON', async () => {
    h = await startHarness();
    const res = await fetch(`${h.sim.url}/api/setstate`, { method: 'POST', headers: { authorization: `Bearer ${h.accessToken}`, 'content-type': 'application/json' }, body: '{"home":' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error.code).toBe(40);
  });
});
