// What a CLI command is: its name, one-line summary, usage, strict options and the function that
// runs it with the parsed arguments.
import type { ArgsSpec, OptionSpec, ParsedArgs } from './args.js';
import type { CliIo } from './io.js';

export interface Command {
  name: string;
  summary: string;
  /** After "netatmo-bridge ", e.g. "doctor [--refresh]". */
  usage: string;
  /** More help lines, printed between the usage and the options. */
  details?: string[];
  args: ArgsSpec;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

export const URL_OPTION: OptionSpec = { type: 'string', value: 'URL', help: 'address of the running bridge (default: http://127.0.0.1:<PORT>)' };
export const DATA_DIR_OPTION: OptionSpec = {
  type: 'string',
  value: 'DIR',
  help: 'data directory (default: DATA_DIR; else the installed service\'s; else ./data in a source checkout, ~/.local/share/netatmo-bridge when installed)',
};
