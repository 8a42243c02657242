// The export passphrase: from --passphrase-file (one line; a trailing newline is not part of it),
// typed at a terminal without echo, or — when the input is not a terminal (a script) — read as
// lines from the input. Never printed, never logged.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Translator } from '../i18n/translator.js';
import type { CliIo } from './io.js';
import { LineReader } from './prompt.js';

export type PassphraseResult = { ok: true; passphrase: string } | { ok: false; message: string };

/** The passphrase, or why there is none in the user's language (`tr`, which also speaks the prompts). */
export async function readPassphrase(io: CliIo, options: { file: string | undefined; confirm: boolean }, tr: Translator): Promise<PassphraseResult> {
  if (options.file !== undefined) {
    try {
      const text = (await readFile(options.file, 'utf8')).replace(/\r?\n$/, '');
      return text === '' ? { ok: false, message: tr.t('cliMove.noPassphrase') } : { ok: true, passphrase: text };
    } catch (error) {
      return { ok: false, message: tr.t('cliMove.passphraseFileUnreadable', { file: options.file, code: (error as NodeJS.ErrnoException).code ?? 'error' }) };
    }
  }
  const answers: (string | null)[] = [];
  if (io.interactive) {
    answers.push(await askHidden(io, tr.t('cliMove.passphrasePrompt')));
    if (options.confirm && answers[0]) answers.push(await askHidden(io, tr.t('cliMove.passphraseRepeat')));
  } else {
    const reader = new LineReader(io);
    try {
      answers.push(await reader.ask(tr.t('cliMove.passphrasePrompt')));
      if (options.confirm && answers[0]) answers.push(await reader.ask(tr.t('cliMove.passphraseRepeat')));
    } finally {
      reader.close();
    }
  }
  const [first, second] = answers;
  if (!first) return { ok: false, message: tr.t('cliMove.noPassphrase') };
  if (options.confirm && first !== second) return { ok: false, message: tr.t('move.passphraseMismatch') };
  return { ok: true, passphrase: first };
}

/** One line from the terminal with the typed characters not echoed. Null on Ctrl-C / Ctrl-D. */
function askHidden(io: CliIo, prompt: string): Promise<string | null> {
  return new Promise((resolve) => {
    let muted = false;
    let answered = false;
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (!muted) io.stdout.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input: io.stdin, output, terminal: true });
    const finish = (answer: string | null): void => {
      if (answered) return;
      answered = true;
      rl.close();
      io.stdout.write('\n');
      resolve(answer);
    };
    rl.on('SIGINT', () => finish(null));
    rl.on('close', () => finish(null));
    rl.question(prompt, (answer) => finish(answer));
    muted = true;
  });
}
