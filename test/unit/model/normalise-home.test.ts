import { describe, expect, it } from 'vitest';
import { normaliseHome, normaliseHomes } from '../../../src/model/index.js';
import type { RawHomeStatusBody } from '../../../src/model/netatmo-raw.js';
import type { Room } from '../../../src/model/types.js';
import { homeStatusFixture, homesDataFixture, topologyHome } from '../../helpers/netatmo-fixtures.js';

const homesData = homesDataFixture('homesdata-thermostat-valves.json');
const maisonTopology = topologyHome(homesData, '5f00000000000000000000a1');
const maisonStatus = homeStatusFixture('homestatus-thermostat-valves.json');

function roomIn(rooms: readonly Room[], id: string): Room {
  const found = rooms.find((r) => r.id === id);
  if (!found) throw new Error(`room ${id} missing`);
  return found;
}

describe('normaliseHome: thermostat + valves home', () => {
  const home = normaliseHome(maisonTopology, maisonStatus, undefined);

  it('maps home-level values from homesdata and the selected therm schedule', () => {
    const { rooms: _rooms, ...rest } = home;
    expect(rest).toEqual({
      id: '5f00000000000000000000a1',
      name: 'Maison',
      reachable: true,
      mode: 'schedule',
      modeEndsAt: null,
      schedules: [
        { id: '600000000000000000000001', name: 'Semaine', selected: true },
        { id: '600000000000000000000002', name: 'Vacances', selected: false },
      ],
      defaultOverrideMinutes: 120,
      awayTempC: 15,
      frostguardTempC: 6,
      requiresSetState: false,
      timezone: 'Europe/Paris',
      error: null,
    });
  });

  it('keeps heating rooms only, sorted by name', () => {
    expect(home.rooms.map((r) => r.name)).toEqual(['Bureau', 'Chambre', 'Salon']);
  });

  it('mixed room: thermostat boiler_status decides heating, lowest battery, worst signal', () => {
    expect(roomIn(home.rooms, '1001')).toEqual({
      id: '1001',
      name: 'Salon',
      kind: 'mixed',
      reachable: true,
      measuredC: 20.5,
      setpointC: 21,
      setpointMode: 'manual',
      setpointEndsAt: '2026-01-01T01:00:00.000Z',
      heating: true,
      heatingPowerRequest: 30,
      openWindow: false,
      batteryPercent: 25,
      signal: 'fair',
      modules: [
        { id: '09:00:00:aa:00:03', type: 'NRV', reachable: true, batteryState: 'low', batteryPercent: 25, rfStrength: 75 },
        { id: '70:ee:50:aa:00:02', type: 'NATherm1', reachable: true, batteryState: 'full', batteryPercent: 90, rfStrength: 55 },
      ],
    });
  });

  it('valve room in home mode follows the schedule, idle at 0 % demand, window open', () => {
    const chambre = roomIn(home.rooms, '1002');
    expect(chambre).toMatchObject({
      kind: 'valves',
      setpointMode: 'schedule',
      setpointEndsAt: null,
      heating: false,
      heatingPowerRequest: 0,
      openWindow: true,
      batteryPercent: 64,
      signal: 'good',
    });
    expect(chambre.modules[0]).toEqual({
      id: '09:00:00:aa:00:04',
      type: 'NRV',
      reachable: true,
      batteryState: null,
      batteryPercent: 64,
      rfStrength: 62,
    });
  });

  it('two-valve room heats on demand > 0 and reports its weakest valve', () => {
    expect(roomIn(home.rooms, '1003')).toMatchObject({
      kind: 'valves',
      measuredC: 19.2,
      setpointC: 20,
      setpointMode: 'schedule',
      setpointEndsAt: null,
      heating: true,
      heatingPowerRequest: 40,
      batteryPercent: 10,
      signal: 'poor',
    });
  });

  it('a thermostat room switched off (Netatmo: 0 °C) shows the frost-guard temperature and is not heating', () => {
    const status: RawHomeStatusBody = structuredClone(maisonStatus);
    const salon = status.home?.rooms?.find((r) => r.id === '1001');
    Object.assign(salon ?? {}, { therm_setpoint_mode: 'off', therm_setpoint_temperature: 0 });
    const off = roomIn(normaliseHome(maisonTopology, status, undefined).rooms, '1001');
    const frostguardTempC = normaliseHome(maisonTopology, status, undefined).frostguardTempC;
    expect(off).toMatchObject({ setpointMode: 'off', setpointC: frostguardTempC, heating: false });
    expect(frostguardTempC).toBe(6); // hg_temp of the selected therm schedule
  });

  it('thermostat room without boiler_status reports heating unknown', () => {
    const topology = { id: 'h', name: 'H', rooms: [{ id: 'r', name: 'R', module_ids: ['t'] }], modules: [{ id: 't', type: 'NATherm1' }] };
    const status: RawHomeStatusBody = {
      home: {
        id: 'h',
        rooms: [{ id: 'r', reachable: true, therm_measured_temperature: 20, therm_setpoint_mode: 'schedule', therm_setpoint_temperature: 19 }],
        modules: [{ id: 't', type: 'NATherm1', reachable: true }],
      },
    };
    const [only] = normaliseHome(topology, status, undefined).rooms;
    expect(only).toMatchObject({ kind: 'thermostat', heating: null, heatingPowerRequest: null, openWindow: null, batteryPercent: null, signal: 'unknown' });
  });

  it('OTM or BNS homes require setstate', () => {
    const topology = { ...maisonTopology, modules: [...(maisonTopology.modules ?? []), { id: 'b', type: 'BNS', room_id: '1006' }] };
    const result = normaliseHome(topology, maisonStatus, undefined);
    expect(result.requiresSetState).toBe(true);
    // The BNS turns Garage into a thermostat room; it is absent from homestatus so it is unreachable.
    expect(roomIn(result.rooms, '1006')).toMatchObject({ kind: 'thermostat', reachable: false, measuredC: null });
  });
});

