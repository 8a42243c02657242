import { describe, expect, it } from 'vitest';
import { changedEvents, cloudLinkOk, deviceEvents, eventKey, homeDeviceEvents, roomDeviceEvents, type LinkHealth } from '../../../src/smartthings/event-mapping.js';
import { home, room } from '../../helpers/model-builders.js';

const fresh: LinkHealth = { status: 'ok', stale: false, hubLinked: false };

describe('event mapping', () => {
  it('maps a room like the Edge driver: rounded values, heat = boost, units, signal, health', () => {
    const h = home('h1', [room('r1', { setpointMode: 'boost', setpointC: 30.24 })]);
    const events = roomDeviceEvents(h, h.rooms[0]!, fresh);
    const byKey = Object.fromEntries(events.map((e) => [eventKey(e), e]));
    expect(byKey['main/temperatureMeasurement/temperature']).toEqual({ component: 'main', capability: 'temperatureMeasurement', attribute: 'temperature', value: 19.3, unit: 'C' });
    expect(byKey['main/thermostatHeatingSetpoint/heatingSetpoint']).toMatchObject({ value: 30, unit: 'C' });
    expect(byKey['main/thermostatMode/thermostatMode']!.value).toBe('heat');
    expect(byKey['main/thermostatMode/supportedThermostatModes']!.value).toEqual(['schedule', 'manual', 'heat', 'off']);
    expect(byKey['main/thermostatOperatingState/thermostatOperatingState']!.value).toBe('heating');
    expect(byKey['main/battery/battery']).toMatchObject({ value: 76, unit: '%' });
    expect(byKey['main/contactSensor/contact']!.value).toBe('closed');
    expect(byKey['main/signalStrength/lqi']!.value).toBe(190);
    expect(byKey['main/signalStrength/rssi']).toMatchObject({ value: -70, unit: 'dBm' });
    expect(byKey['main/healthCheck/healthStatus']!.value).toBe('online');
  });

  it('leaves out unknown values and shows away / frost guard forced by the home', () => {
    const h = home('h1', [room('r1', { measuredC: null, setpointC: null, heating: null, batteryPercent: null, openWindow: null, signal: 'unknown', modules: [], setpointMode: 'frostguard' })]);
    const events = roomDeviceEvents(h, h.rooms[0]!, fresh);
    expect(events.map((e) => e.attribute)).toEqual(['supportedThermostatModes', 'thermostatMode', 'healthStatus']);
    expect(events[1]!.value).toBe('frostguard');
  });

  it('takes a room offline when it is unreachable or the data is stale', () => {
    const h = home('h1', [room('r1', { reachable: false }), room('r2')]);
    const health = (r: number, link: LinkHealth) => roomDeviceEvents(h, h.rooms[r]!, link).find((e) => e.attribute === 'healthStatus')!.value;
    expect(health(0, fresh)).toBe('offline');
    expect(health(1, fresh)).toBe('online');
    expect(health(1, { ...fresh, stale: true })).toBe('offline');
  });

  it('while the bridge is starting (saved homes, stale) sends no health or cloudLink: the last values stay', () => {
    const starting: LinkHealth = { status: 'starting', stale: true, hubLinked: false };
    const h = home('h1', [room('r1')]);
    expect(roomDeviceEvents(h, h.rooms[0]!, starting).map((e) => e.attribute)).not.toContain('healthStatus');
    const homeEvents = homeDeviceEvents(h, starting);
    expect(homeEvents.map((e) => e.attribute)).not.toContain('healthStatus');
    expect(homeEvents.filter((e) => e.component === 'cloudLink')).toEqual([]);
    expect(homeEvents.find((e) => e.component === 'hubLink')?.value).toBe('open');
  });

  it('maps the home: mode, schedules, back links; cloudLink mirrors Netatmo health', () => {
    const h = home('h1', [], { mode: 'away' });
    const events = homeDeviceEvents(h, { status: 'auth_required', stale: false, hubLinked: true });
    const value = (attribute: string, component = 'main') => events.find((e) => e.attribute === attribute && e.component === component)?.value;
    expect(value('thermostatMode')).toBe('away');
    expect(value('supportedThermostatModes')).toEqual(['schedule', 'away', 'frostguard']);
    expect(value('mode')).toBe('Winter');
    expect(value('supportedModes')).toEqual(['Winter', 'Holidays']);
    expect(value('contact', 'hubLink')).toBe('closed');
    expect(value('contact', 'cloudLink')).toBe('open');
    expect(cloudLinkOk({ status: 'degraded', stale: false })).toBe(true);
    expect(cloudLinkOk({ status: 'ok', stale: true })).toBe(false);
  });

  it('finds the events of a device by external id, null when the room is gone', () => {
    const homes = [home('h1', [room('r1')])];
    expect(deviceEvents('home:h1', homes, fresh)).not.toBeNull();
    expect(deviceEvents('room:h1:r1', homes, fresh)).not.toBeNull();
    expect(deviceEvents('room:h1:gone', homes, fresh)).toBeNull();
    expect(deviceEvents('garbage', homes, fresh)).toBeNull();
  });

  it('diffs: only changed values, forced keys, and * for everything', () => {
    const h = home('h1', [room('r1')]);
    const first = changedEvents(roomDeviceEvents(h, h.rooms[0]!, fresh), new Map());
    expect(first.changed.length).toBeGreaterThan(5);
    const same = changedEvents(roomDeviceEvents(h, h.rooms[0]!, fresh), first.next);
    expect(same.changed).toEqual([]);
    const moved = home('h1', [room('r1', { setpointC: 21 })]);
    const diff = changedEvents(roomDeviceEvents(moved, moved.rooms[0]!, fresh), first.next);
    expect(diff.changed.map((e) => e.attribute)).toEqual(['heatingSetpoint']);
    const forced = changedEvents(roomDeviceEvents(h, h.rooms[0]!, fresh), first.next, new Set(['main/thermostatMode/thermostatMode']));
    expect(forced.changed.map((e) => e.attribute)).toEqual(['thermostatMode']);
    expect(changedEvents(roomDeviceEvents(h, h.rooms[0]!, fresh), first.next, new Set(['*'])).changed).toHaveLength(first.changed.length);
  });
});
