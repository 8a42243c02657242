import { describe, expect, it } from 'vitest';
import { roomKindOf } from '../../../src/model/room-kind.js';
import { heatingRoomsOf } from '../../../src/model/topology.js';
import { homesDataFixture, topologyHome } from '../../helpers/netatmo-fixtures.js';

describe('roomKindOf', () => {
  it('classifies thermostat, valve and mixed rooms', () => {
    expect(roomKindOf(['NATherm1'])).toBe('thermostat');
    expect(roomKindOf(['OTM'])).toBe('thermostat');
    expect(roomKindOf(['BNS'])).toBe('thermostat');
    expect(roomKindOf(['NRV', 'NRV'])).toBe('valves');
    expect(roomKindOf(['NRV', 'NATherm1'])).toBe('mixed');
  });

  it('does not count weather stations, cameras, AC units or relays', () => {
    expect(roomKindOf(['NAMain', 'NAModule4'])).toBeNull();
    expect(roomKindOf(['NACamera', 'NAPlug'])).toBeNull();
    expect(roomKindOf(['NAC', 'OTH'])).toBeNull();
    expect(roomKindOf([])).toBeNull();
  });
});

describe('heatingRoomsOf', () => {
  const maison = topologyHome(homesDataFixture('homesdata-thermostat-valves.json'), '5f00000000000000000000a1');

  it('keeps only heating rooms, sorted by name, with their kinds', () => {
    const rooms = heatingRoomsOf(maison);
    expect(rooms.map((r) => [r.id, r.name, r.kind])).toEqual([
      ['1003', 'Bureau', 'valves'],
      ['1002', 'Chambre', 'valves'],
      ['1001', 'Salon', 'mixed'],
    ]);
  });

  it('finds modules through modules[].room_id when the room has no module_ids', () => {
    const bureau = heatingRoomsOf(maison).find((r) => r.id === '1003');
    expect(bureau?.modules).toEqual([
      { id: '09:00:00:aa:00:05', type: 'NRV' },
      { id: '09:00:00:aa:00:06', type: 'NRV' },
    ]);
  });

  it('handles numeric room ids on rooms and modules and module_ids without room_id', () => {
    const home = topologyHome(homesDataFixture('homesdata-valves-frostguard.json'), '5f00000000000000000000b1');
    const rooms = heatingRoomsOf(home);
    expect(rooms.map((r) => [r.id, r.name, r.modules.map((m) => m.id)])).toEqual([
      ['2002', 'Chambre', ['09:00:00:bb:00:03']],
      ['2001', 'Séjour', ['09:00:00:bb:00:02']],
    ]);
  });

  it('uses the homestatus module type when homesdata lists an id without a module entry', () => {
    const home = { rooms: [{ id: 'r1', name: 'Room', module_ids: ['m1'] }], modules: [] };
    expect(heatingRoomsOf(home)).toEqual([]);
    const rooms = heatingRoomsOf(home, new Map([['m1', { id: 'm1', type: 'NRV' }]]));
    expect(rooms).toEqual([{ id: 'r1', name: 'Room', kind: 'valves', modules: [{ id: 'm1', type: 'NRV' }] }]);
  });

  it('uses the id as name when the room has none and ignores duplicate room entries', () => {
    const home = {
      rooms: [{ id: 7, module_ids: ['t'] }, { id: '7', name: 'Again', module_ids: ['t'] }],
      modules: [{ id: 't', type: 'NATherm1' }],
    };
    expect(heatingRoomsOf(home).map((r) => [r.id, r.name, r.kind])).toEqual([['7', '7', 'thermostat']]);
  });
});
