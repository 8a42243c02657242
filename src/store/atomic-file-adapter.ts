// A lowdb adapter that never leaves a half-written data file behind, even if the process is killed
// with SIGKILL or the machine loses power mid-write:
//   write to a temp file in the same directory → fsync it → rename it over the target → fsync the
//   directory (so the rename itself survives a power cut).
// rename() within one directory is atomic on POSIX: a reader sees the old file or the new one,
// never a mix. The file holds secrets, so it is created with mode 0600 (and an existing file with
// wider permissions is tightened on open).
// The `fs` option is a seam for tests that need a failing disk (EROFS, ENOSPC) while running as
// root, where chmod 0500 does not stop writes.
import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { errorCode } from './errors.js';

export type StoreFs = Pick<typeof nodeFs, 'open' | 'rename' | 'unlink' | 'readFile' | 'chmod' | 'stat' | 'readdir' | 'mkdir'>;

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export interface AtomicFileAdapterOptions {
  fs?: StoreFs;
}

/** Text-level adapter (like lowdb's TextFile) with atomic, durable, private writes. */
export class AtomicFileAdapter implements Adapter<string> {
  readonly filePath: string;
  readonly fs: StoreFs;

  constructor(filePath: string, options: AtomicFileAdapterOptions = {}) {
    this.filePath = path.resolve(filePath);
    this.fs = options.fs ?? nodeFs;
  }

  /** The file's text, or null when it does not exist. */
  read(): Promise<string | null> {
    return readTextIfExists(this.fs, this.filePath);
  }

  write(text: string): Promise<void> {
    return writeFileAtomic(this.fs, this.filePath, text);
  }
}

export async function readTextIfExists(fs: StoreFs, filePath: string): Promise<string | null> {
  try {
    return await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Temp files are named `.<target>.<pid>.<random>.tmp` so a leftover can be traced to its writer. */
function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(fs: StoreFs, target: string, text: string): Promise<void> {
  const temp = tempPathFor(target);
  let renamed = false;
  try {
    const handle = await fs.open(temp, 'wx', FILE_MODE);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The umask can only remove bits from FILE_MODE; chmod makes the mode exact either way.
    await fs.chmod(temp, FILE_MODE);
    await fs.rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
  }
  await syncDirectory(fs, path.dirname(target));
}

/**
 * fsync the directory so the rename is durable across a power cut. Some platforms and file
 * systems cannot fsync a directory; the rename already happened, so that is not a failure.
 */
async function syncDirectory(fs: StoreFs, dir: string): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort (EISDIR/EINVAL/EPERM on some platforms)
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Tighten an existing file to 0600. Returns true when the mode had to be fixed. */
export async function ensurePrivateMode(fs: StoreFs, filePath: string): Promise<boolean> {
  try {
    const stats = await fs.stat(filePath);
    if ((stats.mode & 0o777) === FILE_MODE) return false;
    await fs.chmod(filePath, FILE_MODE);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Remove temp files left by a writer that was killed mid-write. Only files whose writer process
 * is gone are removed: another live process may be writing right now.
 */
export async function removeStaleTempFiles(fs: StoreFs, target: string): Promise<string[]> {
  const dir = path.dirname(target);
  // Covers the temp files of the data file and of its siblings (.bak, .v0): `.<name>[.x].<pid>.<hex>.tmp`.
  const prefix = `.${path.basename(target)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const writer = /\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name);
    if (!name.startsWith(prefix) || !writer) continue;
    const pid = Number(writer[1]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    try {
      await fs.unlink(path.join(dir, name));
      removed.push(name);
    } catch {
      // another process cleaned it up first, or it is not ours to remove
    }
  }
  return removed;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Move a damaged file aside (never delete it): `<file>.corrupt-<timestamp>`. Returns the new path. */
export async function quarantineFile(fs: StoreFs, filePath: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${filePath}.corrupt-${stamp}`;
  for (let attempt = 1; (await pathExists(fs, target)) && attempt < 100; attempt++) {
    target = `${filePath}.corrupt-${stamp}-${attempt}`;
  }
  await fs.rename(filePath, target);
  return target;
}

async function pathExists(fs: StoreFs, filePath: string): Promise<boolean> {
  try {
    await fs.stat(filePath);
    return true;
  } catch {
    return false;
  }
}

