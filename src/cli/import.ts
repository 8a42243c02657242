// `netatmo-bridge import <file>` on the new machine (or `import --undo-move` on the old one when a
// move was given up). The file is opened and checked completely before anything is written; then
// the running bridge takes it and restarts in place, or — stopped — its data file is written
// directly under the same lock. A connected Netatmo account is replaced only with --force.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatDateTime } from '../i18n/format.js';
import type { Translator } from '../i18n/translator.js';
import { MAX_EXPORT_BYTES } from '../moving/limits.js';
import { moveFailureText } from '../moving/failure-text.js';
import { importBridgeData, type ImportResult } from '../moving/move-in.js';
import { undoMove } from '../moving/move-out.js';
import { booleanValue, stringValue, type ParsedArgs } from './args.js';
import { askBridge, findRunningBridge } from './bridge-link.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { fail, openStore, PASSPHRASE_FILE_OPTION, refusal } from './export.js';
import { loadInstallation, type Installation } from './installation.js';
import { cliName, cliTranslator, say, type CliIo } from './io.js';
import { readPassphrase } from './passphrase.js';
import { answerRefusalText } from './refusal-text.js';

export const importCommand: Command = {
  name: 'import',
  summary: (tr) => tr.t('import.summary'),
  usage: 'import <file> [--passphrase-file FILE] [--force] [--data-dir DIR] [--url URL]  |  import --undo-move',
  details: (tr) => tr.t('import.details'),
  args: {
    options: {
      'passphrase-file': PASSPHRASE_FILE_OPTION,
      force: { type: 'boolean', help: (tr) => tr.t('import.optForce') },
      'undo-move': { type: 'boolean', help: (tr) => tr.t('import.optUndoMove') },
      'data-dir': DATA_DIR_OPTION,
      url: URL_OPTION,
    },
    positionals: { min: 0, max: 1, names: (tr) => tr.t('import.positionals') },
  },
  run: (args, io) => runImport(args, io),
};

async function runImport(args: ParsedArgs, io: CliIo): Promise<number> {
  const tr = cliTranslator(io);
  const file = args.positionals[0];
  const undo = booleanValue(args, 'undo-move');
  if (undo && file !== undefined) return fail(io, tr.t('import.undoFileOrFlag'));
  if (!undo && file === undefined) return fail(io, tr.t('import.needFile'));
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  try {
    if (undo) return await runUndo(installation, io, tr);
    const source = path.resolve(io.cwd, file ?? '');
    const text = await readExportFile(source, tr);
    if (!text.ok) return fail(io, text.message);
    const secret = await readPassphrase(io, { file: stringValue(args, 'passphrase-file'), confirm: false }, tr);
    if (!secret.ok) return fail(io, secret.message);
    return await runTakeOver(installation, io, tr, { fileText: text.text, passphrase: secret.passphrase, force: booleanValue(args, 'force') });
  } catch (error) {
    return fail(io, refusal(error, tr));
  }
}

async function readExportFile(file: string, tr: Translator): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    const info = await stat(file);
    if (info.size > MAX_EXPORT_BYTES) return { ok: false, message: moveFailureText('too_large', { limit: MAX_EXPORT_BYTES }, tr) };
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    return { ok: false, message: tr.t('import.fileUnreadable', { file, code: (error as NodeJS.ErrnoException).code ?? 'error' }) };
  }
}

async function runTakeOver(installation: Installation, io: CliIo, tr: Translator, request: { fileText: string; passphrase: string; force: boolean }): Promise<number> {
  const link = await findRunningBridge(installation);
  if (link.kind === 'unreachable') return fail(io, tr.t('cliMove.runningUnreachable', { url: link.url }));
  let result: ImportResult;
  let next: string;
  if (link.kind === 'running') {
    const answer = await askBridge<ImportResult & { restarting: boolean }>(link, 'POST', '/import', { file: request.fileText, passphrase: request.passphrase, force: request.force });
    if (!answer.ok) return fail(io, answerRefusalText(answer, link.url, tr));
    result = answer.body;
    next = tr.t(answer.body.restarting ? 'move.restarting' : 'move.restartNeeded');
  } else {
    const store = await openStore(installation);
    result = await importBridgeData({ store, tokens: null, ...request });
    await store.flush();
    next = tr.t('import.startHint', { cli: cliName() });
  }
  say(io, tr.t(result.connected ? 'move.imported' : 'move.importedNoAccount'));
  if (installation.config.lanToken) say(io, tr.t('import.lanTokenOverridden'));
  say(io, next);
  return 0;
}

async function runUndo(installation: Installation, io: CliIo, tr: Translator): Promise<number> {
  const link = await findRunningBridge(installation);
  if (link.kind === 'unreachable') return fail(io, tr.t('cliMove.runningUnreachable', { url: link.url }));
  let at: string;
  if (link.kind === 'running') {
    const answer = await askBridge<{ movedAt: string }>(link, 'POST', '/undo-move', {});
    if (!answer.ok) return fail(io, answerRefusalText(answer, link.url, tr));
    at = answer.body.movedAt;
  } else {
    const store = await openStore(installation);
    at = await undoMove(store);
    await store.flush();
  }
  say(io, tr.t('import.undone', { time: formatDateTime(at, tr) }));
  return 0;
}
