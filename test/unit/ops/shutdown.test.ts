import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeHttpServer, runStopSteps, within } from '../../../src/ops/shutdown.js';
import { LogCapture } from '../../helpers/bridge.js';

describe('runStopSteps', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs every step in order even when one throws or hangs, within the budget', async () => {
    vi.useFakeTimers();
    const order: string[] = [];
    const logs = new LogCapture();
    const running = runStopSteps(
      [
        { name: 'first', stop: () => void order.push('first') },
        {
          name: 'broken',
          stop: () => {
            order.push('broken');
            throw new Error('boom');
          },
        },
        { name: 'hanging', limitMs: 1_000, stop: () => new Promise<void>(() => order.push('hanging')) },
        { name: 'last', stop: () => void order.push('last') },
      ],
      logs.logger(),
      { budgetMs: 4_000 },
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const outcomes = await running;
    expect(order).toEqual(['first', 'broken', 'hanging', 'last']);
    expect(outcomes).toEqual({ first: 'ok', broken: 'failed', hanging: 'timed_out', last: 'ok' });
    expect(logs.find('hanging did not stop in time')).toHaveLength(1);
    expect(logs.find('broken failed to stop cleanly')).toHaveLength(1);
  });

  it('gives later steps only what is left of the overall budget', async () => {
    vi.useFakeTimers();
    const running = runStopSteps(
      [
        { name: 'slow', stop: () => new Promise<void>(() => undefined) },
        { name: 'also slow', stop: () => new Promise<void>(() => undefined) },
      ],
      new LogCapture().logger(),
      { budgetMs: 2_000 },
    );
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.advanceTimersByTimeAsync(1); // the second step gets the 0 ms that are left
    expect(await running).toEqual({ slow: 'timed_out', 'also slow': 'timed_out' });
  });

  it('within() reports ok for work that settles in time', async () => {
    expect(await within(Promise.resolve(), 1_000)).toBe('ok');
  });
});

describe('closeHttpServer', () => {
  it('lets a running request finish, and cuts one that outlives the drain time', async () => {
    let release: (() => void) | undefined;
    const server = http.createServer((req, res) => {
      if (req.url === '/slow') {
        release = () => res.end('done');
        return;
      }
      // never answers: a request stuck on a hanging upstream call
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const slow = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.text());
    const stuck = fetch(`http://127.0.0.1:${port}/stuck`).then(
      () => 'answered',
      () => 'cut',
    );
    await vi.waitFor(() => expect(release).toBeDefined());
    const closing = closeHttpServer(server, 300);
    release?.();
    expect(await slow).toBe('done');
    expect(await closing).toBe('timed_out');
    expect(await stuck).toBe('cut');
    expect(server.listening).toBe(false);
  });
});
