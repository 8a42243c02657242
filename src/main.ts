// `npm start` / `npm run demo` (node dist/main.js [--demo]): the bridge from a source checkout,
// its data in DATA_DIR (default ./data). The installed command is `netatmo-bridge start`
// (src/cli/start.ts); both run the same process wrapper (src/bridge-process.ts).
import { optionLines, parseCommandArgs, stringValue, type ArgsSpec } from './cli/args.js';
import { cliTranslator } from './cli/io.js';
import { loadConfig } from './config/index.js';
import { runBridgeProcess } from './bridge-process.js';

const spec: ArgsSpec = {
  options: {
    demo: { type: 'boolean', help: (tr) => tr.t('main.optDemo') },
    'data-dir': { type: 'string', value: 'DIR', help: (tr) => tr.t('main.optDataDir') },
  },
};

const tr = cliTranslator(process);
const parsed = parseCommandArgs(spec, process.argv.slice(2), tr);
if (!parsed.ok) {
  process.stderr.write(`${tr.t('main.badArgs', { problem: parsed.problem })}\n`);
  process.exit(1);
}
if (parsed.args.help) {
  process.stdout.write([tr.t('main.usage'), tr.t('main.starts'), '', tr.t('cli.options'), ...optionLines(spec, tr), ''].join('\n'));
  process.exit(0);
}
const dataDir = stringValue(parsed.args, 'data-dir');
const env = dataDir ? { ...process.env, DATA_DIR: dataDir } : process.env;
// The welcome lines name the CLI the way this installation runs it.
const cli = process.env.npm_lifecycle_event ? 'npm run' : 'node dist/cli/main.js';
void runBridgeProcess(loadConfig({ env }), { demo: parsed.args.values.demo === true, cli });
