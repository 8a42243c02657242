// The Store backed by <dataDir>/bridge.json through lowdb and the atomic adapter.
//
// Backup policy (bridge.json.bak): after a successful write of the main file, the same validated
// content is copied (atomically) to the backup when the irreplaceable part changed — Netatmo
// credentials/tokens, bridge id, LAN token, SmartApp contexts, admin hash, settings — and otherwise
// at most every BACKUP_EVERY_WRITES writes; also once after each start-up load. Why a copy of the
// NEW content rather than the one before it: Netatmo kills the old refresh token the moment it
// issues a new one, so a backup one version behind would hold a dead token exactly when it is
// needed. The main file is itself written atomically, so the backup guards against damage from
// outside (disk errors, a hand edit, a non-atomic copy), not against our own writes. State and
// health are refetched on the next poll, so a backup a few polls old loses nothing of value.
import path from 'node:path';
import * as nodeFs from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import { moduleLogger, type Logger } from '../util/logger.js';
import {
  AtomicFileAdapter,
  DIR_MODE,
  ensurePrivateMode,
  quarantineFile,
  removeStaleTempFiles,
  writeFileAtomic,
  type StoreFs,
} from './atomic-file-adapter.js';
import { StoreValidationError, StoreVersionError, StoreWriteError, errorCode, toStoreWriteError } from './errors.js';
import { loadStoreFile, parseStoreText } from './load.js';
import { validateStoreData } from './schema.js';
import type { Store } from './store.js';
import { CURRENT_SCHEMA_VERSION, type StoreData } from './types.js';

export const DATA_FILE_NAME = 'bridge.json';
export const BACKUP_EVERY_WRITES = 10;

export interface FileStoreOptions {
  dataDir: string;
  logger: Logger;
  /** LAN_TOKEN from the config: replaces the stored LAN token and is saved (see .env.example). */
  presetLanToken?: string;
  /** Test seam: a file system that fails on demand. */
  fs?: StoreFs;
  now?: () => Date;
}

/** lowdb adapter for StoreData: JSON text through the atomic text adapter. */
class StoreDataAdapter implements Adapter<StoreData> {
  constructor(readonly text: AtomicFileAdapter) {}

  // Start-up reading goes through loadStoreFile (recovery, migrations, logging); this plain read
  // exists for lowdb's interface and returns null for a missing or unusable file.
  async read(): Promise<StoreData | null> {
    const text = await this.text.read();
    if (text === null) return null;
    const parsed = parseStoreText(text, new Date());
    return parsed.kind === 'ok' ? parsed.data : null;
  }

  write(data: StoreData): Promise<void> {
    return this.text.write(serialize(data));
  }
}

