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
import { complain, say, type CliIo } from './io.js';
import { PACKAGE_VERSION } from './package-info.js';

export const diagnosticsMessages = {
  written: (file: string, source: string): string => `Diagnostics written to ${file} (${source === 'running-bridge' ? 'from the running bridge' : 'from the data directory; the bridge is not running'}). Look it over, then attach it to your bug report.`,
  unwritable: (file: string, code: string): string => `Cannot write ${file} (${code}).`,
  liveFailed: (message: string): string => `The running bridge did not give its diagnostics (${message}); falling back to the data directory.`,
} as const;

export const diagnosticsCommand: Command = {
  name: 'diagnostics',
  summary: 'a redacted JSON report for a bug report (stdout, or --out FILE); works with the bridge stopped too',
  usage: 'diagnostics [--out FILE] [--keep-names] [--data-dir DIR] [--url URL]',
  details: ['Tokens, secrets, passwords and e-mail addresses are removed; home, room and schedule names are', 'replaced by "home 1", "room 1.2" … unless --keep-names.'],
  args: {
    options: {
      out: { type: 'string', value: 'FILE', help: 'write the report to FILE instead of the standard output' },
      'keep-names': { type: 'boolean', help: 'keep the names of homes, rooms and schedules' },
      'data-dir': DATA_DIR_OPTION,
      url: URL_OPTION,
    },
  },
  run: (args, io) => runDiagnostics(args, io),
};

async function runDiagnostics(args: ParsedArgs, io: CliIo): Promise<number> {
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const keepNames = booleanValue(args, 'keep-names');
  let bundle: DiagnosticsBundle | null = null;
  const link = await findRunningBridge(installation);
  if (link.kind === 'running') {
    const answer = await askBridge<DiagnosticsBundle>(link, 'GET', `/diagnostics?names=${keepNames ? 'keep' : 'hide'}`);
    if (answer.ok) bundle = answer.body;
    else complain(io, diagnosticsMessages.liveFailed(answer.message));
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
    complain(io, diagnosticsMessages.unwritable(file, (error as NodeJS.ErrnoException).code ?? 'error'));
    return 1;
  }
  say(io, diagnosticsMessages.written(file, bundle.source));
  return 0;
}
