import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeHttpServer, runStopSteps } from '../../../src/ops/shutdown.js';
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
});

describe('closeHttpServer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a running request finish, and cuts one that outlives the drain time', async () => {
    // Only the drain timer is faked: sockets and HTTP run for real, and the drain ends when the
    // test says so, not when a loaded machine happens to get there.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let release: (() => void) | undefined;
    let arrived = 0;
    let bothArrived: () => void = () => undefined;
    const both = new Promise<void>((resolve) => (bothArrived = resolve));
    const server = http.createServer((req, res) => {
      if ((arrived += 1) === 2) bothArrived();
      if (req.url === '/slow') release = () => res.end('done');
      // /stuck never answers: a request stuck on a hanging upstream call
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const slow = get(port, '/slow');
    const stuck = get(port, '/stuck');
    await both;
    const closing = closeHttpServer(server, 300);
    release?.();
    expect(await slow).toBe('done');
    await vi.advanceTimersByTimeAsync(300);
    expect(await closing).toBe('timed_out');
    expect(await stuck).toBe('cut');
    expect(server.listening).toBe(false);
  });
});

/** GET over node:http (no client-side timers): the body, or 'cut' when the connection is closed. */
function get(port: number, path: string): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
      res.on('error', () => resolve('cut'));
    });
    req.on('error', () => resolve('cut'));
  });
}
