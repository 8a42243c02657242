// Long poll of the state (GET /api/v1/state?wait=S) over real HTTP against the real bridge: held
// until the revision changes (200 with the new document) or S seconds pass (304), bounded to 32
// held reads, freed when the client goes away, ended cleanly on shutdown. Timers are fake
// (setTimeout only: sockets and setImmediate stay real), so "after S seconds" costs no real time;
// requests go through node:http, whose socket timers are Node's own and not faked.
import { afterEach, describe, expect, it, vi } from 'vitest';
import http from 'node:http';
import express from 'express';
import { listen, type HttpRequestRecord } from '../../src/http-server.js';
import { MAX_HELD_READS } from '../../src/lan/long-poll.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let t: TestBridge | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await t?.stop();
  t = undefined;
});

async function bridge(): Promise<{ t: TestBridge; etag: string; records: HttpRequestRecord[] }> {
  t = await startTestBridge();
  await t.bridge.context.poller.pollNow();
  const records: HttpRequestRecord[] = [];
  t.bridge.context.events.on('lanRequest', (record) => records.push(record));
  return { t, etag: `"${t.bridge.context.state.revision}"`, records };
}

function held(t: TestBridge): number {
  return t.bridge.context.longPolls.size;
}

// Captured before any test fakes it: waiting for requests to arrive takes real time.
const realSetTimeout = globalThis.setTimeout;

/** Waits (real time, up to 10 s, without moving the fake clock as vi.waitFor would) for `count` held reads. */
async function untilHeld(t: TestBridge, count: number): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (held(t) !== count && performance.now() < deadline) await new Promise((resolve) => realSetTimeout(resolve, 5));
  expect(held(t)).toBe(count);
}

