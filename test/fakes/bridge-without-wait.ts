// A bridge as it was before the long poll: GET /api/v1/state answers at once (200, or 304 for
// the current ETag) whatever the query says, on 127.0.0.1 with a random port. Serves the
// canonical state fixture; `change()` edits it and raises the revision. Every state request is
// recorded (URL, If-None-Match, time), so a test can count how often a client asks.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { StateDocument } from '../../src/lan/state-document.js';
import { repoRoot } from '../helpers/lua-driver.js';

export interface StateRequest {
  url: string;
  ifNoneMatch: string | undefined;
  at: number;
}

export interface BridgeWithoutWait {
  address: string;
  token: string;
  reads: StateRequest[];
  state: StateDocument;
  change(edit: (state: StateDocument) => void): void;
  close(): Promise<void>;
}

export async function startBridgeWithoutWait(options: { onRead?: (read: StateRequest, count: number) => void } = {}): Promise<BridgeWithoutWait> {
  const state = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/lan/state-full.json'), 'utf8')) as StateDocument;
  const token = 'bridge-without-wait-token-0123456789';
  const reads: StateRequest[] = [];
  const stub: Omit<BridgeWithoutWait, 'address' | 'close'> = {
    token,
    reads,
    state,
    change(edit) {
      edit(state);
      (state as { revision: number }).revision += 1;
    },
  };
  const server = http.createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"unauthorized","message":"wrong token"}}');
      return;
    }
    if (req.method !== 'GET' || !req.url?.startsWith('/api/v1/state')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"no such route"}}');
      return;
    }
    const read = { url: req.url, ifNoneMatch: req.headers['if-none-match'], at: Date.now() };
    reads.push(read);
    options.onRead?.(read, reads.length);
    const etag = `"${state.revision}"`;
    if (read.ifNoneMatch === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { etag, 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(state));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...stub,
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
