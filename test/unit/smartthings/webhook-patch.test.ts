import { describe, expect, it } from 'vitest';
import { patchFromWebhook } from '../../../src/sync/webhook-patch.js';
import { parseWebhookEvent, type WebhookEvent } from '../../../src/sync/webhook-schema.js';
import { home, room } from '../../helpers/model-builders.js';

const homes = [home('h1', [room('r1'), room('r2', { setpointMode: 'manual', setpointC: 22 })])];
const event = (raw: unknown): WebhookEvent => parseWebhookEvent(raw)!;

describe('webhook patch', () => {
  it('set_point / setpoint_event patch the named room: max = boost at 30 °C, off at the frost-guard value, end times', () => {
    const set = patchFromWebhook(homes, event({ event_type: 'set_point', home_id: 'h1', room_id: 'r1', home: { id: 'h1', rooms: [{ id: 'r1', therm_setpoint_mode: 'max', therm_setpoint_end_time: 1_800_000_000 }] } }));
    expect(set.home!.rooms[0]).toMatchObject({ setpointMode: 'boost', setpointC: 30, setpointEndsAt: '2027-01-15T08:00:00.000Z' });
    expect(set.confirm).toBe(true);
    // Home Assistant's real capture of an off event (home-assistant/core#118046): 0 °C, end 0.
    const off = patchFromWebhook(homes, event({ event_type: 'setpoint_event', home: { id: 'h1', rooms: [{ id: 'r2', therm_setpoint_mode: 'off', therm_setpoint_temperature: 0, therm_setpoint_end_time: 0 }] } }));
    expect(off.home!.rooms[1]).toMatchObject({ setpointMode: 'off', setpointC: 7, setpointEndsAt: null, heating: false });
    const manual = patchFromWebhook(homes, event({ event_type: 'set_point', home_id: 'h1', room_id: 'r1', mode: 'manual', temperature: 22.5 }));
    expect(manual.home!.rooms[0]).toMatchObject({ setpointMode: 'manual', setpointC: 22.5, setpointEndsAt: null });
  });

  it('cancel_set_point returns the room to its schedule value when known; therm_mode moves following rooms to the home temperatures', () => {
    const cancelEvent = event({ event_type: 'cancel_set_point', home_id: 'h1', room_id: 'r2', home: { id: 'h1', rooms: [{ id: 'r2', therm_setpoint_mode: 'home' }] } });
    expect(patchFromWebhook(homes, cancelEvent, (homeId, roomId) => (homeId === 'h1' && roomId === 'r2' ? 17.5 : null)).home!.rooms[1]).toMatchObject({ setpointMode: 'schedule', setpointC: 17.5, setpointEndsAt: null });
    expect(patchFromWebhook(homes, cancelEvent).home!.rooms[1]).toMatchObject({ setpointMode: 'schedule', setpointC: 22 });
    const frost = patchFromWebhook(homes, event({ event_type: 'therm_mode', home_id: 'h1', mode: 'hg', home: { id: 'h1', therm_mode: 'hg' } }));
    expect(frost.home!.mode).toBe('frostguard');
    expect(frost.home!.rooms.map((r) => [r.setpointMode, r.setpointC])).toEqual([['frostguard', 7], ['manual', 22]]);
    const away = patchFromWebhook(homes, event({ event_type: 'therm_mode', home: { id: 'h1', therm_mode: 'away' }, mode: 'away' }));
    expect(away.home!.rooms[0]).toMatchObject({ setpointMode: 'away', setpointC: 12 });
    expect(patchFromWebhook(homes, event({ event_type: 'therm_mode', home_id: 'h1', mode: 'manual' }))).toMatchObject({ home: null, confirm: false });
  });

  it('the schema bounds every number, id and mode word it reads', () => {
    expect(parseWebhookEvent({ event_type: 'set_point', temperature: 1e6 })).toBeNull();
    expect(parseWebhookEvent({ event_type: 'set_point', home: { rooms: [{ id: 'r', therm_setpoint_temperature: -1 }] } })).toBeNull();
    expect(parseWebhookEvent({ event_type: 'set_point', home: { rooms: [{ id: 'r', therm_setpoint_end_time: 2 ** 31 }] } })).toBeNull();
    expect(parseWebhookEvent({ event_type: 'set_point', mode: 'party' })).toBeNull();
    expect(parseWebhookEvent({ event_type: 'therm_mode', home: { therm_mode: 'max' } })).toBeNull();
    expect(parseWebhookEvent({ event_type: 'x'.repeat(65) })).toBeNull();
    expect(parseWebhookEvent({ room_id: 'r'.repeat(65) })).toBeNull();
    expect(parseWebhookEvent({ home: { rooms: Array.from({ length: 201 }, (_, i) => ({ id: i })) } })).toBeNull();
    expect(parseWebhookEvent({ event_type: 'set_point', room_id: 2746182631, extra: { anything: [1, 2] } })).toMatchObject({ room_id: '2746182631' });
  });

  it('schedule switches the selected schedule and asks for homesdata again', () => {
    const patch = patchFromWebhook(homes, event({ event_type: 'schedule', home_id: 'h1', schedule_id: 's2' }));
    expect(patch.topologyDirty).toBe(true);
    expect(patch.home!.schedules.map((s) => s.selected)).toEqual([false, true]);
  });

  it('ignores other homes, other events and activation pings', () => {
    expect(patchFromWebhook(homes, event({ event_type: 'therm_mode', home_id: 'other', mode: 'away' }))).toMatchObject({ home: null, confirm: false });
    expect(patchFromWebhook(homes, event({ push_type: 'webhook_activation' })).ignored).toBe('push_type webhook_activation without event_type');
    expect(patchFromWebhook(homes, event({ event_type: 'NACamera-movement', home_id: 'h1' })).home).toBeNull();
    expect(parseWebhookEvent([1, 2])).toBeNull();
    expect(parseWebhookEvent({ home_id: 5 })).toBeNull();
  });
});
