// The last log lines in memory, for the diagnostics bundle (src/diagnostics/). Bounded in lines and
// line length; each line is scrubbed when it is written (util/scrub.ts), on top of the logger's
// key-name redaction, so what it holds is already fit for a bug report.
import { scrubText } from './scrub.js';

export const LOG_RING_LINES = 300;
export const LOG_LINE_MAX_CHARS = 2_000;

export class LogRing {
  readonly #lines: string[] = [];
  #next = 0;

  constructor(private readonly capacity = LOG_RING_LINES) {}

  /** One or more serialized log lines (pino's output); returned unchanged for the real stream. */
  record(chunk: string): string {
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      const bounded = line.length > LOG_LINE_MAX_CHARS ? `${line.slice(0, LOG_LINE_MAX_CHARS)}…` : line;
      this.#push(scrubText(bounded));
    }
    return chunk;
  }

  /** Oldest first. */
  lines(): string[] {
    if (this.#lines.length < this.capacity) return [...this.#lines];
    return [...this.#lines.slice(this.#next), ...this.#lines.slice(0, this.#next)];
  }

  #push(line: string): void {
    if (this.#lines.length < this.capacity) {
      this.#lines.push(line);
      return;
    }
    this.#lines[this.#next] = line;
    this.#next = (this.#next + 1) % this.capacity;
  }
}
