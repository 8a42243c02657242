// Time limits, one way everywhere. Two kinds of waiting need one:
//
// - withTimeout(ms, work): work that can be cancelled (an HTTP request) gets an AbortSignal that
//   fires after `ms`, or earlier when the caller's own signal fires. The promise rejects the
//   moment the signal fires — with a TimeoutError, or the caller's reason — even when the work is
//   slow to notice, and the work is expected to stop (node:http and fetch destroy the request).
// - settlesWithin(promise, ms): work that must go on regardless (a poll that fills the state, a
//   SmartThings sync writing device ids) is waited for at most `ms`; the answer says whether it
//   settled, and the work keeps running.
//
// The timer is our own setTimeout rather than AbortSignal.timeout: it is cleared as soon as the
// work settles (AbortSignal.timeout's lives on until it fires), it never holds the process open,
// and fake timers in tests drive it. AbortSignal.any joins it with the caller's signal.

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Runs `work` with a signal that aborts after `ms` or with `outer`; rejects as soon as it aborts. */
export async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(ms)), Math.max(0, ms));
  timer.unref();
  const signal = outer ? AbortSignal.any([controller.signal, outer]) : controller.signal;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      // The abort reason as it is: a TimeoutError, or whatever the caller aborted with.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      // A synchronous throw of `work` becomes a rejection like any other failure.
      new Promise<T>((start) => start(work(signal))).then(resolve, reject);
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Waits for `work` at most `ms`: 'ok' when it fulfilled in time, 'timed_out' when not (the work
 * goes on); a rejection of the work in time is passed on.
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<'ok' | 'timed_out'> {
  let timing: AbortSignal | undefined;
  try {
    await withTimeout(ms, (signal) => {
      timing = signal;
      return work;
    });
    return 'ok';
  } catch (error) {
    if (timing?.aborted && error === timing.reason) return 'timed_out';
    throw error;
  }
}
