// Errors the store reports to the rest of the bridge. Messages are written for the person running
// the bridge: they name the file and say what to do. They never contain data-file contents.

export type StoreWriteFailureReason =
  | 'read_only'
  | 'disk_full'
  | 'permission'
  | 'io'
  /** Another process held the data file's lock for longer than the bridge waits. */
  | 'locked'
  /** The file on disk was written meanwhile by a newer bridge: it is not ours to overwrite. */
  | 'newer_file'
  /** The file on disk was damaged meanwhile (a hand edit, a disk error): it is kept as it is. */
  | 'damaged_file';

/** Why the store does not save right now (status page, `npm run doctor`); null while saving works. */
export interface StoreProblem {
  reason: StoreWriteFailureReason;
  /** For the person running the bridge: what happened and what to do. Never file contents. */
  message: string;
  /** When saving first failed for this reason (ISO). */
  since: string;
  /** The facts of `message`, so a page can say it in the reader's language (src/i18n/store-problem.ts). */
  path?: string;
  code?: string;
  detail?: string;
}

/** A write did not reach the disk; memory and file both still hold the previous version. */
export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';
  readonly reason: StoreWriteFailureReason;
  readonly path: string;
  /** The operating-system error code (EROFS, ENOSPC, …) when there was one. */
  readonly code: string | undefined;
  /** What was found in the file on disk (newer_file, damaged_file), never its contents. */
  readonly detail: string | undefined;

  constructor(reason: StoreWriteFailureReason, path: string, code: string | undefined, options?: { cause?: unknown; detail?: string }) {
    super(describeWriteFailure(reason, path, code, options?.detail), options);
    this.reason = reason;
    this.path = path;
    this.code = code;
    this.detail = options?.detail;
  }
}

/** The data file was written by a newer bridge; it is left untouched. */
export class StoreVersionError extends Error {
  override readonly name = 'StoreVersionError';
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `The data file ${path} was written by a newer version of the bridge (data format ${fileVersion}; ` +
        `this version understands up to ${supportedVersion}). It was left untouched. ` +
        `Upgrade the bridge, or move the file away to start fresh (you would then have to reconnect Netatmo).`,
    );
  }
}

/** The data file exists but cannot be read (permissions, a directory in its place, a disk error). */
export class StoreReadError extends Error {
  override readonly name = 'StoreReadError';
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `Could not read the bridge data file ${path}${code ? ` (${code})` : ''}. Make it readable for the user ` +
        'running the bridge; it was left untouched.',
      options,
    );
  }
}

/** A mutator produced data that does not fit the schema (a programming error); nothing was written. */
export class StoreValidationError extends Error {
  override readonly name = 'StoreValidationError';
  constructor(readonly problems: string[]) {
    super(`The bridge tried to save data of the wrong shape; nothing was written (${problems.join('; ')})`);
  }
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

export function classifyWriteError(error: unknown): { reason: StoreWriteFailureReason; code: string | undefined } {
  const code = errorCode(error);
  switch (code) {
    case 'EROFS':
      return { reason: 'read_only', code };
    case 'ENOSPC':
    case 'EDQUOT':
      return { reason: 'disk_full', code };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'permission', code };
    case 'ELOCKED':
      return { reason: 'locked', code };
    default:
      return { reason: 'io', code };
  }
}

/** Wrap any error from a write as a StoreWriteError for `filePath` (kept as is if it already is one). */
export function toStoreWriteError(error: unknown, filePath: string): StoreWriteError {
  if (error instanceof StoreWriteError) return error;
  const { reason, code } = classifyWriteError(error);
  return new StoreWriteError(reason, filePath, code, { cause: error });
}

function describeWriteFailure(reason: StoreWriteFailureReason, path: string, code: string | undefined, detail: string | undefined): string {
  const head = `Could not save the bridge data to ${path}`;
  const tail = 'The previous data is kept (on disk and in memory) and the next change is retried automatically.';
  const kept = 'The bridge keeps running with the data it has in memory and does not save until the file is fixed: a restart now would lose what changed since';
  switch (reason) {
    case 'locked':
      return `${head}: another process (a second bridge, "npm run auth" or "npm run doctor -- --refresh") kept the file locked (${path}.lock). ${tail}`;
    case 'newer_file':
      return (
        `Stopped saving the bridge data: ${path} was changed meanwhile by a newer version of the bridge${detail ? ` (${detail})` : ''}, and this version does not overwrite it. ` +
        `${kept}. Stop the other bridge, then start the newer version only (or put a backup of the file back).`
      );
    case 'damaged_file':
      return (
        `Stopped saving the bridge data: ${path} was damaged meanwhile${detail ? ` (${detail})` : ''}, for example by a hand edit; it is left exactly as it is. ` +
        `${kept}. Fix the file or put a backup back; or restart the bridge, which moves the damaged file aside and recovers from ${path}.bak.`
      );
    case 'read_only':
      return `${head}: the file system is read-only. Mount the data directory writable (e.g. drop ":ro" from the volume). ${tail}`;
    case 'disk_full':
      return `${head}: the disk is full. Free some space on that disk. ${tail}`;
    case 'permission':
      return `${head}: permission denied. Make the data directory writable for the user running the bridge. ${tail}`;
    case 'io':
      return `${head}: input/output error${code ? ` (${code})` : ''}. Check the disk. ${tail}`;
  }
}
