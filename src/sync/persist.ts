// Writes what must survive a restart: the last homes and revision, the last success and error.
// Writes are coalesced (one pending write at a time, always with the newest data) so a burst of
// changes costs one disk write, and a failed write is logged and retried on the next change —
// the bridge keeps serving from memory meanwhile.
import type { BridgeEventBus } from '../core/events.js';
import type { Logger } from '../util/logger.js';
import type { Store } from '../store/index.js';
import type { HealthTracker } from './health.js';
import type { StateService } from './state-service.js';

/** What state persistence uses of the bridge. */
export interface PersistDeps {
  store: Pick<Store, 'update'>;
  state: Pick<StateService, 'revision' | 'changedAt' | 'homes' | 'onChange'>;
  health: Pick<HealthTracker, 'snapshot'>;
  logger: Logger;
  events: Pick<BridgeEventBus, 'on'>;
  now: () => number;
}

/** Unchanged polls still refresh "last success" on disk, but at most this often (SD-card wear). */
export const QUIET_PERSIST_MS = 10 * 60_000;

/** Starts saving the state on every change; returns the stop, which waits for the last write. */
export function startStatePersistence(context: PersistDeps): () => Promise<void> {
  const { store, state, health, logger } = context;
  let writing: Promise<void> | null = null;
  let again = false;
  let lastWriteAt = 0;

  const write = async (): Promise<void> => {
    lastWriteAt = context.now();
    const snapshot = health.snapshot();
    await store.update((data) => {
      data.state = { revision: state.revision, changedAt: state.changedAt, homes: [...state.homes] };
      data.health = { ...data.health, lastSuccessAt: snapshot.lastSuccessAt, lastError: snapshot.lastError };
    });
  };

  const schedule = (): void => {
    if (writing) {
      again = true;
      return;
    }
    writing = write()
      .catch((error: unknown) => {
        logger.error({ err: error }, 'could not save the bridge state; it stays in memory and is saved on the next change');
      })
      .finally(() => {
        writing = null;
        if (again) {
          again = false;
          schedule();
        }
      });
  };

  const offChange = state.onChange(() => schedule());
  const offPoll = context.events.on('pollFinished', (result) => {
    // A failure is worth saving at once (the error shows after a restart); a quiet success only
    // refreshes the last-success time, which may wait.
    if (!result.changed && !result.deferred && (!result.ok || context.now() - lastWriteAt >= QUIET_PERSIST_MS)) schedule();
  });

  return async () => {
    offChange();
    offPoll();
    while (writing) await writing;
  };
}
