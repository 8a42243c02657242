import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PollHeartbeat } from '../../../src/ops/poll-heartbeat.js';
import { MAX_POLL_MS, PollWatchdog, type WatchedPoller } from '../../../src/ops/watchdog.js';
import { LogCapture } from '../../helpers/bridge.js';

/** A poller double with the fields the watchdog reads. */
class FakePoller implements WatchedPoller {
  lastTickAt: number | null = null;
  pollStartedAt: number | null = null;
  abandoned = 0;
  get isPolling(): boolean {
    return this.pollStartedAt !== null;
  }
  abandonRunningPoll(): boolean {
    this.abandoned += 1;
    this.pollStartedAt = null;
    return true;
  }
}

describe('PollWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const poller = new FakePoller();
    // kill() ends a schedule's ticks without the heartbeat knowing (a silently dead cron task).
    const schedules: { stopped: boolean; kill: () => void }[] = [];
    // A heartbeat whose schedule ticks the fake poller every second, like node-cron would.
    const heartbeat = new PollHeartbeat(() => {
      const timer = setInterval(() => {
        poller.lastTickAt = Date.now();
      }, 1000);
      const record = { stopped: false, kill: () => clearInterval(timer) };
      schedules.push(record);
      return {
        stop: () => {
          record.stopped = true;
          clearInterval(timer);
          return Promise.resolve();
        },
      };
    });
    const logs = new LogCapture();
    const actions: string[] = [];
    // Date.now is the monotonic clock here (fake timers move it); the wall clock may step on top.
    const wall = { offset: 0 };
    const watchdog = new PollWatchdog({
      poller,
      heartbeat,
      logger: logs.logger(),
      now: () => Date.now(),
      wallNow: () => Date.now() + wall.offset,
      onAction: (action) => actions.push(action),
    });
    return { poller, heartbeat, schedules, logs, actions, watchdog, wall };
  }

  it('leaves a healthy heartbeat alone', async () => {
    const { heartbeat, watchdog, actions } = setup();
    heartbeat.start();
    watchdog.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(actions).toEqual([]);
    expect(heartbeat.restarts).toBe(0);
    watchdog.stop();
    await heartbeat.stop();
  });

  it('restarts a heartbeat that stopped ticking, and logs it', async () => {
    const { poller, heartbeat, schedules, watchdog, actions, logs } = setup();
    heartbeat.start();
    watchdog.start();
    await vi.advanceTimersByTimeAsync(5_000);
    // The cron task dies silently: its timer is gone but the heartbeat thinks it runs.
    schedules[0]?.kill();
    const lastTick = poller.lastTickAt;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(actions).toEqual(['heartbeat_restarted']);
    expect(heartbeat.restarts).toBe(1);
    expect(schedules).toHaveLength(2);
    expect(schedules[0]?.stopped).toBe(true);
    expect(logs.find('watchdog: no poll heartbeat')).toHaveLength(1);
    // Ticks arrive again from the new schedule, and nothing more happens.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(poller.lastTickAt).toBeGreaterThan(lastTick ?? 0);
    expect(actions).toEqual(['heartbeat_restarted']);
    watchdog.stop();
    await heartbeat.stop();
  });

  it('does not mistake a long poll for a stalled heartbeat (ticks do not overlap a poll)', async () => {
    const { poller, heartbeat, schedules, watchdog, actions } = setup();
    heartbeat.start();
    watchdog.start();
    await vi.advanceTimersByTimeAsync(2_000);
    schedules[0]?.kill(); // no ticks while the poll runs
    poller.pollStartedAt = Date.now();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(actions).toEqual([]);
    // The poll ends; the watchdog is told, so the silence before it does not count.
    poller.pollStartedAt = null;
    watchdog.notePollFinished();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(actions).toEqual([]);
    watchdog.stop();
    await heartbeat.stop();
  });

  it('abandons a poll that runs longer than 2 minutes', async () => {
    const { poller, heartbeat, watchdog, actions, logs } = setup();
    heartbeat.start();
    watchdog.start();
    poller.pollStartedAt = Date.now();
    await vi.advanceTimersByTimeAsync(MAX_POLL_MS - 1_000);
    expect(poller.abandoned).toBe(0);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(poller.abandoned).toBe(1);
    expect(actions[0]).toBe('poll_abandoned');
    expect(logs.find('abandoned it')).toHaveLength(1);
    watchdog.stop();
    await heartbeat.stop();
  });

  it('notices the wall clock stepping back and recreates the heartbeat (node-cron plans on the wall clock)', async () => {
    const { heartbeat, watchdog, actions, logs, wall } = setup();
    heartbeat.start();
    watchdog.start();
    await vi.advanceTimersByTimeAsync(5_000);
    wall.offset -= 3_600_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(actions).toEqual(['clock_stepped']);
    expect(heartbeat.restarts).toBe(1);
    expect(logs.find('the system clock stepped back by 3600 s')).toHaveLength(1);
    // A step forward is logged, and the heartbeat is left alone.
    wall.offset += 7_200_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(actions).toEqual(['clock_stepped', 'clock_stepped']);
    expect(heartbeat.restarts).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(actions).toHaveLength(2);
    watchdog.stop();
    await heartbeat.stop();
  });

  it('does nothing while the heartbeat is deliberately stopped (manual polling, shutdown)', async () => {
    const { watchdog, actions } = setup();
    watchdog.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(actions).toEqual([]);
    watchdog.stop();
  });
});