describe('normaliseHome: valve-only home in frost guard', () => {
  const topology = topologyHome(homesDataFixture('homesdata-valves-frostguard.json'), '5f00000000000000000000b1');
  const home = normaliseHome(topology, homeStatusFixture('homestatus-valves-frostguard.json'), undefined);

  it('reads hg mode with its end time, the spec spelling of the default duration and the therm schedule temps', () => {
    expect(home).toMatchObject({
      name: 'Appartement',
      reachable: true,
      mode: 'frostguard',
      modeEndsAt: '2026-01-02T00:00:00.000Z',
      schedules: [{ id: '700000000000000000000001', name: 'Hiver', selected: true }],
      defaultOverrideMinutes: 60,
      awayTempC: 13,
      frostguardTempC: 5,
      requiresSetState: false,
      timezone: 'Europe/Brussels',
      error: null,
    });
  });

  it('excludes the weather-station / AC room and maps valve rooms in hg', () => {
    expect(home.rooms.map((r) => [r.id, r.name, r.kind, r.setpointMode, r.setpointC, r.measuredC])).toEqual([
      ['2002', 'Chambre', 'valves', 'frostguard', 5, 17.5],
      ['2001', 'Séjour', 'valves', 'frostguard', 5, 19],
    ]);
  });

  it('reads rf_state words, battery_percent and open_windows', () => {
    expect(roomIn(home.rooms, '2001')).toMatchObject({ batteryPercent: 88, signal: 'good', openWindow: false, heating: false, setpointEndsAt: null });
    expect(roomIn(home.rooms, '2002')).toMatchObject({ batteryPercent: 50, signal: 'poor', openWindow: false });
    expect(roomIn(home.rooms, '2002').modules[0]?.rfStrength).toBeNull();
  });
});

describe('home-level defaults', () => {
  it('uses 180 min, 12 °C away and 7 °C frost guard when Netatmo gives nothing', () => {
    const home = normaliseHome({ id: 'x', therm_mode: 'away' }, { home: { id: 'x' } }, undefined);
    expect(home).toEqual({
      id: 'x',
      name: 'x',
      reachable: true,
      mode: 'away',
      modeEndsAt: null,
      schedules: [],
      defaultOverrideMinutes: 180,
      awayTempC: 12,
      frostguardTempC: 7,
      requiresSetState: false,
      timezone: null,
      rooms: [],
      error: null,
    });
  });

  it('without a selected therm schedule uses the default one, else the first; never a cooling one', () => {
    const schedules = [
      { id: 'c', name: 'Cool', type: 'cooling', selected: true, away_temp: 30, hg_temp: 30 },
      { id: 'a', name: 'A', type: 'therm', away_temp: 16, hg_temp: 8 },
      { id: 'b', name: 'B', type: 'therm', default: true, away_temp: 17, hg_temp: 9 },
    ];
    const withDefault = normaliseHome({ id: 'x', schedules }, undefined, undefined);
    expect([withDefault.awayTempC, withDefault.frostguardTempC]).toEqual([17, 9]);
    const firstOnly = normaliseHome({ id: 'x', schedules: schedules.slice(0, 2) }, undefined, undefined);
    expect([firstOnly.awayTempC, firstOnly.frostguardTempC]).toEqual([16, 8]);
    expect(firstOnly.schedules).toEqual([{ id: 'a', name: 'A', selected: false }]);
  });
});

describe('normaliseHomes', () => {
  it('returns every home sorted by name, homes without heating rooms with rooms: []', () => {
    const statuses = new Map([['5f00000000000000000000a1', maisonStatus]]);
    const homes = normaliseHomes(homesData, statuses, []);
    expect(homes.map((h) => [h.name, h.rooms.length])).toEqual([
      ['Chalet', 0],
      ['Maison', 3],
    ]);
  });

  it('passes each home its own previous value', () => {
    const first = normaliseHomes(homesData, new Map([['5f00000000000000000000a1', maisonStatus]]), []);
    const offline = homeStatusFixture('homestatus-relay-offline.json');
    const second = normaliseHomes(homesData, new Map([['5f00000000000000000000a1', offline]]), first);
    const maison = second.find((h) => h.name === 'Maison');
    expect(maison?.reachable).toBe(false);
    expect(maison?.rooms.map((r) => r.measuredC)).toEqual([19.2, 18, 20.5]);
  });

  it('returns no homes for an empty account and skips homes without id', () => {
    expect(normaliseHomes({ homes: [] }, new Map(), [])).toEqual([]);
    expect(normaliseHomes({}, new Map(), [])).toEqual([]);
    expect(normaliseHomes({ homes: [{ name: 'No id' }] }, new Map(), [])).toEqual([]);
  });
});
