// A bridge with its Netatmo webhook registered at the simulator (PUBLIC_URL on loopback), on a
// hand-driven clock shared by bridge and simulator, so tests can move time and tick the poller.
import { expect, vi } from 'vitest';
import type { Home, Room } from '../../src/model/types.js';
import { freePort } from '../integration/smartapp-helpers.js';
import { startTestBridge, type TestBridge, type TestBridgeOptions } from './bridge.js';

export interface WebhookBridge {
  t: TestBridge;
  /** The bridge's webhook URL as registered with the simulator. */
  url: string;
  now(): number;
  advance(ms: number): void;
  home(index?: number): Home;
  room(homeId: string, roomId: string): Room;
}

export async function startWebhookBridge(options: TestBridgeOptions = {}): Promise<WebhookBridge> {
  const port = await freePort();
  let current = Date.now();
  const now = () => current;
  const t = await startTestBridge({
    ...options,
    simulator: { clock: now, ...options.simulator },
    env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...options.env },
    bridge: { now, ...options.bridge },
  });
  const url = `http://127.0.0.1:${port}/webhooks/netatmo`;
  await vi.waitFor(() => expect(t.simulator.webhooks.registered()).toEqual([url]), { timeout: 5_000 });
  const state = t.bridge.context.state;
  return {
    t,
    url,
    now,
    advance: (ms) => {
      current += ms;
    },
    home: (index = 0) => state.homes[index]!,
    room: (homeId, roomId) => state.home(homeId)!.rooms.find((r) => r.id === roomId)!,
  };
}
