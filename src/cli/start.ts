// `netatmo-bridge start` (also `netatmo-bridge` alone) and `netatmo-bridge demo`: run the bridge in
// the foreground until Ctrl-C / SIGTERM. Data: --data-dir, DATA_DIR, ./data in a source checkout,
// else the per-user directory (data-location.ts). The process wrapper is src/bridge-process.ts.
import { loadConfig } from '../config/index.js';
import { runBridgeProcess } from '../bridge-process.js';
import { stringValue, type ParsedArgs } from './args.js';
import { DATA_DIR_OPTION, type Command } from './command.js';
import { locateData } from './installation.js';
import type { CliIo } from './io.js';

const startArgs = { options: { 'data-dir': DATA_DIR_OPTION } };

export const startCommand: Command = {
  name: 'start',
  summary: (tr) => tr.t('start.summary'),
  usage: 'start [--data-dir DIR]',
  details: (tr) => tr.t('start.details'),
  args: startArgs,
  run: (args, io) => runBridge(args, io, false),
};

export const demoCommand: Command = {
  name: 'demo',
  summary: (tr) => tr.t('demo.summary'),
  usage: 'demo [--data-dir DIR]',
  args: startArgs,
  run: (args, io) => runBridge(args, io, true),
};

/** Resolves only if the process is not taken over (it exits through the bridge process). */
async function runBridge(args: ParsedArgs, io: CliIo, demo: boolean): Promise<number> {
  const location = locateData(io, { dataDir: stringValue(args, 'data-dir'), forTool: false });
  const env = location.source === 'option' ? { ...io.env, DATA_DIR: location.dataDir } : io.env;
  await runBridgeProcess(loadConfig({ env, cwd: io.cwd, envFile: location.envFile, defaultDataDir: location.dataDir }), { demo, cli: 'netatmo-bridge' });
  return new Promise<number>(() => undefined);
}
