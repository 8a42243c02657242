// What a CLI command gets from its process: output streams, input, environment and working
// directory. Commands take a CliIo instead of touching `process`, so tests run them in-process.
import type { Readable, Writable } from 'node:stream';
import { localeForCli } from '../i18n/negotiate.js';
import { createTranslator, type Translator } from '../i18n/translator.js';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether the input is a terminal (a prompt is shown only then). */
  interactive: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    interactive: Boolean(process.stdin.isTTY),
  };
}

/** The CLI's language (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) and time zone (TZ, else the system's), from the command's environment. */
export function cliTranslator(io: Pick<CliIo, 'env'>): Translator {
  return createTranslator(localeForCli(io.env), { timeZone: io.env.TZ });
}

export function say(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}

export function complain(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}

const NPM_SCRIPTS = new Set(['start', 'demo', 'status', 'pair', 'doctor', 'auth']);

/**
 * How the user runs the CLI, for "run … again" hints: "npm run" when npm started it from a source
 * checkout (npm run doctor), else the installed command "netatmo-bridge".
 */
export function cliName(env: NodeJS.ProcessEnv = process.env): string {
  return NPM_SCRIPTS.has(env.npm_lifecycle_event ?? '') ? 'npm run' : 'netatmo-bridge';
}
