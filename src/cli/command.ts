// What a CLI command is: its name, one-line summary, usage, strict options and the function that
// runs it with the parsed arguments. Every text a person reads is a function of the translator, so
// the help follows the user's locale (src/i18n; keys in src/i18n/en/cli*.ts).
import type { Translator } from '../i18n/translator.js';
import type { ArgsSpec, OptionSpec, ParsedArgs } from './args.js';
import type { CliIo } from './io.js';

/** A text in the user's language, e.g. (tr) => tr.t('doctor.summary'). */
export type Words = (tr: Translator) => string;

export interface Command {
  name: string;
  summary: Words;
  /** After "netatmo-bridge ", e.g. "doctor [--refresh]". */
  usage: string;
  /** More help lines, printed between the usage and the options (one message, lines split at "\n"). */
  details?: Words;
  args: ArgsSpec;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

export const URL_OPTION: OptionSpec = { type: 'string', value: 'URL', help: (tr) => tr.t('cli.optUrl') };
export const DATA_DIR_OPTION: OptionSpec = { type: 'string', value: 'DIR', help: (tr) => tr.t('cli.optDataDir') };
