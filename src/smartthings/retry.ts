// Retry with exponential back-off for SmartThings calls: 429 (rate limit, honouring Retry-After)
// and 5xx / network errors are retried a few times; 4xx other than 429 are not (retrying a bad
// request only burns the per-device limit of about 12 calls a minute). An aborted `signal` (the
// bridge stopping) ends the retries: no further attempt, and a back-off sleep is cut short.
import { httpStatusOf, retryAfterMsOf } from './st-api.js';

export interface RetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

export function isRetryable(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === null || status === 429 || status >= 500;
}

/** Waits `ms` without holding the process open; rejects with the signal's reason when it aborts. */
export const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    timer.unref();
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error) || options.signal?.aborted) throw error;
      const delay = Math.min(max, retryAfterMsOf(error) ?? base * 2 ** (attempt - 1));
      options.onRetry?.(attempt, delay, error);
      await sleep(delay, options.signal);
    }
  }
}
