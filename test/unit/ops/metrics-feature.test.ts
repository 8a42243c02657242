import { describe, expect, it } from 'vitest';
import type { BridgeEvents } from '../../../src/core/events.js';
import type { MetricsFeatureDeps } from '../../../src/ops/metrics-deps.js';
import { createMetricsFeature } from '../../../src/ops/metrics.js';
import { TypedEvents } from '../../../src/util/typed-events.js';

const COUNTED = ['netatmoCall', 'pollFinished', 'tokenRefreshed', 'lanRequest', 'smartthingsPush', 'watchdogAction'] as const;

function depsWith(events: TypedEvents<BridgeEvents>): MetricsFeatureDeps {
  // The gauges read these only at scrape time; this test never scrapes.
  const unread = (): never => {
    throw new Error('read at scrape time only');
  };
  return { config: { metrics: true }, events, state: { revision: 0 }, budget: { snapshot: unread }, health: { snapshot: unread }, bridgeInfo: unread, netatmoHealth: unread, now: Date.now };
}

describe('metrics feature', () => {
  it('subscribes to the bridge events only when it starts, for itself as owner', async () => {
    const events = new TypedEvents<BridgeEvents>();
    const feature = createMetricsFeature(depsWith(events));
    expect(COUNTED.map((name) => events.listenerCount(name))).toEqual([0, 0, 0, 0, 0, 0]);

    await feature.start?.();
    expect(COUNTED.map((name) => events.listenerCount(name))).toEqual([1, 1, 1, 1, 1, 1]);

    // What the stop list does after the feature's stop.
    events.removeAll(feature);
    expect(COUNTED.map((name) => events.listenerCount(name))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
