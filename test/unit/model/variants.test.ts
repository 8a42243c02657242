import { describe, expect, it } from 'vitest';
import { normaliseHome } from '../../../src/model/index.js';
import { homeStatusFixture, homesDataFixture, topologyHome } from '../../helpers/netatmo-fixtures.js';

const topology = topologyHome(homesDataFixture('homesdata-thermostat-valves.json'), '5f00000000000000000000a1');
const home = normaliseHome(topology, homeStatusFixture('homestatus-variants.json'), undefined);

describe('real-world spelling and type variants', () => {
  it('matches numeric room ids in homestatus to string ids in homesdata', () => {
    expect(home.rooms.find((r) => r.id === '1001')?.measuredC).toBe(20.9);
    expect(home.rooms.find((r) => r.id === '1002')?.measuredC).toBe(18.4);
  });

  it('reads open_windows and rf_strenght, max → boost', () => {
    expect(home.rooms.find((r) => r.id === '1001')).toMatchObject({
      setpointMode: 'boost',
      setpointEndsAt: '2026-01-01T02:00:00.000Z',
      openWindow: true,
      heating: false,
      batteryPercent: 50,
      signal: 'poor',
    });
    expect(home.rooms.find((r) => r.id === '1001')?.modules.map((m) => m.rfStrength)).toEqual([91, 66]);
  });

  it('maps battery_state max to 100 %', () => {
    expect(home.rooms.find((r) => r.id === '1002')).toMatchObject({ batteryPercent: 100, signal: 'good' });
  });

  it('ignores a room homestatus knows and homesdata does not', () => {
    expect(home.rooms.map((r) => r.id)).toEqual(['1003', '1002', '1001']);
  });
});
