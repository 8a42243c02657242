import { describe, expect, it } from 'vitest';
import { normaliseHome } from '../../../src/model/index.js';
import type { Room } from '../../../src/model/types.js';
import { homeStatusFixture, homesDataFixture, topologyHome } from '../../helpers/netatmo-fixtures.js';

const topology = topologyHome(homesDataFixture('homesdata-thermostat-valves.json'), '5f00000000000000000000a1');
const online = normaliseHome(topology, homeStatusFixture('homestatus-thermostat-valves.json'), undefined);
const relayOffline = homeStatusFixture('homestatus-relay-offline.json');
const variants = homeStatusFixture('homestatus-variants.json');

/** The values a room shows, without the reachability flags that are expected to change. */
function valuesOf(room: Room): Omit<Room, 'reachable' | 'modules'> & { modules: unknown[] } {
  const { reachable: _r, modules, ...rest } = room;
  return { ...rest, modules: modules.map(({ reachable: _m, ...m }) => m) };
}

describe('relay offline (errors code 6, home holding only id)', () => {
  const offline = normaliseHome(topology, relayOffline, online);

  it('marks the home and every room and module unreachable', () => {
    expect(offline.reachable).toBe(false);
    expect(offline.rooms.every((r) => !r.reachable && r.modules.every((m) => !m.reachable))).toBe(true);
  });

  it('is not an empty home: rooms keep their last values', () => {
    expect(offline.rooms.map(valuesOf)).toEqual(online.rooms.map(valuesOf));
  });

  it('without a previous state, rooms come from homesdata with null values', () => {
    const fresh = normaliseHome(topology, relayOffline, undefined);
    expect(fresh.reachable).toBe(false);
    expect(fresh.rooms.map((r) => r.id)).toEqual(['1003', '1002', '1001']);
    expect(fresh.rooms[2]).toEqual({
      id: '1001',
      name: 'Salon',
      kind: 'mixed',
      reachable: false,
      measuredC: null,
      setpointC: null,
      setpointMode: 'schedule',
      setpointEndsAt: null,
      heating: null,
      heatingPowerRequest: null,
      openWindow: null,
      batteryPercent: null,
      signal: 'unknown',
      modules: [
        { id: '09:00:00:aa:00:03', type: 'NRV', reachable: false, batteryState: null, batteryPercent: null, rfStrength: null },
        { id: '70:ee:50:aa:00:02', type: 'NATherm1', reachable: false, batteryState: null, batteryPercent: null, rfStrength: null },
      ],
    });
  });

  it('a room never seen follows the home mode', () => {
    const away = normaliseHome({ ...topology, therm_mode: 'hg' }, relayOffline, undefined);
    expect(away.rooms.map((r) => r.setpointMode)).toEqual(['frostguard', 'frostguard', 'frostguard']);
  });

  it('comes back to live values once homestatus answers again', () => {
    const back = normaliseHome(topology, homeStatusFixture('homestatus-thermostat-valves.json'), normaliseHome(topology, relayOffline, online));
    expect(back).toEqual(online);
  });
});

describe('no homestatus this time (undefined or a body without home)', () => {
  it('keeps the previous home as it was', () => {
    expect(normaliseHome(topology, undefined, online)).toEqual(online);
    expect(normaliseHome(topology, {}, online)).toEqual(online);
  });

  it('without a previous state, the home and rooms are not known to be reachable', () => {
    const unknown = normaliseHome(topology, undefined, undefined);
    expect(unknown.reachable).toBe(false);
    expect(unknown.rooms.map((r) => [r.reachable, r.measuredC])).toEqual([
      [false, null],
      [false, null],
      [false, null],
    ]);
  });

  it('still applies a new topology (renamed room) from homesdata', () => {
    const renamed = {
      ...topology,
      rooms: (topology.rooms ?? []).map((r) => (r.id === '1002' ? { ...r, name: 'Chambre bleue' } : r)),
    };
    const home = normaliseHome(renamed, undefined, online);
    expect(home.rooms.find((r) => r.id === '1002')).toMatchObject({ name: 'Chambre bleue', measuredC: 18 });
  });
});

describe('a room that shrank to {id, reachable:false}', () => {
  it('keeps its previous values, but reachable false', () => {
    const home = normaliseHome(topology, variants, online);
    const bureau = home.rooms.find((r) => r.id === '1003');
    const before = online.rooms.find((r) => r.id === '1003');
    expect(bureau?.reachable).toBe(false);
    expect(bureau?.modules.map((m) => m.reachable)).toEqual([false, false]);
    expect(bureau && valuesOf(bureau)).toEqual(before && valuesOf(before));
    // The home itself answered: it is reachable.
    expect(home.reachable).toBe(true);
  });

  it('without a previous state it shows nulls', () => {
    const bureau = normaliseHome(topology, variants, undefined).rooms.find((r) => r.id === '1003');
    expect(bureau).toMatchObject({ reachable: false, measuredC: null, setpointC: null, batteryPercent: null, signal: 'unknown' });
  });

  it('a room whose modules are all unreachable is unreachable even if the room says otherwise', () => {
    const status = structuredClone(homeStatusFixture('homestatus-thermostat-valves.json'));
    for (const m of status.home?.modules ?? []) if (m.id === '09:00:00:aa:00:04') m.reachable = false;
    const chambre = normaliseHome(topology, status, undefined).rooms.find((r) => r.id === '1002');
    expect(chambre).toMatchObject({ reachable: false, measuredC: 18 });
  });

  it('one unreachable valve of two keeps the room reachable', () => {
    const status = structuredClone(homeStatusFixture('homestatus-thermostat-valves.json'));
    status.errors = [{ id: '09:00:00:aa:00:05', code: 6 }];
    const bureau = normaliseHome(topology, status, undefined).rooms.find((r) => r.id === '1003');
    expect(bureau?.reachable).toBe(true);
    expect(bureau?.modules.map((m) => m.reachable)).toEqual([false, true]);
  });
});
