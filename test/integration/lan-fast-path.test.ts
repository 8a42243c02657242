// The hub's state poll is answered before express (src/lan/fast-path.ts). It must behave exactly
// like the express route: same bytes and ETag, and every refusal still answered by express.
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpRequestRecord } from '../../src/http-server.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function bridge(): Promise<{ t: TestBridge; records: HttpRequestRecord[] }> {
  t = await startTestBridge();
  await t.bridge.context.poller.pollNow();
  const records: HttpRequestRecord[] = [];
  t.bridge.context.events.on('lanRequest', (record) => records.push(record));
  return { t, records };
}

describe('state fast path', () => {
  it('serves the state with its ETag, also with a query string, and records each answer', async () => {
    const { t, records } = await bridge();
    const plain = await t.api('/api/v1/state');
    const withQuery = await t.api('/api/v1/state?from=hub');
    expect(plain.status).toBe(200);
    expect(withQuery.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(plain.headers.get('etag')).toBe(`"${t.bridge.context.state.revision}"`);
    const body = (await plain.json()) as { revision: number };
    expect(body.revision).toBe(t.bridge.context.state.revision);
    const notModified = await t.api('/api/v1/state', { headers: { 'if-none-match': plain.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    expect(records.map((r) => [r.route, r.status])).toEqual([
      ['/api/v1/state', 200],
      ['/api/v1/state', 200],
      ['/api/v1/state', 304],
    ]);
    expect(t.bridge.context.hubs.lastPollAt()).not.toBeNull();
  });

  it('leaves refusals to express: JSON 401 for a wrong token, 429 once the address is throttled', async () => {
    const { t, records } = await bridge();
    const wrong = await fetch(`${t.bridge.url}/api/v1/state`, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect(records.at(-1)).toMatchObject({ status: 401 });

    for (let i = 0; i < 10; i++) await fetch(`${t.bridge.url}/api/v1/state`, { headers: { authorization: 'Bearer guess' } });
    const throttled = await fetch(`${t.bridge.url}/api/v1/state`, { headers: { authorization: 'Bearer guess' } });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
    // The right token is never throttled (clients may share an address).
    expect((await t.api('/api/v1/state')).status).toBe(200);
  });

  it('lets other methods and paths through to express', async () => {
    const { t } = await bridge();
    const head = await t.api('/api/v1/state', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await t.api('/api/v1/state', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(post.status).toBe(404);
    const prefix = await t.api('/api/v1/statex');
    expect(prefix.status).toBe(404);
  });
});
