// `netatmo-bridge diagnostics [--out FILE]`: a redacted JSON bundle for a bug report
// (docs/operations.md "Diagnostics for a bug report"). From the running bridge when it runs (live
// health, history, log lines), else from the data directory alone.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnosticsBundle } from '../diagnostics/bundle.js';
import { offlineBundle } from '../diagnostics/offline.js';
import { booleanValue, stringValue, type ParsedArgs } from './args.js';
import { askBridge, findRunningBridge } from './bridge-link.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { loadInstallation, readDataFile } from './installation.js';
import { cliTranslator, complain, say, type CliIo } from './io.js';
import { PACKAGE_VERSION } from './package-info.js';

export const diagnosticsCommand: Command = {
  name: 'diagnostics',
  summary: (tr) => tr.t('diagnostics.summary'),
  usage: 'diagnostics [--out FILE] [--keep-names] [--data-dir DIR] [--url URL]',
  details: (tr) => tr.t('diagnostics.details'),
  args: {
    options: {
      out: { type: 'string', value: 'FILE', help: (tr) => tr.t('diagnostics.optOut') },
      'keep-names': { type: 'boolean', help: (tr) => tr.t('diagnostics.optKeepNames') },
      'data-dir': DATA_DIR_OPTION,
      url: URL_OPTION,
    },
  },
  run: (args, io) => runDiagnostics(args, io),
};

async function runDiagnostics(args: ParsedArgs, io: CliIo): Promise<number> {
  const tr = cliTranslator(io);
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const keepNames = booleanValue(args, 'keep-names');
  let bundle: DiagnosticsBundle | null = null;
  const link = await findRunningBridge(installation);
  if (link.kind === 'running') {
    const answer = await askBridge<DiagnosticsBundle>(link, 'GET', `/diagnostics?names=${keepNames ? 'keep' : 'hide'}`);
    if (answer.ok) bundle = answer.body;
    else complain(io, tr.t('diagnostics.liveFailed', { message: answer.message }));
  }
  bundle ??= offlineBundle(
    { config: installation.config, version: PACKAGE_VERSION, dataFile: installation.dataFile, read: await readDataFile(installation.dataFile), now: new Date() },
    { keepNames },
  );
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  const out = stringValue(args, 'out');
  if (out === undefined) {
    io.stdout.write(text);
    return 0;
  }
  const file = path.resolve(io.cwd, out);
  try {
    await writeFile(file, text, { mode: 0o600 });
  } catch (error) {
    complain(io, tr.t('diagnostics.unwritable', { file, code: (error as NodeJS.ErrnoException).code ?? 'error' }));
    return 1;
  }
  say(io, tr.t(bundle.source === 'running-bridge' ? 'diagnostics.writtenLive' : 'diagnostics.writtenOffline', { file }));
  return 0;
}
