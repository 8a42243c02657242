// Webhook authenticity over real HTTP: Netatmo signs each webhook delivery (X-Netatmo-secret = hex
// HMAC-SHA256 of the raw body keyed with the client secret). Unsigned, wrongly signed, replayed or
// out-of-bounds deliveries are answered 200 and change nothing — no patch, no confirmation poll —
// and a flood of genuine events cannot make the bridge poll more often than its poll interval.
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookBridge, type WebhookBridge } from '../helpers/webhook-bridge.js';

let w: WebhookBridge | undefined;
afterEach(async () => {
  await w?.t.stop();
  w = undefined;
});

async function polled(): Promise<WebhookBridge> {
  // Fixed polls: the test counts every homestatus call against the poll interval.
  w = await startWebhookBridge({ env: { POLL_POLICY: 'fixed' } });
  expect((await w.t.bridge.context.poller.pollNow()).ok).toBe(true);
  return w;
}

/** What a forger would post: the home to away and one room to an absurd setpoint. */
function forgedEvents(homeId: string, roomId: string): Record<string, unknown>[] {
  return [
    { home_id: homeId, home_name: 'forged-by-test', event_type: 'therm_mode', push_type: 'home_event_changed', mode: 'away', home: { id: homeId, therm_mode: 'away' } },
    {
      home_id: homeId,
      home_name: 'forged-by-test',
      room_id: roomId,
      event_type: 'set_point',
      push_type: 'display_change',
      mode: 'manual',
      temperature: 1_000_000,
      home: { id: homeId, rooms: [{ id: roomId, therm_setpoint_mode: 'manual', therm_setpoint_temperature: 1_000_000 }] },
    },
  ];
}

describe('Netatmo webhook authenticity', () => {
  it('answers unsigned and wrongly signed deliveries 200 and ignores them: no patch, no poll, a debug line without the body', async () => {
    const { t, home } = await polled();
    const { context } = t.bridge;
    const before = { revision: context.state.revision, homes: structuredClone(context.state.homes), nextPollAt: context.poller.nextPollAt };
    const polls = t.simulator.calls.count('homestatus');
    const target = home();
    for (const event of forgedEvents(target.id, target.rooms[0]!.id)) {
      expect(await t.simulator.webhooks.deliver(event, { signature: 'none' })).toEqual([{ url: w!.url, status: 200 }]);
      expect(await t.simulator.webhooks.deliver(event, { signature: 'wrong' })).toEqual([{ url: w!.url, status: 200 }]);
    }
    // A signature that is not even hex, and one of the wrong length.
    for (const signature of ['zz', 'ab'.repeat(31)]) {
      const res = await fetch(w!.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-netatmo-secret': signature }, body: JSON.stringify(forgedEvents(target.id, target.rooms[0]!.id)[0]) });
      expect(res.status).toBe(200);
    }
    expect(context.state.revision).toBe(before.revision);
    expect(context.state.homes).toEqual(before.homes);
    expect(context.poller.nextPollAt).toBe(before.nextPollAt);
    expect(t.simulator.calls.count('homestatus')).toBe(polls);
    const dropped = t.logs.find('signature');
    expect(dropped.length).toBeGreaterThanOrEqual(6);
    expect(dropped.every((line) => line.level === 20)).toBe(true);
    expect(t.logs.text()).not.toContain('forged-by-test');
  });

  it('ignores a validly signed event whose numbers or words are out of bounds, without asking for a poll', async () => {
    const { t, home } = await polled();
    const { context } = t.bridge;
    const target = home();
    const roomId = target.rooms[0]!.id;
    const before = { revision: context.state.revision, nextPollAt: context.poller.nextPollAt };
    const setPoint = (room: Record<string, unknown>) => ({ home_id: target.id, room_id: roomId, event_type: 'set_point', push_type: 'display_change', home: { id: target.id, rooms: [{ id: roomId, ...room }] } });
    const events = [
      forgedEvents(target.id, roomId)[1]!,
      setPoint({ therm_setpoint_mode: 'manual', therm_setpoint_temperature: -40 }),
      setPoint({ therm_setpoint_mode: 'manual', therm_setpoint_temperature: 21, therm_setpoint_end_time: 1e20 }),
      setPoint({ therm_setpoint_mode: 'party' }),
      { home_id: target.id, event_type: 'therm_mode', push_type: 'home_event_changed', mode: 'party', home: { id: target.id, therm_mode: 'party' } },
      { home_id: target.id, event_type: 'cancel_set_point', push_type: 'display_change', room_id: 'x'.repeat(5_000), home: { id: target.id, rooms: [{ id: 'x'.repeat(5_000), therm_setpoint_mode: 'home' }] } },
    ];
    for (const event of events) expect(await t.simulator.webhooks.deliver(event)).toEqual([{ url: w!.url, status: 200 }]);
    expect(context.state.revision).toBe(before.revision);
    expect(context.poller.nextPollAt).toBe(before.nextPollAt);
    expect(context.state.home(target.id)!.rooms[0]!.setpointC).toBe(target.rooms[0]!.setpointC);
  });

  it('a flood of replayed or distinct genuine events leads to one confirmation poll per poll interval at most', async () => {
    const bridge = await polled();
    const { t, home } = bridge;
    const { context } = t.bridge;
    const target = home();
    const room = target.rooms.find((r) => r.kind === 'valves')!;
    const pollsAtStart = t.simulator.calls.count('homestatus');
    const event = (temperature: number) => ({
      home_id: target.id,
      room_id: room.id,
      event_type: 'set_point',
      push_type: 'display_change',
      mode: 'manual',
      temperature,
      home: { id: target.id, rooms: [{ id: room.id, therm_setpoint_mode: 'manual', therm_setpoint_temperature: temperature }] },
    });
    const replayed = event(22);
    // 50 s of events, one every 2.5 s, every other one a replay of the first; the poller ticks after each.
    for (let i = 0; i <= 20; i++) {
      await t.simulator.webhooks.deliver(i % 2 === 0 ? replayed : event(15 + i / 2));
      bridge.advance(2_500);
      await context.poller.tick();
    }
    expect(t.simulator.calls.count('homestatus')).toBe(pollsAtStart + 1);
    // The replays changed nothing: the room shows the last distinct event, not the replayed 22 °C.
    expect(context.state.home(target.id)!.rooms.find((r) => r.id === room.id)).toMatchObject({ setpointMode: 'manual', setpointC: 24.5 });
    // A poll interval later the regular poll runs; then the next genuine event may ask for a confirmation again.
    bridge.advance(context.poller.effectiveIntervalS() * 1000);
    await context.poller.tick();
    expect(t.simulator.calls.count('homestatus')).toBe(pollsAtStart + 2);
    await t.simulator.webhooks.deliver(event(19));
    bridge.advance(3_500);
    await context.poller.tick();
    expect(t.simulator.calls.count('homestatus')).toBe(pollsAtStart + 3);
  });
});
