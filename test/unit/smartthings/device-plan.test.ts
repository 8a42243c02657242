import { describe, expect, it } from 'vitest';
import { desiredDevices, MAX_DEVICES_PER_INSTALLED_APP, parseExternalId, reconcilePlan, topologyKey } from '../../../src/smartthings/device-plan.js';
import { home, room } from './fixtures.js';

describe('device plan', () => {
  it('one home device and one per heating room, with the agreed external ids', () => {
    const { devices, overLimit } = desiredDevices({ homes: [home('h1', [room('r1'), room('r2')])], cloudPath: true });
    expect(devices.map((d) => [d.externalId, d.kind, d.label])).toEqual([
      ['home:h1', 'home', 'Home h1 heating'],
      ['room:h1:r1', 'room', 'Room r1'],
      ['room:h1:r2', 'room', 'Room r2'],
    ]);
    expect(overLimit).toEqual([]);
    expect(parseExternalId('room:h1:r2')).toEqual({ kind: 'room', homeId: 'h1', roomId: 'r2' });
    expect(parseExternalId('home:h1')).toEqual({ kind: 'home', homeId: 'h1' });
    expect(parseExternalId('room:h1')).toBeNull();
  });

  it('no devices on the LAN path', () => {
    expect(desiredDevices({ homes: [home('h1', [room('r1')])], cloudPath: false }).devices).toEqual([]);
  });

  it('stays within 30 devices per installed app, homes first, and names what did not fit', () => {
    const rooms = Array.from({ length: 35 }, (_, i) => room(`r${i}`));
    const { devices, overLimit } = desiredDevices({ homes: [home('h1', rooms.slice(0, 20)), home('h2', rooms.slice(20))], cloudPath: true });
    expect(devices).toHaveLength(MAX_DEVICES_PER_INSTALLED_APP);
    expect(devices.slice(0, 2).map((d) => d.kind)).toEqual(['home', 'home']);
    expect(overLimit).toHaveLength(37 - 30);
    expect(devices[2]!.label).toBe('Room r0 (Home h1)');
  });

  it('reconciles: keeps existing, creates missing, deletes gone and duplicates', () => {
    const desired = desiredDevices({ homes: [home('h1', [room('r1'), room('r2')])], cloudPath: true }).devices;
    const plan = reconcilePlan(desired, [
      { deviceId: 'd-home', externalId: 'home:h1' },
      { deviceId: 'd-r1', externalId: 'room:h1:r1' },
      { deviceId: 'd-r1-dup', externalId: 'room:h1:r1' },
      { deviceId: 'd-old', externalId: 'room:h1:old' },
      { deviceId: 'd-none', externalId: null },
    ]);
    expect(plan.create.map((d) => d.externalId)).toEqual(['room:h1:r2']);
    expect(plan.remove.map((d) => d.deviceId)).toEqual(['d-r1-dup', 'd-old', 'd-none']);
    expect([...plan.keep]).toEqual([
      ['home:h1', 'd-home'],
      ['room:h1:r1', 'd-r1'],
    ]);
    expect(topologyKey(desired)).not.toBe(topologyKey(desired.slice(1)));
  });
});
