// The CLI's commands and dispatch (src/cli/main.ts is only the process wrapper). `netatmo-bridge`
// alone starts the bridge; `--help` on any command prints its help and never runs it.
import { optionLines, parseCommandArgs } from './args.js';
import { authCommand } from './auth.js';
import type { Command } from './command.js';
import { diagnosticsCommand } from './diagnostics.js';
import { doctorCommand } from './doctor.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { complain, say, type CliIo } from './io.js';
import { PACKAGE_VERSION } from './package-info.js';
import { pairCommand } from './pair.js';
import { serviceCommand } from './service.js';
import { demoCommand, startCommand } from './start.js';
import { statusCommand } from './status.js';

export const COMMANDS: readonly Command[] = [startCommand, demoCommand, statusCommand, pairCommand, doctorCommand, authCommand, serviceCommand, exportCommand, importCommand, diagnosticsCommand];

export function usageText(): string[] {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `netatmo-bridge ${PACKAGE_VERSION}: Netatmo Energy heating in Samsung SmartThings.`,
    '',
    'Usage: netatmo-bridge [command] [options]    (no command: start)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  this text; "netatmo-bridge help <command>" or "<command> --help" for one command`,
    '',
    'Settings come from the environment and .env (see .env.example); --version prints the version.',
  ];
}

export function commandHelp(command: Command): string[] {
  return [`Usage: netatmo-bridge ${command.usage}`, '', command.summary, ...(command.details ? ['', ...command.details] : []), '', 'Options:', ...optionLines(command.args)];
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    for (const line of topic ? commandHelp(topic) : usageText()) say(io, line);
    return first === 'help' && rest[0] !== undefined && !topic ? 1 : 0;
  }
  if (first === '--version' || first === '-v') {
    say(io, PACKAGE_VERSION);
    return 0;
  }
  // No command, or options only: start the bridge.
  const [command, args] = first === undefined || first.startsWith('-') ? [startCommand, argv] : [COMMANDS.find((c) => c.name === first), rest];
  if (!command) {
    complain(io, `netatmo-bridge: unknown command "${first}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}; "netatmo-bridge --help" explains them.`);
    return 1;
  }
  const parsed = parseCommandArgs(command.args, args);
  if (!parsed.ok) {
    complain(io, `netatmo-bridge ${command.name}: ${parsed.problem}. Run "netatmo-bridge ${command.name} --help" for the options.`);
    return 1;
  }
  if (parsed.args.help) {
    for (const line of commandHelp(command)) say(io, line);
    return 0;
  }
  return command.run(parsed.args, io);
}
