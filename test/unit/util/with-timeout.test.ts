import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settlesWithin, TimeoutError, withTimeout } from '../../../src/util/with-timeout.js';

/** Work that resolves with `value` when released, and records the signal it was handed. */
function controllable<T>(value: T): { work: (signal: AbortSignal) => Promise<T>; signal: () => AbortSignal; release: () => void } {
  let handed: AbortSignal | undefined;
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    work: (signal) => {
      handed = signal;
      return done.then(() => value);
    },
    signal: () => handed!,
    release: () => release(),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withTimeout', () => {
  it('passes the result through and clears its timer when the work is in time', async () => {
    const c = controllable('done');
    const running = withTimeout(1_000, c.work);
    expect(vi.getTimerCount()).toBe(1);
    c.release();
    expect(await running).toBe('done');
    expect(vi.getTimerCount()).toBe(0);
    expect(c.signal().aborted).toBe(false);
  });

  it('aborts the signal with a TimeoutError and rejects at once, even when the work ignores it', async () => {
    const c = controllable('late');
    const running = withTimeout(1_000, c.work);
    const outcome = running.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(999);
    expect(c.signal().aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: 'TimeoutError', ms: 1_000, message: 'timed out after 1000 ms' });
    expect(c.signal().aborted).toBe(true);
    expect(c.signal().reason).toBe(error);
    c.release(); // settling later changes nothing and raises nothing
  });

  it("the caller's signal aborts the work with the caller's reason, before the time is up", async () => {
    const outer = new AbortController();
    const c = controllable('never');
    const running = withTimeout(60_000, c.work, outer.signal).catch((error: unknown) => error);
    const reason = new Error('stopping');
    outer.abort(reason);
    expect(await running).toBe(reason);
    expect(c.signal().aborted).toBe(true);
    expect(c.signal().reason).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an already aborted caller signal rejects without waiting', async () => {
    const outer = new AbortController();
    outer.abort(new Error('gone'));
    const work = vi.fn((signal: AbortSignal) => Promise.resolve(signal.aborted));
    await expect(withTimeout(1_000, work, outer.signal)).rejects.toThrow('gone');
  });

  it('passes on the work failing in time, thrown synchronously or rejected', async () => {
    await expect(withTimeout(1_000, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(
      withTimeout(1_000, () => {
        throw new Error('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('settlesWithin', () => {
  it("'ok' for work that fulfils in time", async () => {
    expect(await settlesWithin(Promise.resolve('x'), 1_000)).toBe('ok');
  });

  it("'timed_out' when the work takes longer; the work goes on and its value is still there", async () => {
    const c = controllable(42);
    const work = c.work(new AbortController().signal);
    const waiting = settlesWithin(work, 500);
    await vi.advanceTimersByTimeAsync(500);
    expect(await waiting).toBe('timed_out');
    c.release();
    expect(await work).toBe(42);
  });

  it('passes on a rejection in time, even a TimeoutError of the work itself', async () => {
    await expect(settlesWithin(Promise.reject(new Error('broken')), 1_000)).rejects.toThrow('broken');
    const own = new TimeoutError(5);
    await expect(settlesWithin(Promise.reject(own), 1_000)).rejects.toBe(own);
  });
});
