// Webhook patches over real HTTP: changes made outside the bridge (straight to the simulated
// Netatmo API, as the Netatmo app would) reach the state through signed webhook events in their
// captured shapes, before any poll: max and off events carry no temperature, away / frost guard
// move the following rooms to the home's temperatures, a cancelled override returns to the
// schedule's value.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Room } from '../../src/model/types.js';
import { startWebhookBridge, type WebhookBridge } from '../helpers/webhook-bridge.js';

let w: WebhookBridge | undefined;
afterEach(async () => {
  await w?.t.stop();
  w = undefined;
});

async function polled(): Promise<WebhookBridge> {
  w = await startWebhookBridge();
  expect((await w.t.bridge.context.poller.pollNow()).ok).toBe(true);
  return w;
}

/** Waits until the webhook event the simulator sent after `write` has been applied. */
async function afterEvent(bridge: WebhookBridge, eventType: string, write: () => Promise<void>): Promise<void> {
  const delivered = () => bridge.t.simulator.calls.list({ endpoint: 'webhook' }).filter((c) => c.params.event_type === eventType);
  const before = delivered().length;
  await write();
  await vi.waitFor(() => expect(delivered().filter((c) => c.httpStatus === 200)).toHaveLength(before + 1), { timeout: 5_000 });
}

describe('Netatmo webhook patches', () => {
  it('a max event without temperature shows boost at 30 °C; an off event without temperature shows the frost-guard value', async () => {
    const bridge = await polled();
    const { t, home, room } = bridge;
    const { api } = t.bridge.context;
    const target = home();
    const thermostat = target.rooms.find((r) => r.kind === 'thermostat')!;
    const polls = t.simulator.calls.count('homestatus');
    expect(thermostat.setpointC).not.toBe(30);

    await afterEvent(bridge, 'set_point', () => api.setRoomThermPoint({ homeId: target.id, roomId: thermostat.id, mode: 'max' }));
    expect(room(target.id, thermostat.id)).toMatchObject({ setpointMode: 'boost', setpointC: 30 });
    expect(room(target.id, thermostat.id).setpointEndsAt).not.toBeNull();

    await afterEvent(bridge, 'set_point', () => api.setRoomThermPoint({ homeId: target.id, roomId: thermostat.id, mode: 'off' }));
    expect(room(target.id, thermostat.id)).toMatchObject({ setpointMode: 'off', setpointC: target.frostguardTempC, heating: false });
    expect(t.simulator.calls.count('homestatus')).toBe(polls);
  });

  it('away and frost guard move the rooms that follow the home to the away / frost-guard temperatures', async () => {
    const bridge = await polled();
    const { t, home } = bridge;
    const { api } = t.bridge.context;
    const target = home();
    const valve = target.rooms.find((r) => r.kind === 'valves')!;
    await afterEvent(bridge, 'set_point', () => api.setRoomThermPoint({ homeId: target.id, roomId: valve.id, mode: 'manual', temp: 23 }));
    const following = (rooms: Room[]) => rooms.filter((r) => r.id !== valve.id);
    expect(following(home().rooms).some((r) => r.setpointC !== target.awayTempC)).toBe(true);

    await afterEvent(bridge, 'therm_mode', () => api.setThermMode({ homeId: target.id, mode: 'away' }));
    expect(home().mode).toBe('away');
    for (const r of following(home().rooms)) expect(r).toMatchObject({ setpointMode: 'away', setpointC: target.awayTempC });
    expect(home().rooms.find((r) => r.id === valve.id)).toMatchObject({ setpointMode: 'manual', setpointC: 23 });

    await afterEvent(bridge, 'therm_mode', () => api.setThermMode({ homeId: target.id, mode: 'hg' }));
    for (const r of following(home().rooms)) expect(r).toMatchObject({ setpointMode: 'frostguard', setpointC: target.frostguardTempC });
  });

  it('cancel_set_point returns the room to the value of its schedule at this time', async () => {
    const bridge = await polled();
    const { t, home, room } = bridge;
    const { api } = t.bridge.context;
    const target = home();
    const valve = target.rooms.find((r) => r.kind === 'valves')!;
    const scheduled = t.simulator.world.room(target.id, valve.id).setpointTemperature;
    expect(valve).toMatchObject({ setpointMode: 'schedule', setpointC: scheduled });

    await afterEvent(bridge, 'set_point', () => api.setRoomThermPoint({ homeId: target.id, roomId: valve.id, mode: 'manual', temp: scheduled + 4 }));
    expect(room(target.id, valve.id)).toMatchObject({ setpointMode: 'manual', setpointC: scheduled + 4 });
    await afterEvent(bridge, 'cancel_set_point', () => api.setRoomThermPoint({ homeId: target.id, roomId: valve.id, mode: 'home' }));
    expect(room(target.id, valve.id)).toMatchObject({ setpointMode: 'schedule', setpointC: scheduled, setpointEndsAt: null });
  });
});
