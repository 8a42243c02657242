// Questions on the terminal. One reader for the whole command: a second readline interface on the
// same input would lose the lines the first one had already buffered (piped input arrives at once).
import { createInterface, type Interface } from 'node:readline';
import type { CliIo } from './io.js';

export class LineReader {
  readonly #rl: Interface;
  readonly #lines: string[] = [];
  readonly #waiting: Array<(line: string | null) => void> = [];
  #closed = false;

  constructor(private readonly io: CliIo) {
    this.#rl = createInterface({ input: io.stdin, output: io.interactive ? io.stdout : undefined, terminal: io.interactive });
    this.#rl.on('line', (line) => {
      const waiter = this.#waiting.shift();
      if (waiter) waiter(line);
      else this.#lines.push(line);
    });
    this.#rl.on('close', () => {
      this.#closed = true;
      for (const waiter of this.#waiting.splice(0)) waiter(null);
    });
  }

  /** The next line (the prompt is shown on a terminal only), or null when the input ended. */
  ask(prompt: string): Promise<string | null> {
    if (this.io.interactive) this.io.stdout.write(prompt);
    const buffered = this.#lines.shift();
    if (buffered !== undefined) return Promise.resolve(buffered);
    if (this.#closed) return Promise.resolve(null);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  close(): void {
    this.#rl.close();
  }
}