function serialize(data: StoreData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** The part of the data that cannot be refetched from Netatmo; a change here is backed up at once. */
function irreplaceable(data: StoreData): string {
  const { state: _state, health: _health, ...rest } = data;
  return JSON.stringify(rest);
}

class FileStore implements Store {
  readonly filePath: string;
  private readonly backupPath: string;
  private readonly db: Low<StoreData>;
  private readonly fs: StoreFs;
  private readonly log: Logger;
  private readonly now: () => Date;
  private queue: Promise<unknown> = Promise.resolve();
  private writesSinceBackup = 0;
  private backupPending = false;
  private failing = false;
  /** Identity of the file as we last read or wrote it; another value on disk = another writer. */
  private diskStamp: string | null = null;

  constructor(filePath: string, initial: StoreData, fs: StoreFs, log: Logger, now: () => Date) {
    this.filePath = filePath;
    this.backupPath = `${filePath}.bak`;
    this.fs = fs;
    this.log = log;
    this.now = now;
    this.db = new Low(new StoreDataAdapter(new AtomicFileAdapter(filePath, { fs })), initial);
  }

  get data(): Readonly<StoreData> {
    return this.db.data;
  }

  update(mutator: (draft: StoreData) => void): Promise<void> {
    return this.enqueue(async () => {
      // Read-modify-write against the file, not only memory: another process (a second bridge,
      // the CLI) may have rotated the Netatmo token since; saving our stale copy would kill it.
      await this.adoptOtherWriter();
      const draft = structuredClone(this.db.data);
      mutator(draft);
      const checked = validateStoreData(draft);
      if (!checked.ok) throw new StoreValidationError(checked.problems);
      await this.commit(draft);
    });
  }

  reload(): Promise<Readonly<StoreData>> {
    return this.enqueue(async () => {
      const text = await this.fs.readFile(this.filePath, 'utf8').catch((error: unknown) => {
        if (errorCode(error) === 'ENOENT') return null;
        throw error;
      });
      const parsed = text === null ? null : parseStoreText(text, this.now());
      if (parsed?.kind === 'ok') {
        this.db.data = parsed.data;
        this.diskStamp = await this.stampOnDisk();
        return this.db.data;
      }
      if (parsed?.kind === 'newer') throw new StoreVersionError(this.filePath, parsed.fileVersion, CURRENT_SCHEMA_VERSION);
      // Missing or damaged on disk while we hold good data: keep the bad file aside, write ours back.
      const movedTo = parsed ? await quarantineFile(this.fs, this.filePath, this.now()) : null;
      this.log.warn(
        { file: this.filePath, movedTo },
        parsed
          ? `The data file was damaged on disk (${parsed.problem}); moved aside as ${movedTo ?? ''}. The bridge keeps the data it had and saves it again.`
          : `The data file ${this.filePath} disappeared; the bridge saves the data it had again.`,
      );
      await this.commit(structuredClone(this.db.data)).catch(() => undefined);
      return this.db.data;
    });
  }

  async flush(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  /** Write `next` to disk, then make it the in-memory data. On failure nothing changes. */
  async commit(next: StoreData): Promise<void> {
    try {
      await this.db.adapter.write(next);
    } catch (error) {
      const failure = toStoreWriteError(error, this.filePath);
      if (!this.failing) this.log.error({ file: this.filePath, reason: failure.reason, code: failure.code }, failure.message);
      this.failing = true;
      throw failure;
    }
    if (this.failing) this.log.info({ file: this.filePath }, 'Saving the bridge data works again');
    this.failing = false;
    this.diskStamp = await this.stampOnDisk();
    const previous = this.db.data;
    this.db.data = next;
    this.writesSinceBackup++;
    if (irreplaceable(previous) !== irreplaceable(next)) this.backupPending = true;
    if (this.backupPending || this.writesSinceBackup >= BACKUP_EVERY_WRITES) await this.writeBackup();
  }

  /** Note the file's identity after start-up loading (see adoptOtherWriter). */
  async rememberDiskStamp(): Promise<void> {
    this.diskStamp = await this.stampOnDisk();
  }

  /** Copy the current data to the backup. A failure is only logged: the main file is safe on disk. */
  async writeBackup(): Promise<void> {
    try {
      await writeFileAtomic(this.fs, this.backupPath, serialize(this.db.data));
      this.backupPending = false;
      this.writesSinceBackup = 0;
    } catch (error) {
      this.backupPending = true;
      this.log.warn({ file: this.backupPath, code: errorCode(error) }, `Could not update the backup ${this.backupPath}; retrying on the next save`);
    }
  }

  /** Inode, size and mtime of the data file (every atomic write makes a new inode), or null. */
  async stampOnDisk(): Promise<string | null> {
    try {
      const stats = await this.fs.stat(this.filePath);
      return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
    } catch {
      return null;
    }
  }

  /** When the file changed on disk since we last read or wrote it, take its content first. */
  private async adoptOtherWriter(): Promise<void> {
    if (this.diskStamp === null) return;
    const stamp = await this.stampOnDisk();
    if (stamp === null || stamp === this.diskStamp) return;
    const text = await this.fs.readFile(this.filePath, 'utf8').catch(() => null);
    const parsed = text === null ? null : parseStoreText(text, this.now());
    // A damaged or newer file is left to reload()/the next start; we keep saving what we have.
    if (parsed?.kind !== 'ok') return;
    this.db.data = parsed.data;
    this.diskStamp = stamp;
    this.log.info({ file: this.filePath }, 'The data file was changed by another process; the bridge continues from its content');
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }
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

  const loaded = await loadStoreFile({ fs, filePath, backupPath, log, now });
  let data = loaded.data;
  let needsWrite = loaded.needsWrite;
  if (options.presetLanToken !== undefined && options.presetLanToken !== data.lanToken) {
    // Saved, not only used: if LAN_TOKEN is removed later, the paired hub keeps working.
    data = { ...data, lanToken: options.presetLanToken };
    needsWrite = true;
    if (!loaded.needsWrite) log.info('Using the LAN token from LAN_TOKEN; it replaces the stored one');
  }

  const store = new FileStore(filePath, data, fs, log, now);
  if (needsWrite) {
    try {
      await store.commit(data);
      await store.writeBackup();
    } catch (error) {
      // Already logged. The bridge runs with the data in memory and saves it on the next change.
      if (!(error instanceof StoreWriteError)) throw error;
    }
  } else if (!loaded.backupUpToDate) {
    await store.writeBackup();
  }
  await store.rememberDiskStamp();
  return store;
}
