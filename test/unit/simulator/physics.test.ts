import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Json } from './sim-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.sim.stop();
  h = undefined;
});

const HOUR = 3_600_000;

function roomId(harness: Harness, name: string): string {
  return harness.sim.world.rooms(harness.homeId).find((r) => r.name === name)!.id;
}

async function statusRoom(harness: Harness, id: string): Promise<Json> {
  const res = await harness.api('homestatus', { home_id: harness.homeId });
  return res.json.body.home.rooms.find((r: Json) => r.id === id);
}

describe('simulator physics (driven by the injected clock)', () => {
  it('heating raises the temperature at about 1.5 °C/h, with valve demand and boiler status', async () => {
    h = await startHarness();
    const bedroom = roomId(h, 'Bedroom');
    const living = roomId(h, 'Living room');
    h.sim.world.setMeasuredTemperature(h.homeId, bedroom, 17);
    h.sim.world.setMeasuredTemperature(h.homeId, living, 17);
    const endtime = Math.floor(h.clock.now() / 1000) + 24 * 3600;
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: bedroom, mode: 'manual', temp: 23, endtime }, { method: 'POST' });
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: living, mode: 'manual', temp: 23, endtime }, { method: 'POST' });

    const before = await statusRoom(h, bedroom);
    expect(before.heating_power_request).toBeGreaterThan(50);
    const status = await h.api('homestatus', { home_id: h.homeId });
    expect(status.json.body.home.modules.find((m: Json) => m.type === 'NATherm1').boiler_status).toBe(true);

    h.clock.tick(2 * HOUR);
    const after = await statusRoom(h, bedroom);
    const rise = after.therm_measured_temperature - before.therm_measured_temperature;
    expect(rise).toBeGreaterThan(2.6);
    expect(rise).toBeLessThan(3.4);
    expect(after.heating_power_request).toBeLessThan(before.heating_power_request);

    // Once at the setpoint it holds there instead of overshooting.
    h.clock.tick(6 * HOUR);
    const settled = await statusRoom(h, bedroom);
    expect(Math.abs(settled.therm_measured_temperature - 23)).toBeLessThanOrEqual(0.3);
  });

  it('a manual setpoint expires at its end time and the room returns to the schedule', async () => {
    h = await startHarness();
    const kitchen = roomId(h, 'Kitchen');
    const endS = Math.floor(h.clock.now() / 1000) + 1800;
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: kitchen, mode: 'manual', temp: 24, endtime: endS }, { method: 'POST' });
    expect(await statusRoom(h, kitchen)).toMatchObject({ therm_setpoint_mode: 'manual', therm_setpoint_temperature: 24, therm_setpoint_end_time: endS });
    h.clock.tick(31 * 60_000);
    const back = await statusRoom(h, kitchen);
    expect(back).toMatchObject({ therm_setpoint_mode: 'schedule', therm_setpoint_temperature: 17 });
  });

  it('cools toward ~15 °C when the setpoint is low, and an open window stops the valve', async () => {
    h = await startHarness();
    const office = roomId(h, 'Office');
    h.sim.world.setMeasuredTemperature(h.homeId, office, 21);
    await h.api('setthermmode', { home_id: h.homeId, mode: 'hg' }, { method: 'POST' });
    h.clock.tick(24 * HOUR);
    const cold = await statusRoom(h, office);
    expect(cold.therm_measured_temperature).toBeLessThan(16.5);
    expect(cold.therm_measured_temperature).toBeGreaterThan(14.5);

    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: office, mode: 'manual', temp: 22 }, { method: 'POST' });
    expect((await statusRoom(h, office)).heating_power_request).toBeGreaterThan(0);
    h.sim.world.setOpenWindow(h.homeId, office, true);
    const open = await statusRoom(h, office);
    expect(open).toMatchObject({ open_window: true, heating_power_request: 0 });
  });

  it('away with an end time returns to the schedule by itself', async () => {
    h = await startHarness();
    const endS = Math.floor(h.clock.now() / 1000) + 2 * 3600;
    await h.api('setthermmode', { home_id: h.homeId, mode: 'away', endtime: endS }, { method: 'POST' });
    const data = await h.api('homesdata');
    expect(data.json.body.homes[0]).toMatchObject({ therm_mode: 'away', therm_mode_endtime: endS });
    h.clock.tick(2 * HOUR + 1000);
    const later = await h.api('homesdata');
    expect(later.json.body.homes[0].therm_mode).toBe('schedule');
    expect(later.json.body.homes[0]).not.toHaveProperty('therm_mode_endtime');
  });

  it('the schedule moves on with the clock (Monday 17:30 Paris → comfort)', async () => {
    h = await startHarness();
    const living = roomId(h, 'Living room');
    expect((await statusRoom(h, living)).therm_setpoint_temperature).toBe(18);
    h.clock.set(Date.UTC(2025, 0, 6, 16, 45));
    const evening = await statusRoom(h, living);
    expect(evening).toMatchObject({ therm_setpoint_temperature: 21, therm_setpoint_start_time: Date.UTC(2025, 0, 6, 16, 30) / 1000 });
  });

  it('gives the same temperatures whether polled often or once', async () => {
    const a = await startHarness();
    const b = await startHarness();
    try {
      for (let i = 0; i < 12; i++) {
        a.clock.tick(10 * 60_000);
        await a.api('homestatus', { home_id: a.homeId });
      }
      b.clock.tick(120 * 60_000);
      const ra = await a.api('homestatus', { home_id: a.homeId });
      const rb = await b.api('homestatus', { home_id: b.homeId });
      expect(ra.json.body.home.rooms).toEqual(rb.json.body.home.rooms);
    } finally {
      await a.sim.stop();
      await b.sim.stop();
    }
  });

  it('batteries drain slowly; unreachable rooms and an offline relay look like the real captures', async () => {
    h = await startHarness();
    const first = await h.api('homestatus', { home_id: h.homeId });
    const valveBefore = first.json.body.home.modules.find((m: Json) => m.type === 'NRV');
    h.clock.tick(100 * 24 * HOUR);
    const later = await h.api('homestatus', { home_id: h.homeId });
    const valveAfter = later.json.body.home.modules.find((m: Json) => m.id === valveBefore.id);
    expect(valveBefore.battery_level - valveAfter.battery_level).toBeGreaterThanOrEqual(140);

    h.sim.world.setBatteryMv(h.homeId, valveBefore.id, 2650);
    const low = await h.api('homestatus', { home_id: h.homeId });
    expect(low.json.body.home.modules.find((m: Json) => m.id === valveBefore.id).battery_state).toBe('very_low');

    const kitchen = roomId(h, 'Kitchen');
    h.sim.world.setRoomReachable(h.homeId, kitchen, false);
    const unreachable = await h.api('homestatus', { home_id: h.homeId });
    expect(unreachable.json.body.home.rooms.find((r: Json) => r.id === kitchen)).toEqual({ id: kitchen, reachable: false });
    expect(unreachable.json.body.errors).toEqual([{ code: 6, id: expect.any(String) }]);

    h.sim.world.setRelayOnline(h.homeId, false);
    const offline = await h.api('homestatus', { home_id: h.homeId });
    expect(offline.status).toBe(200);
    const relay = h.sim.world.homes[0]!.modules.find((m) => m.type === 'NAPlug')!.id;
    expect(offline.json.body).toEqual({ errors: [{ code: 6, id: relay }], home: { id: h.homeId } });
  });

  it('addRoom / removeRoom change the topology', async () => {
    h = await startHarness();
    const id = h.sim.world.addRoom(h.homeId, { name: 'Attic', valves: 2 });
    const data = await h.api('homesdata');
    const attic = data.json.body.homes[0].rooms.find((r: Json) => r.id === id);
    expect(attic.module_ids).toHaveLength(2);
    expect(h.sim.world.room(h.homeId, id).kind).toBe('valve');
    h.sim.world.removeRoom(h.homeId, id);
    const after = await h.api('homestatus', { home_id: h.homeId });
    expect(after.json.body.home.rooms.some((r: Json) => r.id === id)).toBe(false);
  });
});
