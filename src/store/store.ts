// Contract of the store (implemented in src/store/file-store.ts). The store is the only code that
// imports lowdb; everything else sees this interface.
import type { StoreProblem } from './errors.js';
import type { StoreData } from './types.js';

export interface Store {
  /** The current data. Treat as read-only: change it only through update(). */
  readonly data: Readonly<StoreData>;
  /**
   * Apply a change and persist it atomically (temp file, fsync, rename). Calls are serialised, also
   * across processes (the data file's lock), and the change is applied to the file's current
   * content: what another process saved meanwhile is kept. The promise resolves once the change is
   * on disk. If the write fails, or the file must not be overwritten (written by a newer bridge,
   * damaged), nothing changes and the promise rejects with a StoreWriteError.
   */
  update(mutator: (draft: StoreData) => void): Promise<void>;
  /** Re-read the file from disk (another process may have rotated the Netatmo tokens). */
  reload(): Promise<Readonly<StoreData>>;
  /** Why saving fails right now (for the status page and `npm run doctor`), or null. */
  problem(): StoreProblem | null;
  /** Wait until every queued write is on disk. */
  flush(): Promise<void>;
  /** Absolute path of the data file. */
  readonly filePath: string;
}
