// `netatmo-bridge import <file>` on the new machine (or `import --undo-move` on the old one when a
// move was given up). The file is opened and checked completely before anything is written; then
// the running bridge takes it and restarts in place, or — stopped — its data file is written
// directly under the same lock. A connected Netatmo account is replaced only with --force.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_EXPORT_BYTES } from '../moving/envelope.js';
import { MoveError } from '../moving/errors.js';
import { moveMessages } from '../moving/messages.js';
import { importBridgeData, type ImportResult } from '../moving/move-in.js';
import { undoMove } from '../moving/move-out.js';
import { booleanValue, stringValue, type ParsedArgs } from './args.js';
import { askBridge, findRunningBridge } from './bridge-link.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { fail, openStore, PASSPHRASE_FILE_OPTION } from './export.js';
import { loadInstallation, type Installation } from './installation.js';
import { cliName, say, type CliIo } from './io.js';
import { readPassphrase } from './passphrase.js';

export const importCommand: Command = {
  name: 'import',
  summary: 'take over the data of an export file (new machine), or --undo-move (old machine, move given up)',
  usage: 'import <file> [--passphrase-file FILE] [--force] [--data-dir DIR] [--url URL]  |  import --undo-move',
  details: [
    'Asks for the export\'s passphrase. Works with the bridge running (it restarts on the imported data)',
    'or stopped. Refuses to replace a Netatmo account this machine is connected to unless --force.',
    '--undo-move lets the OLD machine use Netatmo again — only if the new one never started with the file.',
  ],
  args: {
    options: {
      'passphrase-file': PASSPHRASE_FILE_OPTION,
      force: { type: 'boolean', help: 'replace the Netatmo connection this machine already has' },
      'undo-move': { type: 'boolean', help: 'undo an export on this machine (the move was given up); takes no file' },
      'data-dir': DATA_DIR_OPTION,
      url: URL_OPTION,
    },
    positionals: { min: 0, max: 1, names: 'the export file' },
  },
  run: (args, io) => runImport(args, io),
};

async function runImport(args: ParsedArgs, io: CliIo): Promise<number> {
  const file = args.positionals[0];
  const undo = booleanValue(args, 'undo-move');
  if (undo && file !== undefined) return fail(io, moveMessages.undoFileOrFlag);
  if (!undo && file === undefined) return fail(io, moveMessages.needFile);
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  try {
    if (undo) return await runUndo(installation, io);
    const source = path.resolve(io.cwd, file ?? '');
    const text = await readExportFile(source);
    if (!text.ok) return fail(io, text.message);
    const secret = await readPassphrase(io, { file: stringValue(args, 'passphrase-file'), confirm: false });
    if (!secret.ok) return fail(io, secret.message);
    return await runTakeOver(installation, io, { fileText: text.text, passphrase: secret.passphrase, force: booleanValue(args, 'force') });
  } catch (error) {
    if (error instanceof MoveError) return fail(io, error.message);
    throw error;
  }
}

async function readExportFile(file: string): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    const info = await stat(file);
    if (info.size > MAX_EXPORT_BYTES) return { ok: false, message: moveMessages.failure('too_large', { limit: MAX_EXPORT_BYTES }) };
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    return { ok: false, message: moveMessages.fileUnreadable(file, (error as NodeJS.ErrnoException).code ?? 'error') };
  }
}

async function runTakeOver(installation: Installation, io: CliIo, request: { fileText: string; passphrase: string; force: boolean }): Promise<number> {
  const link = await findRunningBridge(installation);
  if (link.kind === 'unreachable') return fail(io, moveMessages.runningUnreachable(link.url));
  let result: ImportResult;
  let next: string;
  if (link.kind === 'running') {
    const answer = await askBridge<ImportResult & { restarting: boolean }>(link, 'POST', '/import', { file: request.fileText, passphrase: request.passphrase, force: request.force });
    if (!answer.ok) return fail(io, answer.status === 0 ? moveMessages.runningUnreachable(link.url) : answer.message);
    result = answer.body;
    next = answer.body.restarting ? moveMessages.restarting : moveMessages.restartNeeded;
  } else {
    const store = await openStore(installation);
    result = await importBridgeData({ store, tokens: null, ...request });
    await store.flush();
    next = moveMessages.startHint(cliName());
  }
  say(io, moveMessages.imported(result.connected));
  if (installation.config.lanToken) say(io, moveMessages.lanTokenOverridden);
  say(io, next);
  return 0;
}

async function runUndo(installation: Installation, io: CliIo): Promise<number> {
  const link = await findRunningBridge(installation);
  if (link.kind === 'unreachable') return fail(io, moveMessages.runningUnreachable(link.url));
  let at: string;
  if (link.kind === 'running') {
    const answer = await askBridge<{ movedAt: string }>(link, 'POST', '/undo-move', {});
    if (!answer.ok) return fail(io, answer.status === 0 ? moveMessages.runningUnreachable(link.url) : answer.message);
    at = answer.body.movedAt;
  } else {
    const store = await openStore(installation);
    at = await undoMove(store);
    await store.flush();
  }
  say(io, moveMessages.undone(at));
  return 0;
}
