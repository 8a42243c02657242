// Pure Netatmo rules: command + home/room → the Netatmo calls and the optimistic patch.
import { describe, expect, it } from 'vitest';
import type { Home, Room } from '../../../src/model/types.js';
import { home as aHome, room as aRoom } from '../../helpers/model-builders.js';
import { planBackToSchedule, planHomeMode, planRoomMode, planRoomSetpoint, planSwitchSchedule, roomWritePath } from '../../../src/sync/netatmo-write-plan.js';

const NOW = Date.parse('2026-11-26T20:00:00Z');
const NOW_S = NOW / 1000;

const room = (id: string, kind: Room['kind'], extra: Partial<Room> = {}): Room => aRoom(id, { kind, setpointC: 19, ...extra });

function home(extra: Partial<Home> = {}): Home {
  const rooms = [room('t', 'thermostat'), room('v', 'valves'), room('m', 'mixed', { setpointMode: 'manual', setpointC: 22 })];
  return aHome('h1', rooms, { schedules: [{ id: 's1', name: 'Default', selected: true }, { id: 's2', name: 'Winter', selected: false }], awayTempC: 14, frostguardTempC: 8, ...extra });
}

const roomOf = (h: Home, id: string): Room => h.rooms.find((r) => r.id === id)!;

describe('room boost and off', () => {
  it('boosts a thermostat room with max and the default duration (no endtime sent)', () => {
    const h = home();
    const [step] = planRoomMode(h, roomOf(h, 't'), 'boost', { kind: 'default' }, NOW);
    expect(step!.write).toEqual({ endpoint: 'setroomthermpoint', params: { homeId: 'h1', roomId: 't', mode: 'max' } });
    expect(step!.patch.rooms!.t).toEqual({ setpointMode: 'boost', setpointC: 30, setpointEndsAt: '2026-11-26T23:00:00.000Z' });
  });

  it('never sends max to a valve room: manual 30 °C until the boost ends', () => {
    const h = home();
    const [step] = planRoomMode(h, roomOf(h, 'v'), 'boost', { kind: 'at', atMs: NOW + 30 * 60_000 }, NOW);
    expect(step!.write).toEqual({ endpoint: 'setroomthermpoint', params: { homeId: 'h1', roomId: 'v', mode: 'manual', temp: 30, endtime: NOW_S + 1800 } });
    expect(step!.patch.rooms!.v).toMatchObject({ setpointMode: 'manual', setpointC: 30, setpointEndsAt: '2026-11-26T20:30:00.000Z' });
  });

  it('switches a valve room off as manual at the frost-guard temperature, a thermostat room with off', () => {
    const h = home();
    expect(planRoomMode(h, roomOf(h, 'v'), 'off', { kind: 'default' }, NOW)[0]!.write).toEqual({
      endpoint: 'setroomthermpoint', params: { homeId: 'h1', roomId: 'v', mode: 'manual', temp: 8 },
    });
    const [off] = planRoomMode(h, roomOf(h, 'm'), 'off', { kind: 'default' }, NOW);
    expect(off!.write).toEqual({ endpoint: 'setroomthermpoint', params: { homeId: 'h1', roomId: 'm', mode: 'off' } });
    expect(off!.patch.rooms!.m).toEqual({ setpointMode: 'off', setpointC: 8, setpointEndsAt: null });
  });

  it('holds the current setpoint for manual, and sends home for schedule', () => {
    const h = home();
    expect(planRoomMode(h, roomOf(h, 'm'), 'manual', { kind: 'default' }, NOW)[0]!.write).toMatchObject({ params: { mode: 'manual', temp: 22 } });
    expect(planRoomMode(h, roomOf(h, 'm'), 'schedule', { kind: 'default' }, NOW)[0]!.write).toEqual({ endpoint: 'setroomthermpoint', params: { homeId: 'h1', roomId: 'm', mode: 'home' } });
  });
});

describe('OTM / BNS homes', () => {
  it('write rooms through setstate, valves still without max', () => {
    const h = home({ requiresSetState: true });
    expect(planRoomMode(h, roomOf(h, 'v'), 'boost', { kind: 'at', atMs: NOW + 600_000 }, NOW)[0]!.write).toEqual({
      endpoint: 'setstate', body: { home: { id: 'h1', rooms: [{ id: 'v', therm_setpoint_mode: 'manual', therm_setpoint_temperature: 30, therm_setpoint_end_time: NOW_S + 600 }] } },
    });
    expect(planRoomSetpoint(h, roomOf(h, 't'), 21.5, { kind: 'default' }, NOW)[0]!.write).toEqual({
      endpoint: 'setstate', body: { home: { id: 'h1', rooms: [{ id: 't', therm_setpoint_mode: 'manual', therm_setpoint_temperature: 21.5 }] } },
    });
  });
});