/** A change as the hub would see it in real life: Netatmo reports a new temperature, the bridge polls. */
async function changeAtNetatmo(t: TestBridge, stepC: number): Promise<void> {
  const { state } = t.bridge.context;
  const before = state.revision;
  const home = state.homes[0]!;
  const room = home.rooms[0]!;
  t.simulator.world.setMeasuredTemperature(home.id, room.id, (room.measuredC ?? 20) + stepC);
  await t.bridge.context.poller.pollNow();
  expect(state.revision).toBeGreaterThan(before);
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false, signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function waitRead(t: TestBridge, waitS: number | string, etag: string | null, signal?: AbortSignal): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${t.lanToken()}` };
  if (etag) headers['if-none-match'] = etag;
  return get(`${t.bridge.url}/api/v1/state?wait=${waitS}`, headers, signal);
}

describe('long poll: GET /api/v1/state?wait=S', () => {
  it('holds while the ETag is current and answers 200 with the new document as soon as the state changes', async () => {
    const { t, etag, records } = await bridge();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = waitRead(t, 60, etag);
    await untilHeld(t, 1);
    expect(records).toEqual([]);

    await changeAtNetatmo(t, 3);
    // No timer was advanced: only the change can have answered it (how soon is measured by
    // bench/long-poll.bench.ts, not by a deadline here).
    const answer = await pending;
    expect(answer.status).toBe(200);
    const newEtag = `"${t.bridge.context.state.revision}"`;
    expect(newEtag).not.toBe(etag);
    expect(answer.headers.etag).toBe(newEtag);
    // Same bytes and headers as a plain read of the same revision.
    const plain = await waitRead(t, 1, null);
    expect(plain.headers.etag).toBe(newEtag);
    expect(answer.body).toBe(plain.body);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(held(t)).toBe(0);
    // Recorded once, when it was answered (metrics, like any request).
    expect(records[0]).toMatchObject({ route: '/api/v1/state', method: 'GET', status: 200 });
  });

  it('answers 304 when S seconds pass without a change, not before', async () => {
    const { t, etag, records } = await bridge();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = waitRead(t, 30, etag);
    await untilHeld(t, 1);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(held(t)).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const answer = await pending;
    expect(answer.status).toBe(304);
    expect(answer.headers.etag).toBe(etag);
    expect(answer.body).toBe('');
    expect(held(t)).toBe(0);
    expect(records.map((r) => r.status)).toEqual([304]);
  });

  it('answers at once when the ETag differs or there is no If-None-Match', async () => {
    const { t, etag } = await bridge();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fresh = await waitRead(t, 60, null);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).toBe(etag);
    expect(etag).not.toBe('"999"');
    const stale = await waitRead(t, 60, '"999"');
    expect(stale.status).toBe(200);
    expect(held(t)).toBe(0);
  });

  it('refuses a wait that is not a whole number from 1 to 60 with 400 and details.field', async () => {
    const { t, etag } = await bridge();
    for (const bad of ['0', '61', '-1', '1.5', 'abc', '', '30&wait=30', '1e1', '+5']) {
      const answer = await waitRead(t, bad, etag);
      expect(answer.status, `wait=${bad}`).toBe(400);
      const body = JSON.parse(answer.body) as { error: { code: string; message: string; details: { field: string } } };
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.details.field).toBe('wait');
      expect(body.error.message).toMatch(/wait/);
    }
    for (const good of ['1', '60']) {
      const answer = await waitRead(t, good, null);
      expect(answer.status, `wait=${good}`).toBe(200);
    }
    expect(held(t)).toBe(0);
  });

  it('answers a wrong token with 401 at once, never holding it', async () => {
    const { t, etag } = await bridge();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const wrong = await get(`${t.bridge.url}/api/v1/state?wait=60`, { authorization: 'Bearer not-the-token', 'if-none-match': etag });
    expect(wrong.status).toBe(401);
    expect((JSON.parse(wrong.body) as { error: { code: string } }).error.code).toBe('unauthorized');
    const none = await get(`${t.bridge.url}/api/v1/state?wait=60`, { 'if-none-match': etag });
    expect(none.status).toBe(401);
    expect(held(t)).toBe(0);
  });

  it(`holds at most ${MAX_HELD_READS}; one more is answered as without wait, and a change answers all of them`, async () => {
    const { t, etag } = await bridge();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = Array.from({ length: MAX_HELD_READS }, () => waitRead(t, 60, etag));
    await untilHeld(t, MAX_HELD_READS);
    const extra = await waitRead(t, 60, etag);
    expect(extra.status).toBe(304);
    expect(extra.headers.etag).toBe(etag);
    expect(held(t)).toBe(MAX_HELD_READS);

    await changeAtNetatmo(t, 4);
    const answers = await Promise.all(pending);
    expect(answers.map((a) => a.status)).toEqual(Array(MAX_HELD_READS).fill(200));
    const bodies = new Set(answers.map((a) => a.body));
    expect(bodies.size).toBe(1);
    expect(held(t)).toBe(0);
  });

  it('frees the slot at once when the client disconnects while held', async () => {
    const { t, etag } = await bridge();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controllers = Array.from({ length: MAX_HELD_READS }, () => new AbortController());
    const pending = controllers.map((c) => waitRead(t, 60, etag, c.signal).catch(() => 'aborted'));
    await untilHeld(t, MAX_HELD_READS);
    controllers[0]!.abort();
    expect(await pending[0]).toBe('aborted');
    await untilHeld(t, MAX_HELD_READS - 1);
    // The freed slot holds the next one again.
    const next = waitRead(t, 60, etag);
    await untilHeld(t, MAX_HELD_READS);
    for (const c of controllers.slice(1)) c.abort();
    await Promise.all(pending);
    await untilHeld(t, 1);
    await changeAtNetatmo(t, 5);
    expect((await next).status).toBe(200);
  });

  it('ends held reads with 304 and Connection: close on shutdown, and the HTTP server is not held up by them', async () => {
    const { t, etag } = await bridge();
    const pending = Array.from({ length: 3 }, () => waitRead(t, 60, etag));
    await untilHeld(t, 3);
    await t.bridge.stop();
    const answers = await Promise.all(pending);
    expect(answers.map((a) => a.status)).toEqual([304, 304, 304]);
    expect(answers.map((a) => a.headers.connection)).toEqual(['close', 'close', 'close']);
    // The drain finished by itself: nothing had to be cut after its time limit.
    expect(t.logs.find('did not stop in time')).toEqual([]);
    expect(held(t)).toBe(0);
  });

  it('leaves room for a 60 s hold: no socket idle timeout shorter than that on the server', async () => {
    const running = await listen(express(), '127.0.0.1', 0);
    try {
      // Node applies requestTimeout/headersTimeout only until a request is fully read; a held GET
      // is past that. A socket idle timeout would cut a silent hold, so it must be off or longer.
      expect(running.server.timeout === 0 || running.server.timeout > 65_000).toBe(true);
    } finally {
      await running.close();
    }
  });
});
