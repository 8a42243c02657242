// Orderly, bounded shutdown. Every step gets a share of one deadline so the whole stop finishes
// within the 5 s a service manager (docker stop, systemd) is promised, even when a Netatmo call
// hangs: a step that overruns is logged and left behind, and the next step runs. Data-file writes
// are atomic (temp file + rename), so leaving a write behind can never corrupt the file.
import type { Server } from 'node:http';
import type { Logger } from '../util/logger.js';
import { settlesWithin } from '../util/with-timeout.js';

/** The process exits (code 0) no later than this after the first signal. */
export const SHUTDOWN_LIMIT_MS = 5_000;
/** What the ordered stop may use; the rest is headroom for logging and exit. */
export const STOP_BUDGET_MS = 4_000;
/** A running poll gets this long to finish before the bridge stops without it. */
export const POLL_DRAIN_MS = 1_500;
/** Running HTTP requests (a command waiting on Netatmo) get this long before sockets are cut. */
export const HTTP_DRAIN_MS = 1_500;

export interface StopStep {
  name: string;
  /** May resolve with 'timed_out' to report that it gave up waiting itself (logged like a timeout). */
  stop(): unknown;
  /** Longest this step may take (capped by what is left of the overall budget). */
  limitMs?: number;
}

export type StepOutcome = 'ok' | 'failed' | 'timed_out';

/** Runs the steps in the order given, each bounded, none able to stop the others. */
export async function runStopSteps(
  steps: readonly StopStep[],
  logger: Logger,
  options: { budgetMs?: number; now?: () => number } = {},
): Promise<Record<string, StepOutcome>> {
  const now = options.now ?? Date.now;
  const deadline = now() + (options.budgetMs ?? STOP_BUDGET_MS);
  const outcomes: Record<string, StepOutcome> = {};
  for (const step of steps) {
    const remaining = deadline - now();
    const limit = Math.min(step.limitMs ?? remaining, remaining);
    try {
      let reported: unknown;
      const timed = await settlesWithin(
        Promise.resolve()
          .then(() => step.stop())
          .then((result) => {
            reported = result;
          }),
        limit,
      );
      const outcome = timed === 'timed_out' || reported === 'timed_out' ? 'timed_out' : 'ok';
      outcomes[step.name] = outcome;
      if (outcome === 'timed_out') logger.warn({ step: step.name, limitMs: limit }, `${step.name} did not stop in time; going on without it`);
    } catch (error) {
      outcomes[step.name] = 'failed';
      logger.warn({ err: error, step: step.name }, `${step.name} failed to stop cleanly`);
    }
  }
  return outcomes;
}

/** Resolves once `isBusy()` is false (checked every 25 ms) or after `limitMs`. */
export async function waitWhile(isBusy: () => boolean, limitMs: number): Promise<'ok' | 'timed_out'> {
  const start = Date.now();
  while (isBusy()) {
    if (Date.now() - start >= limitMs) return 'timed_out';
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return 'ok';
}

/**
 * Stops accepting connections, lets running requests finish for `drainMs`, then cuts whatever is
 * still open (a request stuck on a hanging Netatmo call must not hold the shutdown).
 */
export async function closeHttpServer(server: Server, drainMs: number): Promise<'ok' | 'timed_out'> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const outcome = await settlesWithin(closed, drainMs);
  if (outcome === 'timed_out') {
    server.closeAllConnections();
    await closed;
  }
  return outcome;
}
