// Opening <dataDir>/bridge.json: create the directory, clean up after crashed writers, load with
// recovery (load.ts) under the data file's lock, and write back what loading had to change (a new,
// migrated or restored file; LAN_TOKEN) before anyone else may write.
import path from 'node:path';
import * as nodeFs from 'node:fs/promises';
import { moduleLogger, type Logger } from '../util/logger.js';
import { AtomicFileAdapter, DIR_MODE, ensurePrivateMode, removeStaleTempFiles, type StoreFs } from './atomic-file-adapter.js';
import { StoreDataAdapter } from './data-adapter.js';
import { DataFileLock, type ReleaseLock } from './data-file-lock.js';
import { StoreWriteError, toStoreWriteError } from './errors.js';
import { FileStore } from './file-store.js';
import { loadStoreFile } from './load.js';
import type { Store } from './store.js';

export const DATA_FILE_NAME = 'bridge.json';

export interface FileStoreOptions {
  dataDir: string;
  logger: Logger;
  /** LAN_TOKEN from the config: replaces the stored LAN token and is saved (see .env.example). */
  presetLanToken?: string;
  /** Test seam: a file system that fails on demand. */
  fs?: StoreFs;
  now?: () => Date;
}

export async function openFileStore(options: FileStoreOptions): Promise<Store> {
  const fs = options.fs ?? nodeFs;
  const now = options.now ?? (() => new Date());
  const log = moduleLogger(options.logger, 'store');
  const dataDir = path.resolve(options.dataDir);
  const filePath = path.join(dataDir, DATA_FILE_NAME);
  const backupPath = `${filePath}.bak`;

  try {
    const created = await fs.mkdir(dataDir, { recursive: true, mode: DIR_MODE });
    if (created !== undefined) await fs.chmod(dataDir, DIR_MODE);
  } catch (error) {
    throw toStoreWriteError(error, dataDir);
  }
  await removeStaleTempFiles(fs, filePath);
  for (const file of [filePath, backupPath]) {
    // A read-only data directory must not stop the bridge from starting with the data it has.
    const fixed = await ensurePrivateMode(fs, file).catch(() => false);
    if (fixed) log.warn({ file }, `Tightened the permissions of ${file} to 0600 (it holds secrets)`);
  }

  const lock = new DataFileLock(filePath, log);
  const release = await lockForLoading(lock, log);
  try {
    const loaded = await loadStoreFile({ fs, filePath, backupPath, log, now });
    let data = loaded.data;
    let needsWrite = loaded.needsWrite;
    if (options.presetLanToken !== undefined && options.presetLanToken !== data.lanToken) {
      // Saved, not only used: if LAN_TOKEN is removed later, the paired hub keeps working.
      data = { ...data, lanToken: options.presetLanToken };
      needsWrite = true;
      if (!loaded.needsWrite) log.info('Using the LAN token from LAN_TOKEN; it replaces the stored one');
    }
    const adapter = new StoreDataAdapter(new AtomicFileAdapter(filePath, { fs }), now);
    adapter.remember(loaded.diskText);
    const store = new FileStore(data, { adapter, lock, fs, log, now, loadedFromDisk: loaded.diskText !== null });
    if (needsWrite) {
      // A failure is already logged; the bridge runs with the data in memory and saves it later.
      await store.writeLoaded().catch((error: unknown) => {
        if (!(error instanceof StoreWriteError)) throw error;
      });
    } else if (!loaded.backupUpToDate) {
      await store.writeBackup();
    }
    return store;
  } finally {
    await release();
  }
}

/**
 * Loading may move a damaged file aside and write a recovered one: that happens under the lock.
 * Without it (a read-only directory, a holder that does not let go) loading goes on: reading is
 * safe, and a write that follows fails or is retried like any other.
 */
async function lockForLoading(lock: DataFileLock, log: Logger): Promise<ReleaseLock> {
  try {
    return await lock.acquire();
  } catch (error) {
    const code = error instanceof StoreWriteError ? error.code : undefined;
    log.warn({ lock: lock.lockPath, code }, 'Could not lock the data file for loading; loading without the lock');
    return () => Promise.resolve();
  }
}
