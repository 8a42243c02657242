import { describe, expect, it } from 'vitest';
import { isRelayOffline, statusHasUnknownRoom } from '../../../src/model/index.js';
import { homeStatusFixture, homesDataFixture, topologyHome } from '../../helpers/netatmo-fixtures.js';

const topology = topologyHome(homesDataFixture('homesdata-thermostat-valves.json'), '5f00000000000000000000a1');

describe('isRelayOffline', () => {
  it('is true for errors code 6 with a home holding only its id', () => {
    expect(isRelayOffline(homeStatusFixture('homestatus-relay-offline.json'))).toBe(true);
    expect(isRelayOffline({ errors: [{ code: 6, id: 'relay' }] })).toBe(true);
  });

  it('is false when the home still carries data, or the error is another code', () => {
    expect(isRelayOffline(homeStatusFixture('homestatus-variants.json'))).toBe(false);
    expect(isRelayOffline(homeStatusFixture('homestatus-thermostat-valves.json'))).toBe(false);
    expect(isRelayOffline({ errors: [{ code: 1, id: 'relay' }], home: { id: 'h' } })).toBe(false);
    expect(isRelayOffline({ home: { id: 'h', rooms: [], modules: [] } })).toBe(false);
  });
});

describe('statusHasUnknownRoom', () => {
  it('is true when homestatus names a room homesdata lacks', () => {
    expect(statusHasUnknownRoom(topology, homeStatusFixture('homestatus-variants.json'))).toBe(true);
  });

  it('is false for known rooms, including non-heating ones and numeric ids', () => {
    expect(statusHasUnknownRoom(topology, homeStatusFixture('homestatus-thermostat-valves.json'))).toBe(false);
    expect(statusHasUnknownRoom(topology, { home: { id: 'x', rooms: [{ id: 1001 }, { id: '1004' }] } })).toBe(false);
    expect(statusHasUnknownRoom(topology, homeStatusFixture('homestatus-relay-offline.json'))).toBe(false);
  });
});
