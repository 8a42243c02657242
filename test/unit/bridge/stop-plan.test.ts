import { describe, expect, it } from 'vitest';
import { stopPlan } from '../../../src/bridge/stop-plan.js';
import { TypedEvents } from '../../../src/util/typed-events.js';
import type { BridgeEvents } from '../../../src/core/events.js';

const store = () => ({ flush: () => Promise.resolve() });

describe('the bridge stop plan', () => {
  it('stops HTTP (held reads first) before any feature, then the poll, persistence, data files, simulator', () => {
    const steps = stopPlan({
      longPolls: { close: () => undefined },
      http: { server: {} as never },
      features: [{ name: 'metrics' }, { name: 'web' }, { name: 'ssdp' }],
      heartbeat: { stop: () => undefined },
      poller: { isPolling: false },
      persistence: () => Promise.resolve(),
      store: store(),
      realStore: store(),
      simulator: { stop: () => Promise.resolve() },
    });
    expect(steps.map((s) => s.name)).toEqual([
      'held state reads',
      'HTTP server',
      'feature ssdp',
      'feature web',
      'feature metrics',
      'poll heartbeat',
      'running poll',
      'state persistence',
      'data file',
      'real data file',
      'simulator',
    ]);
  });

  it('stops only the parts built so far, and the real data file only when it is a second file', () => {
    const shared = store();
    expect(stopPlan({ features: [], store: shared, realStore: shared, simulator: null }).map((s) => s.name)).toEqual(['data file']);
  });

  it("a feature's listeners are removed when it stops, even when its stop throws", async () => {
    const events = new TypedEvents<BridgeEvents>();
    const feature = {
      name: 'noisy',
      stop: () => {
        throw new Error('stop failed');
      },
    };
    events.on('tokenRefreshed', () => undefined, feature);
    const [step] = stopPlan({ features: [feature], events });
    await expect(Promise.resolve().then(() => step?.stop())).rejects.toThrow('stop failed');
    expect(events.listenerCount('tokenRefreshed')).toBe(0);
  });
});
