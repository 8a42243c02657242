// Contract of the store (implemented in src/store/file-store.ts). The store is the only code that
// imports lowdb; everything else sees this interface.
import type { StoreData } from './types.js';

export interface Store {
  /** The current data. Treat as read-only: change it only through update(). */
  readonly data: Readonly<StoreData>;
  /**
   * Apply a change and persist it atomically (temp file, fsync, rename). Calls are serialised;
   * the promise resolves once the change is on disk. If the write fails the in-memory data is
   * rolled back and the promise rejects with a StoreWriteError.
   */
  update(mutator: (draft: StoreData) => void): Promise<void>;
  /** Re-read the file from disk (another process may have rotated the Netatmo tokens). */
  reload(): Promise<Readonly<StoreData>>;
  /** Wait until every queued write is on disk. */
  flush(): Promise<void>;
  /** Absolute path of the data file. */
  readonly filePath: string;
}
