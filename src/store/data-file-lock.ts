// The data file's inter-process lock: every read-modify-write of bridge.json holds it, so a second
// process on the same data directory (a second bridge, `npm run auth`, `doctor --refresh`) can
// never put back an older copy over a change it did not see — e.g. a rotated Netatmo token.
//
// proper-lockfile: the lock is a directory `bridge.json.lock` (mkdir is atomic, also on network
// file systems). A holder refreshes its mtime while it holds it; a lock whose mtime is older than
// LOCK_STALE_MS belongs to a process that died (kill -9, power cut) and is taken over, so a crash
// never blocks the next start for longer than that. Reads need no lock: every write is an atomic
// rename, so a reader sees the old file or the new one.
import lockfile from 'proper-lockfile';
import type { Logger } from '../util/logger.js';
import { errorCode, StoreWriteError, toStoreWriteError } from './errors.js';

/**
 * A lock not refreshed for this long is a dead process's. The bridge holds the lock only while it
 * writes (milliseconds; seconds on a slow SD card), well under this; a longer stall (a frozen event
 * loop) only lets another writer in, which is what happened without a lock at all.
 */
export const LOCK_STALE_MS = 3_000;

/** How long a writer waits for a live holder before the write fails as `locked` (then retried). */
const RETRIES = { retries: 45, factor: 1.3, minTimeout: 25, maxTimeout: 250 } as const;

export type ReleaseLock = () => Promise<void>;

export class DataFileLock {
  readonly lockPath: string;

  constructor(
    readonly filePath: string,
    private readonly log: Logger,
  ) {
    this.lockPath = `${filePath}.lock`;
  }

  /** Runs `work` while this process holds the lock; a failure to lock is a StoreWriteError. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      await release();
    }
  }

  /** Takes the lock, waiting for a live holder (bounded) and taking over a dead one's. */
  async acquire(): Promise<ReleaseLock> {
    try {
      return this.releaser(await lockfile.lock(this.filePath, this.options(0)));
    } catch (error) {
      if (errorCode(error) !== 'ELOCKED') throw toStoreWriteError(error, this.filePath);
    }
    this.log.debug({ lock: this.lockPath }, 'The data file is locked by another writer; waiting for it');
    try {
      return this.releaser(await lockfile.lock(this.filePath, this.options(RETRIES)));
    } catch (error) {
      if (errorCode(error) === 'ELOCKED') throw new StoreWriteError('locked', this.filePath, 'ELOCKED', { cause: error });
      throw toStoreWriteError(error, this.filePath);
    }
  }

  private options(retries: lockfile.LockOptions['retries']): lockfile.LockOptions {
    return {
      lockfilePath: this.lockPath,
      // The data file may not exist yet (first start); the lock is on its path.
      realpath: false,
      stale: LOCK_STALE_MS,
      retries,
      onCompromised: (error) => {
        // The default throws from a timer (a crash). Another writer took the lock over because this
        // process stalled past LOCK_STALE_MS; the write in progress still lands atomically.
        this.log.warn({ lock: this.lockPath, code: errorCode(error) }, 'The data file lock was taken over by another writer while this one held it (the bridge stalled)');
      },
    };
  }

  private releaser(release: ReleaseLock): ReleaseLock {
    return async () => {
      try {
        await release();
      } catch (error) {
        // Already released because it was taken over (logged above) or removed by hand.
        this.log.debug({ lock: this.lockPath, code: errorCode(error) }, 'The data file lock was already released');
      }
    };
  }
}
