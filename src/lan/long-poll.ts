// Long poll of the state document (GET /api/v1/state?wait=S, docs/lan-api.md). A read whose
// If-None-Match still names the current revision is held until the revision changes or S seconds
// pass, so a hub learns about a change the moment the bridge does instead of at its next poll.
// Held reads are bounded (a hub needs one; the cap keeps a misbehaving client from piling them
// up), freed the moment their client goes away, and all answered at once when the bridge stops,
// so a shutdown never waits for them.
//
// Server timeouts: Node applies headersTimeout/requestTimeout only until a request has been read
// in full, which a held GET is past; keepAliveTimeout only runs between requests. What would cut
// a hold is a socket idle timeout (server.timeout), which the bridge leaves off
// (test/integration/lan-long-poll.test.ts checks it).
import type { ServerResponse } from 'node:http';
import { LanError } from './errors.js';

export const MIN_WAIT_S = 1;
export const MAX_WAIT_S = 60;
/** Held reads at once; the next one is answered as if it had no `wait`. */
export const MAX_HELD_READS = 32;

const WAIT_PATTERN = /^[0-9]{1,2}$/;

/**
 * The `wait` query parameter of a request URL: seconds, null when absent, or the 400 to answer
 * when it is not one whole number from 1 to 60. Cheap when there is no query (the usual poll).
 */
export function parseWait(url: string | undefined): number | null | LanError {
  const query = url?.indexOf('?') ?? -1;
  if (query === -1) return null;
  const values = new URLSearchParams(url!.slice(query + 1)).getAll('wait');
  if (values.length === 0) return null;
  const text = values[0]!;
  if (values.length === 1 && WAIT_PATTERN.test(text)) {
    const seconds = Number(text);
    if (seconds >= MIN_WAIT_S && seconds <= MAX_WAIT_S) return seconds;
  }
  return new LanError(
    400,
    'invalid_request',
    `wait must be a whole number of seconds from ${MIN_WAIT_S} to ${MAX_WAIT_S}, given once.`,
    { field: 'wait' },
  );
}

/** What the long poll needs from the read it holds. */
export interface HeldRead {
  /** True once the client's ETag is no longer the current one. */
  changed(): boolean;
  /** Answers with the current state (200, or 304 when still unchanged). */
  answer(): void;
}

export interface LongPollsOptions {
  /** Subscribes to revision changes; returns the unsubscribe function. */
  onChange: (listener: () => void) => () => void;
  maxHeld?: number;
  /** Told when answering a held read failed (the request is then ended with a 500). */
  onError?: (error: unknown) => void;
}

interface Held {
  res: ServerResponse;
  read: HeldRead;
  timer: NodeJS.Timeout;
}

export class LongPolls {
  readonly #held = new Set<Held>();
  readonly #maxHeld: number;
  readonly #onError: (error: unknown) => void;
  readonly #unsubscribe: () => void;
  #closing = false;
  #sweepQueued = false;

  constructor(options: LongPollsOptions) {
    this.#maxHeld = options.maxHeld ?? MAX_HELD_READS;
    this.#onError = options.onError ?? (() => undefined);
    this.#unsubscribe = options.onChange(() => this.#queueSweep());
  }

  /** Reads held right now. */
  get size(): number {
    return this.#held.size;
  }

  /**
   * Holds `res` for up to `waitS` seconds. Returns false when it cannot (the cap is reached or the
   * bridge is stopping): the caller answers at once, as without `wait`.
   */
  hold(res: ServerResponse, waitS: number, read: HeldRead): boolean {
    if (this.#closing || this.#held.size >= this.#maxHeld) return false;
    const held: Held = { res, read, timer: setTimeout(() => this.#finish(held), waitS * 1000) };
    this.#held.add(held);
    // 'close' also follows a normal answer; before one it means the client went away.
    res.once('close', () => this.#release(held));
    return true;
  }

  /**
   * Shutdown: answers every held read now (304 unless the state changed, with Connection: close
   * so the client does not send the next one on this socket) and holds no more. Returns how many.
   */
  close(): number {
    this.#closing = true;
    this.#unsubscribe();
    const count = this.#held.size;
    for (const held of [...this.#held]) {
      if (!held.res.headersSent) held.res.setHeader('Connection', 'close');
      this.#finish(held);
    }
    return count;
  }

  // One sweep per burst of changes: a poll may bump the revision more than once in a row, and the
  // held reads then get the state as it is after the whole burst.
  #queueSweep(): void {
    if (this.#sweepQueued || this.#held.size === 0) return;
    this.#sweepQueued = true;
    setImmediate(() => {
      this.#sweepQueued = false;
      for (const held of [...this.#held]) if (held.read.changed()) this.#finish(held);
    });
  }

  #finish(held: Held): void {
    if (!this.#release(held) || held.res.writableEnded || held.res.destroyed) return;
    try {
      held.read.answer();
    } catch (error) {
      this.#onError(error);
      if (held.res.headersSent) {
        held.res.destroy();
      } else {
        held.res.statusCode = 500;
        held.res.end();
      }
    }
  }

  #release(held: Held): boolean {
    if (!this.#held.delete(held)) return false;
    clearTimeout(held.timer);
    return true;
  }
}
