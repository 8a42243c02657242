// The long poll through the express route (what answers GET /api/v1/state when the fast path is
// not installed or declines): the real state routes, auth and error handler over real HTTP, with a
// state service whose revision the test bumps.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpApp, listen, type HttpRequestRecord, type RunningHttpServer } from '../../src/http-server.js';
import { bearerAuth } from '../../src/lan/auth.js';
import { LongPolls } from '../../src/lan/long-poll.js';
import { StateDocumentCache, type StateDocument } from '../../src/lan/state-document.js';
import { stateRouter } from '../../src/lan/state-routes.js';
import type { Home } from '../../src/model/types.js';
import { StateService } from '../../src/sync/state-service.js';
import { createLogger } from '../../src/util/logger.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/lan');
const document = JSON.parse(readFileSync(path.join(fixtures, 'state-full.json'), 'utf8')) as StateDocument;
const TOKEN = 'express-route-token-0123456789abcdef';

let running: RunningHttpServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await running?.close();
  running = undefined;
});

async function expressOnly(): Promise<{ url: string; state: StateService; polls: LongPolls; records: HttpRequestRecord[] }> {
  const state = new StateService({ revision: 7, homes: structuredClone(document.homes) as Home[], changedAt: null });
  const cache = new StateDocumentCache({ revision: () => state.revision, homes: () => state.homes, health: () => document.netatmo, bridge: () => document.bridge });
  const polls = new LongPolls({ onChange: (listener) => state.onChange(listener) });
  const records: HttpRequestRecord[] = [];
  const app = createHttpApp(
    { open: [], lanAuth: bearerAuth({ expectedToken: () => TOKEN }), lan: [stateRouter({ cache, bridge: () => document.bridge, port: () => 0, longPolls: polls })] },
    createLogger({ level: 'silent' }),
    (record) => records.push(record),
  );
  running = await listen(app, '127.0.0.1', 0);
  return { url: `http://127.0.0.1:${running.port}/api/v1/state`, state, polls, records };
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe('long poll on the express route', () => {
  it('holds until the revision changes, then 200 with the new ETag; 304 after S; recorded when answered', async () => {
    const { url, state, polls, records } = await expressOnly();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pending = fetch(`${url}?wait=10`, { headers: { ...auth, 'if-none-match': '"7"' } });
    await vi.waitFor(() => expect(polls.size).toBe(1), { interval: 5 });
    const home = state.homes[0]!;
    state.replaceHome({ ...home, name: `${home.name} (renamed)` });
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe('"8"');
    expect(((await answer.json()) as StateDocument).revision).toBe(8);

    const quiet = fetch(`${url}?wait=10`, { headers: { ...auth, 'if-none-match': '"8"' } });
    await vi.waitFor(() => expect(polls.size).toBe(1), { interval: 5 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await quiet).status).toBe(304);
    expect(records.map((r) => [r.route, r.status])).toEqual([
      ['/api/v1/state', 200],
      ['/api/v1/state', 304],
    ]);
  });

  it('400 with details.field for a bad wait, 401 at once for a wrong token', async () => {
    const { url, polls } = await expressOnly();
    const bad = await fetch(`${url}?wait=61`, { headers: { ...auth, 'if-none-match': '"7"' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { field: string } } }).error.details.field).toBe('wait');
    const wrong = await fetch(`${url}?wait=30`, { headers: { authorization: 'Bearer wrong', 'if-none-match': '"7"' } });
    expect(wrong.status).toBe(401);
    expect(polls.size).toBe(0);
  });
});
