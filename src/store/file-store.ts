// The Store backed by <dataDir>/bridge.json, driven through lowdb: `Low` with our atomic adapter,
// `db.read()` then `db.update()` for every change, inside the data file's inter-process lock.
//
// Every change is a read-modify-write against the FILE, not only memory: another process (a second
// bridge, the CLI) may have rotated the Netatmo token since, and saving our stale copy would kill
// it. The lock makes "read, change, write" one step across processes. A file written meanwhile by a
// newer bridge or damaged is never overwritten: saving stops (problem() says why), the bridge runs
// on from memory, and saving resumes by itself once the file is readable again.
//
// Backup policy (bridge.json.bak): after a successful write of the main file, the same content is
// copied (atomically) to the backup when the irreplaceable part changed — Netatmo credentials and
// tokens, bridge id, LAN token, SmartApp contexts, admin hash, settings — and otherwise at most
// every BACKUP_EVERY_WRITES writes. Why a copy of the NEW content rather than the one before it:
// Netatmo kills the old refresh token the moment it issues a new one, so a backup one version
// behind would hold a dead token exactly when it is needed. State and health are refetched on the
// next poll, so a backup a few polls old loses nothing of value.
import { Low } from 'lowdb';
import type { Logger } from '../util/logger.js';
import { writeFileAtomic, type StoreFs } from './atomic-file-adapter.js';
import { serializeStoreData, type StoreDataAdapter } from './data-adapter.js';
import type { DataFileLock } from './data-file-lock.js';
import { StoreValidationError, StoreWriteError, errorCode, toStoreWriteError, type StoreProblem } from './errors.js';
import { validateStoreData } from './schema.js';
import type { Store } from './store.js';
import type { StoreData } from './types.js';

export const BACKUP_EVERY_WRITES = 10;

export interface FileStoreParts {
  adapter: StoreDataAdapter;
  /** The data was read from the file on disk (not new, not restored from the backup). */
  loadedFromDisk: boolean;
  lock: DataFileLock;
  fs: StoreFs;
  log: Logger;
  now: () => Date;
}

/** The part of the data that cannot be refetched from Netatmo; a change here is backed up at once. */
function irreplaceable(data: StoreData): string {
  const { state: _state, health: _health, ...rest } = data;
  return JSON.stringify(rest);
}

export class FileStore implements Store {
  readonly filePath: string;
  private readonly backupPath: string;
  /** db.data is the working copy; `committed` is what is on disk (or kept in memory after a failure). */
  private readonly db: Low<StoreData>;
  private committed: StoreData;
  private readonly parts: FileStoreParts;
  private queue: Promise<unknown> = Promise.resolve();
  private writesSinceBackup = 0;
  private backupPending = false;
  private problemValue: StoreProblem | null = null;
  /** A file should be on disk (loaded from one, or written since): its absence is worth a warning. */
  private fileExpected: boolean;

  constructor(initial: StoreData, parts: FileStoreParts) {
    this.parts = parts;
    this.filePath = parts.adapter.filePath;
    this.backupPath = `${this.filePath}.bak`;
    this.committed = initial;
    this.fileExpected = parts.loadedFromDisk;
    this.db = new Low(parts.adapter, initial);
  }

  get data(): Readonly<StoreData> {
    return this.committed;
  }

  problem(): StoreProblem | null {
    return this.problemValue;
  }

  update(mutator: (draft: StoreData) => void): Promise<void> {
    return this.enqueue(() => this.locked(() => this.transact(mutator)));
  }

  reload(): Promise<Readonly<StoreData>> {
    return this.enqueue(async () => {
      try {
        await this.readDisk();
      } catch (error) {
        // A protected or unreadable file: noted (status page, doctor); we keep what we have.
        if (!(error instanceof StoreWriteError)) throw error;
        this.noteFailure(error);
        return this.committed;
      }
      if (this.parts.adapter.lastRead === 'missing') {
        // Gone from disk while we hold good data: write it back (a failure is already reported).
        await this.locked(() => this.transact(() => undefined)).catch(() => undefined);
      }
      return this.committed;
    });
  }

