// The lowdb adapter for StoreData: JSON text through the atomic text adapter, plus what lowdb
// itself cannot know — whether the file on disk is still the one this process last read or wrote.
//
// read() answers null ("keep what you have") when the file is missing or unchanged, the parsed
// data when another writer changed it, and throws a StoreWriteError when the file must not be
// overwritten: written by a newer bridge, or damaged (by hand, by a disk error). Only start-up
// loading (load.ts) moves a damaged file aside; at run time it is left exactly as it is.
import type { Adapter } from 'lowdb';
import type { AtomicFileAdapter } from './atomic-file-adapter.js';
import { errorCode, StoreWriteError, toStoreWriteError } from './errors.js';
import { parseStoreText } from './load.js';
import type { StoreData } from './types.js';

export type DiskReadOutcome = 'missing' | 'unchanged' | 'changed';

export function serializeStoreData(data: StoreData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export class StoreDataAdapter implements Adapter<StoreData> {
  /** What the last read() found; read by the store right after db.read(). */
  lastRead: DiskReadOutcome = 'unchanged';
  /** The text this process knows is on disk (read at start-up or written since). */
  private knownText: string | null = null;
  /**
   * Inode, size and mtime of that file, when known. Under the lock a cooperating writer's change
   * always shows here (its atomic rename brings a new inode: ours still existed when its temp file
   * was created), so an unchanged stamp saves reading the file on every write.
   */
  private knownStamp: string | null = null;

  constructor(
    private readonly text: AtomicFileAdapter,
    private readonly now: () => Date,
  ) {}

  get filePath(): string {
    return this.text.filePath;
  }

  /** Tell the adapter what the file held when the store was loaded. */
  remember(text: string | null): void {
    this.knownText = text;
    this.knownStamp = null;
  }

  async read(): Promise<StoreData | null> {
    let stamp: string | null;
    let text: string | null;
    try {
      stamp = await this.stamp();
      text = stamp !== null && stamp === this.knownStamp ? this.knownText : await this.text.read();
    } catch (error) {
      // Unreadable now (permissions, EIO): what is there cannot be checked, so it is not replaced.
      throw toStoreWriteError(error, this.filePath);
    }
    if (text === null || text === this.knownText) {
      this.lastRead = text === null ? 'missing' : 'unchanged';
      if (text !== null) this.knownStamp = stamp;
      return null;
    }
    const parsed = parseStoreText(text, this.now());
    if (parsed.kind === 'newer') throw new StoreWriteError('newer_file', this.filePath, undefined, { detail: `data format ${parsed.fileVersion}` });
    if (parsed.kind === 'invalid') throw new StoreWriteError('damaged_file', this.filePath, undefined, { detail: parsed.problem });
    this.knownText = text;
    this.knownStamp = stamp;
    this.lastRead = 'changed';
    return parsed.data;
  }

  async write(data: StoreData): Promise<void> {
    const text = serializeStoreData(data);
    await this.text.write(text);
    this.knownText = text;
    // Taken while the lock is still held: nobody else can have written since the rename.
    this.knownStamp = await this.stamp().catch(() => null);
  }

  /** Identity of the file now, or null when it does not exist. */
  private async stamp(): Promise<string | null> {
    try {
      const stats = await this.text.fs.stat(this.filePath, { bigint: true });
      return `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  }
}
