// The Netatmo webhook over real HTTP: the bridge registers PUBLIC_URL/webhooks/netatmo with the
// simulator at start, the simulator posts events after writes, the state shows them before the
// next poll, bad payloads are answered 200 and ignored, and shutdown drops the webhook.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { freePort } from './smartapp-helpers.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function startWithWebhook(): Promise<{ t: TestBridge; url: string }> {
  const port = await freePort();
  const fixedNow = Date.now();
  t = await startTestBridge({ simulator: { clock: () => fixedNow }, env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` } });
  const url = `http://127.0.0.1:${port}/webhooks/netatmo`;
  await vi.waitFor(() => expect(t!.simulator.webhooks.registered()).toEqual([url]), { timeout: 5_000 });
  return { t, url };
}

describe('Netatmo webhook', () => {
  it('shows a therm_mode event in the state before the next poll, then asks for a confirmation poll', async () => {
    const { t } = await startWithWebhook();
    const { context } = t.bridge;
    await context.poller.pollNow();
    const home = context.state.homes[0]!;
    expect(home.mode).toBe('schedule');
    const polls = t.simulator.calls.list({ endpoint: 'homestatus' }).length;

    // A change made outside the bridge (the Netatmo app): straight to the API, no optimistic patch.
    await context.api.setThermMode({ homeId: home.id, mode: 'away' });
    await vi.waitFor(() => expect(context.state.home(home.id)?.mode).toBe('away'), { timeout: 5_000 });
    expect(t.simulator.calls.list({ endpoint: 'homestatus' })).toHaveLength(polls);
    const followers = context.state.home(home.id)!.rooms.filter((r) => r.setpointMode === 'away');
    expect(followers.length).toBeGreaterThan(0);
    expect(context.poller.nextPollAt).toBeLessThanOrEqual(Date.now() + 3_000);
    // The simulator logs the delivery once our answer reached it, which may be after the patch.
    const delivered = () => t.simulator.calls.list({ endpoint: 'webhook' }).filter((c) => c.params.event_type === 'therm_mode');
    await vi.waitFor(() => expect(delivered().map((c) => c.httpStatus)).toEqual([200]), { timeout: 5_000 });
  });

  it('patches a room from a set_point event', async () => {
    const { t } = await startWithWebhook();
    const { context } = t.bridge;
    await context.poller.pollNow();
    const home = context.state.homes[0]!;
    const room = home.rooms.find((r) => r.kind !== 'valves') ?? home.rooms[0]!;
    await context.api.setRoomThermPoint({ homeId: home.id, roomId: room.id, mode: 'manual', temp: 23.5 });
    await vi.waitFor(() => expect(context.state.home(home.id)?.rooms.find((r) => r.id === room.id)).toMatchObject({ setpointMode: 'manual', setpointC: 23.5 }), { timeout: 5_000 });
  });

  it('answers 200 to unknown, malformed and oversized deliveries and ignores them', async () => {
    const { t, url } = await startWithWebhook();
    await t.bridge.context.poller.pollNow();
    const revision = t.bridge.context.state.revision;
    const bodies = ['not json', JSON.stringify({ event_type: 'therm_mode', home_id: 'unknown-home', mode: 'away' }), JSON.stringify([1, 2]), JSON.stringify({ push_type: 'webhook_activation' }), 'x'.repeat(400_000)];
    for (const body of bodies) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
    }
    expect(t.bridge.context.state.revision).toBe(revision);
  });

  it('drops the webhook on shutdown', async () => {
    const { t: bridge } = await startWithWebhook();
    await bridge.stop({ keepSimulator: true });
    t = undefined;
    expect(bridge.simulator.calls.list({ endpoint: 'dropwebhook' })).toHaveLength(1);
    expect(bridge.simulator.webhooks.registered()).toEqual([]);
    await bridge.simulator.stop();
  });
});
