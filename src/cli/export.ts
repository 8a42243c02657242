// `netatmo-bridge export <file>`: the data of this bridge into one passphrase-protected file for
// a new machine (docs/operations.md "Move to a new machine"). A running bridge does the export
// itself (its token manager is held still meanwhile); a stopped one's data file is used directly,
// under the same lock. Either way the Netatmo connection is marked moved in the same write, and
// the move is undone if the file cannot be written.
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatDateTime } from '../i18n/format.js';
import type { Translator } from '../i18n/translator.js';
import { checkPassphrase } from '../moving/envelope.js';
import { PASSPHRASE_MIN_LENGTH } from '../moving/limits.js';
import { exportBridgeData, undoMove, type ExportResult } from '../moving/move-out.js';
import { openFileStore, type Store } from '../store/index.js';
import { silentLogger } from '../util/logger.js';
import { stringValue, type OptionSpec, type ParsedArgs } from './args.js';
import { askBridge, findRunningBridge } from './bridge-link.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { loadInstallation, readDataFile, type Installation } from './installation.js';
import { cliName, cliTranslator, complain, say, type CliIo } from './io.js';
import { PACKAGE_VERSION } from './package-info.js';
import { readPassphrase } from './passphrase.js';
import { answerRefusalText, thrownRefusalText } from './refusal-text.js';

export const PASSPHRASE_FILE_OPTION: OptionSpec = { type: 'string', value: 'FILE', help: (tr) => tr.t('cliMove.optPassphraseFile') };

export const exportCommand: Command = {
  name: 'export',
  summary: (tr) => tr.t('export.summary'),
  usage: 'export <file> [--passphrase-file FILE] [--data-dir DIR] [--url URL]',
  details: (tr) => tr.t('export.details', { min: PASSPHRASE_MIN_LENGTH }),
  args: {
    options: { 'passphrase-file': PASSPHRASE_FILE_OPTION, 'data-dir': DATA_DIR_OPTION, url: URL_OPTION },
    positionals: { min: 1, max: 1, names: (tr) => tr.t('export.positionals') },
  },
  run: (args, io) => runExport(args, io),
};

/** How the export was taken, so it can be undone if the file cannot be written. */
type Taken = { result: ExportResult; undo: () => Promise<unknown> };

async function runExport(args: ParsedArgs, io: CliIo): Promise<number> {
  const tr = cliTranslator(io);
  const target = path.resolve(io.cwd, args.positionals[0] ?? '');
  if (await stat(target).then(() => true, () => false)) return fail(io, tr.t('export.fileExists', { file: target }));
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const secret = await readPassphrase(io, { file: stringValue(args, 'passphrase-file'), confirm: true }, tr);
  if (!secret.ok) return fail(io, secret.message);
  let taken: Taken;
  try {
    checkPassphrase(secret.passphrase);
    const outcome = await takeExport(installation, secret.passphrase, tr);
    if (typeof outcome === 'string') return fail(io, outcome);
    taken = outcome;
  } catch (error) {
    return fail(io, refusal(error, tr));
  }
  try {
    await writeFile(target, taken.result.fileText, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    await rm(target, { force: true }).catch(() => undefined);
    await taken.undo().catch(() => undefined);
    return fail(io, tr.t('export.fileUnwritable', { file: target, code: (error as NodeJS.ErrnoException).code ?? 'error' }));
  }
  const { movedAt } = taken.result;
  say(io, movedAt ? tr.t('export.done', { file: target, time: formatDateTime(movedAt, tr) }) : tr.t('export.doneNoAccount', { file: target }));
  if (movedAt) say(io, tr.t('export.undoHint', { cli: cliName() }));
  return 0;
}

/** The export from the running bridge, or from the data file while it is stopped; a string says why not. */
async function takeExport(installation: Installation, passphrase: string, tr: Translator): Promise<Taken | string> {
  const link = await findRunningBridge(installation);
  if (link.kind === 'unreachable') return tr.t('cliMove.runningUnreachable', { url: link.url });
  if (link.kind === 'running') {
    const answer = await askBridge<{ file: string; exportId: string; movedAt: string | null }>(link, 'POST', '/export', { passphrase });
    if (!answer.ok) return answerRefusalText(answer, link.url, tr);
    const { file, exportId, movedAt } = answer.body;
    return { result: { fileText: file, exportId, movedAt }, undo: () => askBridge(link, 'POST', '/undo-move', { exportId }) };
  }
  const read = await readDataFile(installation.dataFile);
  if (read.kind === 'missing') return tr.t('export.noDataFile', { file: installation.dataFile });
  if (read.kind !== 'ok') return tr.t('export.dataFileUnusable', { file: installation.dataFile, cli: cliName() });
  const store = await openStore(installation);
  const result = await exportBridgeData({ store, tokens: null, passphrase, bridgeVersion: PACKAGE_VERSION });
  await store.flush();
  return { result, undo: () => undoMove(store, result.exportId).then(() => store.flush()) };
}

export function openStore(installation: Installation): Promise<Store> {
  return openFileStore({ dataDir: installation.config.dataDir, logger: silentLogger(), presetLanToken: installation.config.lanToken });
}

/** A refusal (MoveError, a data file that refuses the write) in the user's language; anything else is thrown on. */
export function refusal(error: unknown, tr: Translator): string {
  const text = thrownRefusalText(error, tr);
  if (text === null) throw error;
  return text;
}

export function fail(io: CliIo, message: string): number {
  complain(io, message);
  return 1;
}