  async flush(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  /** Start-up: write the loaded (new, migrated, restored) data. The caller holds the lock. */
  async writeLoaded(): Promise<void> {
    await this.transact(() => undefined);
    await this.writeBackup();
  }

  /** Copy the current data to the backup. A failure is only logged: the main file is safe on disk. */
  async writeBackup(): Promise<void> {
    try {
      await writeFileAtomic(this.parts.fs, this.backupPath, serializeStoreData(this.committed));
      this.backupPending = false;
      this.writesSinceBackup = 0;
    } catch (error) {
      this.backupPending = true;
      this.parts.log.warn({ file: this.backupPath, code: errorCode(error) }, `Could not update the backup ${this.backupPath}; retrying on the next save`);
    }
  }

  /** Read the file first (another writer's content wins), apply the change, write, back up. */
  private async transact(mutator: (draft: StoreData) => void): Promise<void> {
    await this.readDisk();
    const before = this.committed;
    this.db.data = structuredClone(before);
    let changed = false;
    try {
      await this.db.update((draft) => {
        mutator(draft);
        const checked = validateStoreData(draft);
        if (!checked.ok) throw new StoreValidationError(checked.problems);
        changed = true;
      });
    } catch (error) {
      this.db.data = before;
      // A mutator that throws (or bad data) is the caller's error; only the write is the disk's.
      throw changed ? this.noteFailure(toStoreWriteError(error, this.filePath)) : error;
    }
    this.committed = this.db.data;
    this.fileExpected = true;
    this.noteSuccess();
    this.writesSinceBackup++;
    if (irreplaceable(before) !== irreplaceable(this.committed)) this.backupPending = true;
    if (this.backupPending || this.writesSinceBackup >= BACKUP_EVERY_WRITES) await this.writeBackup();
  }

  /** db.read(): adopt what another writer saved; refuse (throw) a file that must not be replaced. */
  private async readDisk(): Promise<void> {
    const { adapter, log } = this.parts;
    try {
      await this.db.read();
    } catch (error) {
      this.db.data = this.committed;
      throw error instanceof StoreWriteError ? this.noteFailure(error) : error;
    }
    if (adapter.lastRead === 'changed') {
      if (this.problemValue?.reason === 'newer_file' || this.problemValue?.reason === 'damaged_file') {
        log.info({ file: this.filePath }, 'The data file is readable again; the bridge continues from its content and saves again');
        this.problemValue = null;
      } else {
        log.info({ file: this.filePath }, 'The data file was changed by another process; the bridge continues from its content');
      }
      this.committed = this.db.data;
    } else if (adapter.lastRead === 'missing' && this.fileExpected) {
      this.fileExpected = false;
      log.warn({ file: this.filePath }, `The data file ${this.filePath} disappeared; the bridge saves the data it had again`);
    }
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.parts.lock.run(work);
    } catch (error) {
      throw error instanceof StoreWriteError ? this.noteFailure(error) : error;
    }
  }

  /** Remember why saving fails; logged once per reason, not on every retry. */
  private noteFailure(failure: StoreWriteError): StoreWriteError {
    if (this.problemValue?.reason !== failure.reason) {
      this.parts.log.error({ file: this.filePath, reason: failure.reason, code: failure.code }, failure.message);
      const facts = { path: failure.path, ...(failure.code ? { code: failure.code } : {}), ...(failure.detail ? { detail: failure.detail } : {}) };
      this.problemValue = { reason: failure.reason, message: failure.message, since: this.parts.now().toISOString(), ...facts };
    }
    return failure;
  }

  private noteSuccess(): void {
    if (!this.problemValue) return;
    this.parts.log.info({ file: this.filePath }, 'Saving the bridge data works again');
    this.problemValue = null;
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
