// What a CLI command gets from its process: output streams, input, environment and working
// directory. Commands take a CliIo instead of touching `process`, so tests run them in-process.
import type { Readable, Writable } from 'node:stream';

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

export function say(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}

export function complain(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}

/** `--name value` or `--name=value` from argv; undefined when absent. */
export function option(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === `--${name}`) return args[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

export function flag(args: readonly string[], name: string): boolean {
  return args.includes(`--${name}`);
}
