// The lowdb adapter for StoreData: JSON text through the atomic text adapter, plus what lowdb
// itself cannot know — whether the file on disk is still the one this process last read or wrote.
//
// read() answers null ("keep what you have") when the file is missing or unchanged, the parsed
// data when another writer changed it, and throws a StoreWriteError when the file must not be
// overwritten: written by a newer bridge, or damaged (by hand, by a disk error). Only start-up
// loading (load.ts) moves a damaged file aside; at run time it is left exactly as it is.
import type { Adapter } from 'lowdb';
import type { AtomicFileAdapter } from './atomic-file-adapter.js';
import { StoreWriteError, toStoreWriteError } from './errors.js';
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
  }

  async read(): Promise<StoreData | null> {
    let text: string | null;
    try {
      text = await this.text.read();
    } catch (error) {
      // Unreadable now (permissions, EIO): what is there cannot be checked, so it is not replaced.
      throw toStoreWriteError(error, this.filePath);
    }
    if (text === null || text === this.knownText) {
      this.lastRead = text === null ? 'missing' : 'unchanged';
      return null;
    }
    const parsed = parseStoreText(text, this.now());
    if (parsed.kind === 'newer') throw new StoreWriteError('newer_file', this.filePath, undefined, { detail: `data format ${parsed.fileVersion}` });
    if (parsed.kind === 'invalid') throw new StoreWriteError('damaged_file', this.filePath, undefined, { detail: parsed.problem });
    this.knownText = text;
    this.lastRead = 'changed';
    return parsed.data;
  }

  async write(data: StoreData): Promise<void> {
    const text = serializeStoreData(data);
    await this.text.write(text);
    this.knownText = text;
  }
}
