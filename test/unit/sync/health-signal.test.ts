// The hub link as the health signal sees it: reading it has no side effect; a new hub read is taken
// in when the signal is evaluated (every heartbeat tick and after every poll) and then ages on the
// monotonic clock.
import { describe, expect, it } from 'vitest';
import { HealthTracker } from '../../../src/sync/health.js';
import { HealthSignal, HUB_LINK_WINDOW_MS } from '../../../src/sync/health-signal.js';
import type { HealthKey } from '../../../src/sync/state-service.js';

function signalRig() {
  const clock = { mono: 1_000_000 };
  const rig = { lastHubPollAt: null as string | null, noted: [] as HealthKey[] };
  const health = new HealthTracker({ staleThresholdS: 600, monotonicNow: () => clock.mono });
  const signal = new HealthSignal({
    health,
    state: { noteHealth: (key: HealthKey) => (rig.noted.push(key), true) },
    tokenStatus: () => 'ok',
    lastHubPollAt: () => rig.lastHubPollAt,
    monotonicNow: () => clock.mono,
  });
  return { clock, rig, signal };
}

describe('HealthSignal hub link', () => {
  it('hubLinked() only reads: a hub read counts once evaluate() took it in', () => {
    const { rig, signal } = signalRig();
    expect(signal.hubLinked()).toBe(false);
    rig.lastHubPollAt = '2026-01-05T10:00:00.000Z';
    expect(signal.hubLinked()).toBe(false);
    expect(signal.hubLinked()).toBe(false);
    signal.evaluate();
    expect(signal.hubLinked()).toBe(true);
    expect(rig.noted.at(-1)?.hubLinked).toBe(true);
  });

  it('the link ages on the monotonic clock from when the read was taken in', () => {
    const { clock, rig, signal } = signalRig();
    rig.lastHubPollAt = '2026-01-05T10:00:00.000Z';
    signal.evaluate();
    clock.mono += HUB_LINK_WINDOW_MS - 1;
    expect(signal.hubLinked()).toBe(true);
    clock.mono += 1;
    expect(signal.hubLinked()).toBe(false);
    signal.evaluate();
    expect(rig.noted.at(-1)?.hubLinked).toBe(false);
  });
});
