// Slows down password guessing. An attempt is reserved BEFORE the password is checked (scrypt is
// asynchronous: checking first and counting afterwards let 40 concurrent guesses all through), so
// at most `perAddress` checks per window run for one address, however many arrive at once.
// Spread-out guessing is met by a slow global limit rather than a lock: once `global` wrong
// passwords arrived in the window, every address gets ONE attempt per window instead of
// `perAddress`. An address that has not failed lately always gets its try, so one device on the
// LAN cannot lock the admin out. IPv6 addresses count per /64 (one host can use a whole /64).
import { isIPv6 } from 'node:net';
import { KeyedSlidingWindows, SlidingWindow } from '../../util/sliding-window.js';

export interface SignInThrottleOptions {
  now?: () => number;
  /** Attempts per address within the window. */
  perAddress?: number;
  /** Wrong passwords from everywhere within the window before each address gets one attempt only. */
  global?: number;
  windowMs?: number;
}

/** A reserved attempt: report its outcome with done(). Or a refusal with when to try again. */
export type SignInAttempt = { ok: true; done(success: boolean): void } | { ok: false; retryAfterS: number };

const MAX_ADDRESSES = 10_000;

export class SignInThrottle {
  readonly #perAddress: number;
  readonly #global: number;
  /** Per address key: attempts in the window (running ones and failed ones). */
  readonly #attempts: KeyedSlidingWindows;
  /** Wrong passwords from everywhere in the window (only whether `global` is reached matters). */
  readonly #failures: SlidingWindow;

  constructor(options: SignInThrottleOptions = {}) {
    this.#perAddress = options.perAddress ?? 5;
    this.#global = options.global ?? 50;
    const windowMs = options.windowMs ?? 15 * 60_000;
    // Memory stays bounded whatever the number of addresses (the global limit still holds).
    this.#attempts = new KeyedSlidingWindows({ windowMs, capacity: Math.max(1, this.#perAddress), maxKeys: MAX_ADDRESSES, now: options.now });
    this.#failures = new SlidingWindow({ windowMs, capacity: Math.max(1, this.#global), now: options.now });
  }

  /** Reserves an attempt for this address, synchronously, or refuses it. */
  begin(address: string): SignInAttempt {
    const key = addressKey(address);
    const limit = this.#failures.count() >= this.#global ? 1 : this.#perAddress;
    if (this.#attempts.count(key) >= limit) {
      return { ok: false, retryAfterS: Math.max(1, Math.ceil(this.#attempts.retryAfterMs(key, limit) / 1000)) };
    }
    this.#attempts.record(key);
    let settled = false;
    return {
      ok: true,
      done: (success) => {
        if (settled) return;
        settled = true;
        if (success) this.#attempts.delete(key);
        else this.#failures.record();
      },
    };
  }
}

/** The throttling key of a client address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''));
}
