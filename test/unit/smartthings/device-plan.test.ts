import { describe, expect, it } from 'vitest';
import { desiredDevices, MAX_DEVICES_PER_INSTALLED_APP, MISSING_GRACE_MS, parseExternalId, reconcilePlan, topologyKey, type MissingPolicy } from '../../../src/smartthings/device-plan.js';
import { home, room } from '../../helpers/model-builders.js';

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

  describe('with the cloud-path policy for devices the homes no longer call for', () => {
    const now = Date.parse('2026-03-10T00:00:00Z');
    const policy = (overrides: Partial<MissingPolicy> = {}): MissingPolicy => ({ now, graceMs: MISSING_GRACE_MS, missingSince: new Map(), overLimit: new Set(), ...overrides });
    const desired = desiredDevices({ homes: [home('h1', [room('r1')])], cloudPath: true }).devices;
    const existing = [
      { deviceId: 'd-home', externalId: 'home:h1' },
      { deviceId: 'd-r1', externalId: 'room:h1:r1' },
      { deviceId: 'd-gone', externalId: 'room:h1:gone' },
    ];

    it('keeps a device whose room is missing, from now on', () => {
      const plan = reconcilePlan(desired, existing, policy());
      expect(plan.remove).toEqual([]);
      expect([...plan.missing]).toEqual([['room:h1:gone', { deviceId: 'd-gone', since: now }]]);
    });

    it('keeps the first date it went missing and deletes it once the grace period is over', () => {
      const since = now - MISSING_GRACE_MS + 1;
      expect(reconcilePlan(desired, existing, policy({ missingSince: new Map([['room:h1:gone', since]]) })).missing.get('room:h1:gone')?.since).toBe(since);
      const expired = reconcilePlan(desired, existing, policy({ missingSince: new Map([['room:h1:gone', now - MISSING_GRACE_MS]]) }));
      expect(expired.remove.map((d) => d.deviceId)).toEqual(['d-gone']);
      expect(expired.missing.size).toBe(0);
    });

    it('deletes at once the devices of a home the user did not choose, and those over the device limit', () => {
      const others = [...existing, { deviceId: 'd-h2', externalId: 'home:h2' }, { deviceId: 'd-h2r', externalId: 'room:h2:r9' }];
      const chosen = reconcilePlan(desired, others, policy({ selectedHomeIds: ['h1'] }));
      expect(chosen.remove.map((d) => d.deviceId)).toEqual(['d-h2', 'd-h2r']);
      expect([...chosen.missing.keys()]).toEqual(['room:h1:gone']);
      const limited = reconcilePlan(desired, existing, policy({ overLimit: new Set(['room:h1:gone']) }));
      expect(limited.remove.map((d) => d.deviceId)).toEqual(['d-gone']);
    });
  });
});
