import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
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

interface Delivery {
  raw: string;
  headers: IncomingHttpHeaders;
}

/** A local webhook receiver; next() resolves with the next posted JSON body (deliveries keeps raw bodies and headers). */
async function startReceiver(): Promise<{ url: string; next(): Promise<Json>; deliveries: Delivery[] }> {
  const queue: Json[] = [];
  const waiters: ((body: Json) => void)[] = [];
  const deliveries: Delivery[] = [];
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      res.writeHead(200).end();
      deliveries.push({ raw, headers: req.headers });
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
    deliveries,
  };
}

const hmac = (body: string, key: string): string => createHmac('sha256', key).update(body).digest('hex');

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
    expect(setPoint).toMatchObject({ event_type: 'set_point', push_type: 'display_change', home_id: h.homeId, home_name: 'Simulated home', room_id: roomId, mode: 'manual', temperature: 21 });
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

  it('signs every delivery: X-Netatmo-secret = hex HMAC-SHA256 of the exact body with the client secret', async () => {
    h = await startHarness();
    const hook = await startReceiver();
    await h.api('addwebhook', { url: hook.url }, { method: 'POST' });
    await hook.next();
    await h.api('setthermmode', { home_id: h.homeId, mode: 'away' }, { method: 'POST' });
    await hook.next();
    expect(hook.deliveries).toHaveLength(2);
    for (const delivery of hook.deliveries) expect(delivery.headers['x-netatmo-secret']).toBe(hmac(delivery.raw, h.sim.clientSecret));
  });

  it('max and off set_point events carry no temperature (off: no top-level room_id either), as in the captures', async () => {
    h = await startHarness();
    const hook = await startReceiver();
    await h.api('addwebhook', { url: hook.url }, { method: 'POST' });
    await hook.next();
    const roomId = h.sim.world.rooms(h.homeId).find((r) => r.kind === 'thermostat')!.id;
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: roomId, mode: 'max' }, { method: 'POST' });
    const max = await hook.next();
    expect(max).toMatchObject({ event_type: 'set_point', mode: 'max', room_id: roomId, home: { id: h.homeId, rooms: [{ id: roomId, therm_setpoint_mode: 'max' }] } });
    expect(max).not.toHaveProperty('temperature');
    expect(max.home.rooms[0]).not.toHaveProperty('therm_setpoint_temperature');
    expect(max.home.rooms[0].therm_setpoint_end_time).toBeGreaterThan(h.clock.now() / 1000);
    await h.api('setroomthermpoint', { home_id: h.homeId, room_id: roomId, mode: 'off' }, { method: 'POST' });
    const off = await hook.next();
    expect(off).toMatchObject({ event_type: 'set_point', mode: 'off', home_id: h.homeId, home: { rooms: [{ id: roomId, therm_setpoint_mode: 'off' }] } });
    expect(off).not.toHaveProperty('room_id');
    expect(off).not.toHaveProperty('temperature');
    expect(off.home.rooms[0]).not.toHaveProperty('therm_setpoint_temperature');
  });

  it('delivers a test event signed, unsigned or wrongly signed (API and control route)', async () => {
    h = await startHarness();
    const hook = await startReceiver();
    await h.api('addwebhook', { url: hook.url }, { method: 'POST' });
    await hook.next();
    const event = { event_type: 'therm_mode', home_id: h.homeId, mode: 'away', home: { id: h.homeId, therm_mode: 'away' } };
    expect(await h.sim.webhooks.deliver(event, { signature: 'none' })).toEqual([{ url: hook.url, status: 200 }]);
    expect(await h.sim.webhooks.deliver(event, { signature: 'wrong' })).toEqual([{ url: hook.url, status: 200 }]);
    const res = await fetch(`${h.sim.url}/__sim/webhooks/deliver`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event, signature: 'valid' }) });
    expect(await res.json()).toEqual({ deliveries: [{ url: hook.url, status: 200 }] });
    const [, unsigned, wrong, valid] = hook.deliveries;
    expect(unsigned!.headers).not.toHaveProperty('x-netatmo-secret');
    expect(wrong!.headers['x-netatmo-secret']).toMatch(/^[0-9a-f]{64}$/);
    expect(wrong!.headers['x-netatmo-secret']).not.toBe(hmac(wrong!.raw, h.sim.clientSecret));
    expect(valid!.headers['x-netatmo-secret']).toBe(hmac(valid!.raw, h.sim.clientSecret));
    expect(JSON.parse(valid!.raw)).toEqual(event);
    const refused = await fetch(`${h.sim.url}/__sim/webhooks/deliver`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event, url: 'https://example.com/x' }) });
    expect(refused.status).toBe(400);
    expect(hook.deliveries).toHaveLength(4);
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
