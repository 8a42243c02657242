// The CLI's commands and dispatch (src/cli/main.ts is only the process wrapper). `netatmo-bridge`
// alone starts the bridge; `--help` on any command prints its help and never runs it.
import { optionLines, parseCommandArgs } from './args.js';
import { authCommand } from './auth.js';
import type { Command } from './command.js';
import { diagnosticsCommand } from './diagnostics.js';
import { doctorCommand } from './doctor.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import type { Translator } from '../i18n/translator.js';
import { cliTranslator, complain, say, type CliIo } from './io.js';
import { PACKAGE_VERSION } from './package-info.js';
import { pairCommand } from './pair.js';
import { serviceCommand } from './service.js';
import { demoCommand, startCommand } from './start.js';
import { statusCommand } from './status.js';

export const COMMANDS: readonly Command[] = [startCommand, demoCommand, statusCommand, pairCommand, doctorCommand, authCommand, serviceCommand, exportCommand, importCommand, diagnosticsCommand];

export function usageText(tr: Translator): string[] {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    tr.t('cli.tagline', { version: PACKAGE_VERSION }),
    '',
    tr.t('cli.usage'),
    '',
    tr.t('cli.commands'),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary(tr)}`),
    `  ${'help'.padEnd(width)}  ${tr.t('cli.helpCommand')}`,
    '',
    tr.t('cli.settingsFrom'),
  ];
}

export function commandHelp(command: Command, tr: Translator): string[] {
  const details = command.details ? ['', ...command.details(tr).split('\n')] : [];
  return [tr.t('cli.commandUsage', { usage: command.usage }), '', command.summary(tr), ...details, '', tr.t('cli.options'), ...optionLines(command.args, tr)];
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const tr = cliTranslator(io);
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    for (const line of topic ? commandHelp(topic, tr) : usageText(tr)) say(io, line);
    return first === 'help' && rest[0] !== undefined && !topic ? 1 : 0;
  }
  if (first === '--version' || first === '-v') {
    say(io, PACKAGE_VERSION);
    return 0;
  }
  // No command, or options only: start the bridge.
  const [command, args] = first === undefined || first.startsWith('-') ? [startCommand, argv] : [COMMANDS.find((c) => c.name === first), rest];
  if (!command) {
    complain(io, tr.t('cli.unknownCommand', { command: first ?? '', commands: COMMANDS.map((c) => c.name).join(', ') }));
    return 1;
  }
  const parsed = parseCommandArgs(command.args, args, tr);
  if (!parsed.ok) {
    complain(io, tr.t('cli.badArgs', { command: command.name, problem: parsed.problem }));
    return 1;
  }
  if (parsed.args.help) {
    for (const line of commandHelp(command, tr)) say(io, line);
    return 0;
  }
  return command.run(parsed.args, io);
}
