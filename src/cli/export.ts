// `netatmo-bridge export <file>`: the data of this bridge into one passphrase-protected file for
// a new machine (docs/operations.md "Move to a new machine"). A running bridge does the export
// itself (its token manager is held still meanwhile); a stopped one's data file is used directly,
// under the same lock. Either way the Netatmo connection is marked moved in the same write, and
// the move is undone if the file cannot be written.
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkPassphrase } from '../moving/envelope.js';
import { MoveError } from '../moving/errors.js';
import { moveMessages } from '../moving/messages.js';
import { exportBridgeData, undoMove, type ExportResult } from '../moving/move-out.js';
import { openFileStore, type Store } from '../store/index.js';
import { silentLogger } from '../util/logger.js';
import { stringValue, type ParsedArgs } from './args.js';
import { askBridge, findRunningBridge } from './bridge-link.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { loadInstallation, readDataFile, type Installation } from './installation.js';
import { cliName, complain, say, type CliIo } from './io.js';
import { PACKAGE_VERSION } from './package-info.js';
import { readPassphrase } from './passphrase.js';

export const PASSPHRASE_FILE_OPTION = { type: 'string', value: 'FILE', help: 'read the passphrase from the first line of FILE instead of asking' } as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'save this bridge\'s data (Netatmo login, settings, LAN token) to a passphrase-protected file for a new machine',
  usage: 'export <file> [--passphrase-file FILE] [--data-dir DIR] [--url URL]',
  details: [
    'Asks for a passphrase twice (at least 12 characters). After the export this bridge stops using',
    'Netatmo (Netatmo allows one user of a login): import the file on the new machine with',
    '"netatmo-bridge import <file>". Gave the move up? "netatmo-bridge import --undo-move".',
  ],
  args: { options: { 'passphrase-file': PASSPHRASE_FILE_OPTION, 'data-dir': DATA_DIR_OPTION, url: URL_OPTION }, positionals: { min: 1, max: 1, names: 'the file to write' } },
  run: (args, io) => runExport(args, io),
};

/** How the export was taken, so it can be undone if the file cannot be written. */
type Taken = { result: ExportResult; undo: () => Promise<unknown> };

async function runExport(args: ParsedArgs, io: CliIo): Promise<number> {
  const target = path.resolve(io.cwd, args.positionals[0] ?? '');
  if (await stat(target).then(() => true, () => false)) {
    complain(io, moveMessages.fileExists(target));
    return 1;
  }
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const secret = await readPassphrase(io, { file: stringValue(args, 'passphrase-file'), confirm: true });
  if (!secret.ok) return fail(io, secret.message);
  let taken: Taken;
  try {
    checkPassphrase(secret.passphrase);
    const outcome = await takeExport(installation, secret.passphrase);
    if (typeof outcome === 'string') return fail(io, outcome);
    taken = outcome;
  } catch (error) {
    if (error instanceof MoveError) return fail(io, error.message);
    throw error;
  }
  try {
    await writeFile(target, taken.result.fileText, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    await rm(target, { force: true }).catch(() => undefined);
    await taken.undo().catch(() => undefined);
    return fail(io, moveMessages.fileUnwritable(target, (error as NodeJS.ErrnoException).code ?? 'error'));
  }
  say(io, moveMessages.exported(target, taken.result.movedAt));
  if (taken.result.movedAt) say(io, moveMessages.undoHint(cliName()));
  return 0;
}

/** The export from the running bridge, or from the data file while it is stopped; a string says why not. */
async function takeExport(installation: Installation, passphrase: string): Promise<Taken | string> {
  const link = await findRunningBridge(installation);
  if (link.kind === 'unreachable') return moveMessages.runningUnreachable(link.url);
  if (link.kind === 'running') {
    const answer = await askBridge<{ file: string; exportId: string; movedAt: string | null }>(link, 'POST', '/export', { passphrase });
    if (!answer.ok) return answer.status === 0 ? moveMessages.runningUnreachable(link.url) : answer.message;
    const { file, exportId, movedAt } = answer.body;
    return { result: { fileText: file, exportId, movedAt }, undo: () => askBridge(link, 'POST', '/undo-move', { exportId }) };
  }
  const read = await readDataFile(installation.dataFile);
  if (read.kind === 'missing') return moveMessages.noDataFile(installation.dataFile);
  if (read.kind !== 'ok') return moveMessages.dataFileUnusable(installation.dataFile, cliName());
  const store = await openStore(installation);
  const result = await exportBridgeData({ store, tokens: null, passphrase, bridgeVersion: PACKAGE_VERSION });
  await store.flush();
  return { result, undo: () => undoMove(store, result.exportId).then(() => store.flush()) };
}

export function openStore(installation: Installation): Promise<Store> {
  return openFileStore({ dataDir: installation.config.dataDir, logger: silentLogger(), presetLanToken: installation.config.lanToken });
}

export function fail(io: CliIo, message: string): number {
  complain(io, message);
  return 1;
}
