import { describe, expect, it } from 'vitest';
import { patchFromWebhook } from '../../../src/sync/webhook-patch.js';
import { parseWebhookEvent, type WebhookEvent } from '../../../src/sync/webhook-schema.js';
import { home, room } from './fixtures.js';

const homes = [home('h1', [room('r1'), room('r2', { setpointMode: 'manual', setpointC: 22 })])];
const event = (raw: unknown): WebhookEvent => parseWebhookEvent(raw)!;

describe('webhook patch', () => {
  it('set_point / setpoint_event patch the named room (max = boost, end time, off at 0 °C)', () => {
    const set = patchFromWebhook(homes, event({ event_type: 'set_point', home_id: 'h1', room_id: 'r1', home: { id: 'h1', rooms: [{ id: 'r1', therm_setpoint_mode: 'max', therm_setpoint_temperature: 30, therm_setpoint_end_time: 1_800_000_000 }] } }));
    expect(set.home!.rooms[0]).toMatchObject({ setpointMode: 'boost', setpointC: 30, setpointEndsAt: '2027-01-15T08:00:00.000Z' });
    expect(set.confirm).toBe(true);
    const off = patchFromWebhook(homes, event({ event_type: 'setpoint_event', home: { id: 'h1', rooms: [{ id: 'r1', therm_setpoint_mode: 'off', therm_setpoint_temperature: 0, therm_setpoint_end_time: 0 }] } }));
    expect(off.home!.rooms[0]).toMatchObject({ setpointMode: 'off', setpointC: 20, setpointEndsAt: null, heating: false });
  });

  it('cancel_set_point returns the room to the home; therm_mode moves following rooms only', () => {
    const cancel = patchFromWebhook(homes, event({ event_type: 'cancel_set_point', home_id: 'h1', room_id: 'r2', home: { id: 'h1', rooms: [{ id: 'r2', therm_setpoint_mode: 'home' }] } }));
    expect(cancel.home!.rooms[1]).toMatchObject({ setpointMode: 'schedule', setpointEndsAt: null });
    const away = patchFromWebhook(homes, event({ event_type: 'therm_mode', home_id: 'h1', mode: 'hg', home: { id: 'h1', therm_mode: 'hg' } }));
    expect(away.home!.mode).toBe('frostguard');
    expect(away.home!.rooms.map((r) => r.setpointMode)).toEqual(['frostguard', 'manual']);
  });

  it('schedule switches the selected schedule and asks for homesdata again', () => {
    const patch = patchFromWebhook(homes, event({ event_type: 'schedule', home_id: 'h1', schedule_id: 's2' }));
    expect(patch.topologyDirty).toBe(true);
    expect(patch.home!.schedules.map((s) => s.selected)).toEqual([false, true]);
  });

  it('ignores other homes, other events and activation pings', () => {
    expect(patchFromWebhook(homes, event({ event_type: 'therm_mode', home_id: 'other', mode: 'away' }))).toMatchObject({ home: null, confirm: false });
    expect(patchFromWebhook(homes, event({ push_type: 'webhook_activation' })).ignored).toBeDefined();
    expect(patchFromWebhook(homes, event({ event_type: 'NACamera-movement', home_id: 'h1' })).home).toBeNull();
    expect(parseWebhookEvent([1, 2])).toBeNull();
    expect(parseWebhookEvent({ home_id: 5 })).toBeNull();
  });
});