describe('home mode, schedule, back to schedule', () => {
  it('sends frost guard as hg, indefinite without an end', () => {
    const h = home();
    const [step] = planHomeMode(h, 'frostguard', null);
    expect(step!.write).toEqual({ endpoint: 'setthermmode', params: { homeId: 'h1', mode: 'hg' } });
    expect(step!.patch).toMatchObject({ mode: 'frostguard', modeEndsAt: null });
    // rooms that follow the home show frost guard; the overridden room keeps its override
    expect(Object.keys(step!.patch.rooms!)).toEqual(['t', 'v']);
    expect(step!.patch.rooms!.t).toMatchObject({ setpointMode: 'frostguard', setpointC: 8 });
  });

  it('sends away with an end time when given', () => {
    const [step] = planHomeMode(home(), 'away', NOW + 3600_000);
    expect(step!.write).toEqual({ endpoint: 'setthermmode', params: { homeId: 'h1', mode: 'away', endtime: NOW_S + 3600 } });
    expect(step!.patch.modeEndsAt).toBe('2026-11-26T21:00:00.000Z');
  });

  it('switches the schedule', () => {
    expect(planSwitchSchedule(home(), 's2')).toEqual([{ write: { endpoint: 'switchhomeschedule', params: { homeId: 'h1', scheduleId: 's2' } }, patch: { selectedScheduleId: 's2' } }]);
  });

  it('back to schedule: setthermmode schedule, then every overridden room to home', () => {
    const h = home({ mode: 'away', rooms: [room('t', 'thermostat', { setpointMode: 'boost' }), room('v', 'valves', { setpointMode: 'away' }), room('m', 'mixed', { setpointMode: 'off' })] });
    const plan = planBackToSchedule(h, NOW);
    expect(plan.map((p) => p.write)).toEqual([
      { endpoint: 'setthermmode', params: { homeId: 'h1', mode: 'schedule' } },
      { endpoint: 'setroomthermpoint', params: { homeId: 'h1', roomId: 't', mode: 'home' } },
      { endpoint: 'setroomthermpoint', params: { homeId: 'h1', roomId: 'm', mode: 'home' } },
    ]);
    expect(plan[1]!.patch.rooms!.t).toEqual({ setpointMode: 'schedule', setpointEndsAt: null });
  });

  it('back to schedule on a setstate home: one setstate for all overridden rooms', () => {
    const h = home({ requiresSetState: true, rooms: [room('t', 'thermostat', { setpointMode: 'manual' }), room('v', 'valves', { setpointMode: 'manual' })] });
    const plan = planBackToSchedule(h, NOW);
    expect(plan).toHaveLength(2);
    expect(plan[1]!.write).toEqual({ endpoint: 'setstate', body: { home: { id: 'h1', rooms: [{ id: 't', therm_setpoint_mode: 'home' }, { id: 'v', therm_setpoint_mode: 'home' }] } } });
  });
});

describe('write path per room (pyatmo room.py async_therm_set)', () => {
  const mod = (type: string) => ({ id: `${type}-1`, type, reachable: true, batteryState: null, batteryPercent: null, rfStrength: null });

  it('NATherm1 rooms take setroomthermpoint even in OTM/BNS homes; OTM, BNS and valve rooms take setstate there', () => {
    const h = home({
      requiresSetState: true,
      rooms: [
        room('nat', 'mixed', { modules: [mod('NATherm1'), mod('NRV')] }),
        room('otm', 'thermostat', { modules: [mod('OTM')] }),
        room('bns', 'thermostat', { modules: [mod('BNS')] }),
        room('nrv', 'valves', { modules: [mod('NRV')] }),
      ],
    });
    expect(['nat', 'otm', 'bns', 'nrv'].map((id) => roomWritePath(h, id))).toEqual(['setroomthermpoint', 'setstate', 'setstate', 'setstate']);
    expect(planRoomMode(h, roomOf(h, 'nat'), 'boost', { kind: 'default' }, NOW)[0]!.write).toEqual({ endpoint: 'setroomthermpoint', params: { homeId: 'h1', roomId: 'nat', mode: 'max' } });
    expect(roomWritePath(home({ rooms: [room('nrv', 'valves', { modules: [mod('NRV')] })] }), 'nrv')).toBe('setroomthermpoint');
  });
});
