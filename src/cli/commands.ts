// The CLI's commands and dispatch (src/cli/main.ts is only the process wrapper).
import { authCommand } from './auth.js';
import { doctorCommand } from './doctor.js';
import { say, type CliIo } from './io.js';
import { pairCommand } from './pair.js';
import { statusCommand } from './status.js';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; what: string }> = {
  status: { run: statusCommand, what: 'health of the running bridge in words' },
  pair: { run: pairCommand, what: 'open the pairing window for 5 minutes (then scan in the SmartThings app)' },
  doctor: { run: doctorCommand, what: 'check config, data file, Netatmo, login, port and SSDP; says what to fix (--refresh: real token refresh)' },
  auth: { run: authCommand, what: 'connect Netatmo from the terminal (headless installs; bridge stopped)' },
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    say(io, 'Usage: netatmo-bridge <command> [--url http://127.0.0.1:5000]');
    for (const [key, value] of Object.entries(COMMANDS)) say(io, `  ${key.padEnd(7)} ${value.what}`);
    return name === undefined || name === 'help' || name === '--help' ? 0 : 1;
  }
  return command.run(args, io);
}
