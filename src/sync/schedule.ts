// The poller's heartbeat: node-cron fires every second and the poller decides whether a poll is
// due (interval, budget stretch, back-off). A one-second heartbeat lets the interval be any number
// of seconds and change at run time, which a fixed cron expression cannot do.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../util/logger.js';
import type { Poller } from './poller.js';

export interface PollSchedule {
  stop(): Promise<void>;
}

export function startPollSchedule(poller: Poller, logger: Logger, afterTick?: () => void): PollSchedule {
  const task: ScheduledTask = cron.schedule(
    '* * * * * *',
    async () => {
      try {
        await poller.tick();
        afterTick?.();
      } catch (error) {
        // tick() handles Netatmo failures itself; anything here is a bug, logged and survived.
        logger.error({ err: error }, 'poll tick failed unexpectedly');
      }
    },
    { name: 'netatmo-poll', noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
    },
  };
}
