import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Json } from './sim-helpers.js';

let h: Harness | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await h?.sim.stop();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  h = undefined;
  receiver = undefined;
});

/** A local webhook receiver; next() resolves with the next posted JSON body. */
async function startReceiver(): Promise<{ url: string; next(): Promise<Json> }> {
  const queue: Json[] = [];
  const waiters: ((body: Json) => void)[] = [];
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      res.writeHead(200).end();
      const body: Json = JSON.parse(raw);
      const waiter = waiters.shift();
      if (waiter) waiter(body);
      else queue.push(body);
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/netatmo`,
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiters.push(resolve))),
  };
}

describe('simulator webhooks', () => {
  it('refuses a non-loopback URL with code 21 and never calls it', async () => {
    h = await startHarness();
    const res = await h.api('addwebhook', { url: 'https://example.com/hook' }, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(21);
    expect(h.sim.webhooks.registered()).toEqual([]);
    expect((await h.api('addwebhook', {}, { method: 'POST' })).json.error.code).toBe(10);
  });

  it('posts activation, then Netatmo-shaped events after each successful write', async () => {
    h = await startHarness();
    const hook = await startReceiver();
    expect((await h.api('addwebhook', { url: hook.url }, { method: 'POST' })).status).toBe(200);
    expect(h.sim.webhooks.registered()).toEqual([hook.url]);
    expect(await hook.next()).toMatchObject({ push_type: 'webhook_activation' });

    const roomId = h.sim.world.rooms(h.homeId).find((r) => r.name === 'Bedroom')!.id;
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: roomId, mode: 'manual', temp: 21 }, { method: 'POST' });
    const setPoint = await hook.next();
    expect(setPoint).toMatchObject({ event_type: 'set_point', push_type: 'display_change', home_id: h.homeId, room_id: roomId, mode: 'manual', temperature: 21 });
    expect(setPoint.home.rooms[0]).toMatchObject({ id: roomId, therm_setpoint_mode: 'manual', therm_setpoint_temperature: 21 });

    // A refused write sends nothing; the next event is the cancel.
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: roomId, mode: 'max' }, { method: 'POST' });
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: roomId, mode: 'home' }, { method: 'POST' });
    expect(await hook.next()).toMatchObject({ event_type: 'cancel_set_point', room_id: roomId, home: { rooms: [{ id: roomId, therm_setpoint_mode: 'home' }] } });

    await h.api('setthermmode', { home_id: h.homeId, mode: 'away' }, { method: 'POST' });
    expect(await hook.next()).toMatchObject({ event_type: 'therm_mode', push_type: 'home_event_changed', home_id: h.homeId, mode: 'away', previous_mode: 'schedule', home: { id: h.homeId, therm_mode: 'away' } });

    const schedules = h.sim.world.homes[0]!.schedules;
    await h.api('switchhomeschedule', { home_id: h.homeId, schedule_id: schedules[1]!.id }, { method: 'POST' });
    expect(await hook.next()).toMatchObject({ event_type: 'schedule', home_id: h.homeId, schedule_id: schedules[1]!.id, previous_schedule_id: schedules[0]!.id });

    expect(h.sim.calls.list({ endpoint: 'webhook' }).every((c) => c.httpStatus === 200)).toBe(true);
    expect((await h.api('dropwebhook', { app_types: 'app_security' }, { method: 'POST' })).status).toBe(200);
    expect(h.sim.webhooks.registered()).toEqual([]);
  });

  it('logs a failed delivery in the call log without failing the API call', async () => {
    h = await startHarness();
    const hook = await startReceiver();
    await h.api('addwebhook', { url: hook.url }, { method: 'POST' });
    await hook.next();
    await new Promise<void>((resolve) => receiver!.close(() => resolve()));
    receiver = undefined;
    const res = await h.api('setthermmode', { home_id: h.homeId, mode: 'hg' }, { method: 'POST' });
    expect(res.status).toBe(200);
    await expect.poll(() => h!.sim.calls.list({ endpoint: 'webhook' }).some((c) => c.httpStatus === 0)).toBe(true);
  });
});
