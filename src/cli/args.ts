// Command-line arguments of every command, parsed strictly with node:util parseArgs: an unknown
// option (`--refersh`), a missing value or a stray word is an error with a clear sentence, never
// silently ignored. `--help` / `-h` is part of every command and never runs it.
import { parseArgs } from 'node:util';
import type { Translator } from '../i18n/translator.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Shown in --help, e.g. "URL" for `--url URL`. */
  value?: string;
  help: (tr: Translator) => string;
}

export interface ArgsSpec {
  options: Record<string, OptionSpec>;
  /** Allowed words after the command (e.g. service's install|uninstall|status); none by default. */
  positionals?: { min: number; max: number; names: (tr: Translator) => string };
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  help: boolean;
}

export type ArgsResult = { ok: true; args: ParsedArgs } | { ok: false; problem: string };

const HELP: OptionSpec = { type: 'boolean', help: (tr) => tr.t('cli.optHelp') };

export function parseCommandArgs(spec: ArgsSpec, argv: readonly string[], tr: Translator): ArgsResult {
  const options = { ...spec.options, help: HELP };
  const config = Object.fromEntries(
    Object.entries(options).map(([name, option]) => [name, name === 'help' ? { type: option.type, short: 'h' } : { type: option.type }]),
  );
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: true });
  } catch (error) {
    return { ok: false, problem: explain(error, Object.keys(options), tr) };
  }
  const help = parsed.values.help === true;
  const range = spec.positionals ?? { min: 0, max: 0, names: () => '' };
  if (!help && parsed.positionals.length > range.max) {
    const extra = parsed.positionals.slice(range.max).map((word) => JSON.stringify(word)).join(' ');
    return { ok: false, problem: tr.t(range.max === 0 ? 'cli.argNoWords' : 'cli.argUnexpected', { words: extra }) };
  }
  if (!help && parsed.positionals.length < range.min) return { ok: false, problem: tr.t('cli.argSayWhich', { names: range.names(tr) }) };
  return { ok: true, args: { values: parsed.values, positionals: parsed.positionals, help } };
}

/** parseArgs' errors in one short sentence, with a "did you mean" for a near miss. */
function explain(error: unknown, known: readonly string[], tr: Translator): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = option.replace(/^-+/, '').split('=')[0] ?? '';
    const near = known.find((candidate) => distance(candidate, name) <= 2);
    return near ? tr.t('cli.argUnknownNear', { option, near }) : tr.t('cli.argUnknown', { option });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return tr.t(message.includes('argument missing') ? 'cli.argNeedsValue' : 'cli.argNoValue', { option });
  }
  return message;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

export function stringValue(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function booleanValue(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** The options block of a command's --help. */
export function optionLines(spec: ArgsSpec, tr: Translator): string[] {
  const entries = Object.entries({ ...spec.options, help: HELP }).map(([name, option]) => {
    const left = `--${name}${option.value ? ` ${option.value}` : ''}${name === 'help' ? ', -h' : ''}`;
    return [left, option.help(tr)] as const;
  });
  const width = Math.max(...entries.map(([left]) => left.length));
  return entries.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`);
}
