// Reading the data file at start-up, with recovery. The rule: a damaged file never silently costs
// the user their Netatmo refresh token. A bad file is moved aside (never deleted), the backup is
// used when it is good, and every outcome other than "read fine" is logged in plain words.
import type { Logger } from '../util/logger.js';
import { quarantineFile, readTextIfExists, writeFileAtomic, type StoreFs } from './atomic-file-adapter.js';
import { createDefaultData } from './defaults.js';
import { StoreReadError, StoreVersionError, errorCode } from './errors.js';
import { migrate } from './migrations.js';
import { validateStoreData } from './schema.js';
import { CURRENT_SCHEMA_VERSION, type StoreData } from './types.js';

export type ParsedFile =
  | { kind: 'ok'; data: StoreData; fromVersion: number }
  | { kind: 'newer'; fileVersion: number }
  | { kind: 'invalid'; problem: string };

/** Parse, migrate and validate the text of a data file. Problems never quote the content. */
export function parseStoreText(text: string, now: Date): ParsedFile {
  if (text.trim() === '') return { kind: 'invalid', problem: 'the file is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', problem: 'the file is not valid JSON (truncated or damaged)' };
  }
  const migrated = migrate(raw, { now });
  if (migrated.kind !== 'ok') return migrated;
  const validated = validateStoreData(migrated.data);
  if (!validated.ok) {
    const shown = validated.problems.slice(0, 3).join('; ');
    return { kind: 'invalid', problem: `the file does not have the expected shape (${shown})` };
  }
  return { kind: 'ok', data: validated.data, fromVersion: migrated.fromVersion };
}

export interface LoadContext {
  fs: StoreFs;
  filePath: string;
  backupPath: string;
  log: Logger;
  now: () => Date;
}

export interface LoadResult {
  data: StoreData;
  /** The main file must be (re)written: new, migrated or restored. */
  needsWrite: boolean;
  /** The backup already holds exactly the main file's content. */
  backupUpToDate: boolean;
  /** The main file's text when the data came from it (so a later read can tell another writer's change). */
  diskText: string | null;
}

export async function loadStoreFile(context: LoadContext): Promise<LoadResult> {
  const { fs, filePath, backupPath, log, now } = context;
  const mainText = await readOrExplain(fs, filePath);
  let damagedMain: { movedTo: string; problem: string } | null = null;

  if (mainText !== null) {
    const parsed = parseStoreText(mainText, now());
    if (parsed.kind === 'newer') throw new StoreVersionError(filePath, parsed.fileVersion, CURRENT_SCHEMA_VERSION);
    if (parsed.kind === 'ok') {
      if (parsed.fromVersion < CURRENT_SCHEMA_VERSION) {
        const keptAs = `${filePath}.v${parsed.fromVersion}`;
        await writeFileAtomic(fs, keptAs, mainText);
        log.info(
          { from: parsed.fromVersion, to: CURRENT_SCHEMA_VERSION, keptAs },
          `Upgraded the data file from format ${parsed.fromVersion} to ${CURRENT_SCHEMA_VERSION}; the original is kept as ${keptAs}`,
        );
        return { data: parsed.data, needsWrite: true, backupUpToDate: false, diskText: mainText };
      }
      const backupText = await readTextIfExists(fs, backupPath).catch(() => null);
      return { data: parsed.data, needsWrite: false, backupUpToDate: backupText === mainText, diskText: mainText };
    }
    damagedMain = { movedTo: await quarantineFile(fs, filePath, now()), problem: parsed.problem };
  }

  const restored = await loadBackup(context);
  if (restored) {
    const kept = restored.data.netatmo.tokens
      ? 'your Netatmo connection is kept'
      : 'it held no Netatmo connection, so connect Netatmo on the setup page';
    const what = damagedMain
      ? `The data file was damaged (${damagedMain.problem}); it was moved aside as ${damagedMain.movedTo}.`
      : `The data file ${filePath} was missing.`;
    log.warn(
      { file: filePath, movedTo: damagedMain?.movedTo, backupTakenAt: restored.takenAt },
      `${what} Restored from the backup taken at ${restored.takenAt}; ${kept}.`,
    );
    return { data: restored.data, needsWrite: true, backupUpToDate: false, diskText: null };
  }

  const data = createDefaultData(now());
  if (damagedMain) {
    log.error(
      { file: filePath, movedTo: damagedMain.movedTo },
      `The data file was damaged (${damagedMain.problem}) and no usable backup exists; it was moved aside as ` +
        `${damagedMain.movedTo}. The bridge started with empty data: reconnect Netatmo on the setup page ` +
        `(or set NETATMO_REFRESH_TOKEN), and pair the SmartThings hub again.`,
    );
  } else {
    log.info({ file: filePath }, `Created a new data file at ${filePath}`);
  }
  return { data, needsWrite: true, backupUpToDate: false, diskText: null };
}

/** The backup's data when it is good; a damaged backup is moved aside too (never deleted). */
async function loadBackup(context: LoadContext): Promise<{ data: StoreData; takenAt: string } | null> {
  const { fs, backupPath, log, now } = context;
  const text = await readOrExplain(fs, backupPath);
  if (text === null) return null;
  const parsed = parseStoreText(text, now());
  if (parsed.kind === 'newer') throw new StoreVersionError(backupPath, parsed.fileVersion, CURRENT_SCHEMA_VERSION);
  if (parsed.kind === 'invalid') {
    const movedTo = await quarantineFile(fs, backupPath, now());
    log.warn({ file: backupPath, movedTo }, `The backup of the data file is damaged too (${parsed.problem}); moved aside as ${movedTo}`);
    return null;
  }
  const stats = await fs.stat(backupPath);
  return { data: parsed.data, takenAt: stats.mtime.toISOString() };
}

/** The file's text or null when missing; any other failure becomes a StoreReadError naming the file. */
async function readOrExplain(fs: StoreFs, filePath: string): Promise<string | null> {
  try {
    return await readTextIfExists(fs, filePath);
  } catch (error) {
    throw new StoreReadError(filePath, errorCode(error), { cause: error });
  }
}
