// The hub's state poll (GET /api/v1/state every few seconds per hub) answered before express:
// the request is checked and served with plain node:http calls, which makes the poll cheaper
// than even a bare express route. Anything else — another path or method, a missing or wrong
// token, a throttled address, a request the handler declines — falls through to express, which
// answers in the usual way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastPath, HttpRequestRecord } from '../http-server.js';

export type { FastPath };

export interface FastGetOptions {
  path: string;
  authorized: (req: IncomingMessage) => boolean;
  /**
   * Answers (or holds: a long poll) the request and returns true, or returns false without
   * touching `res` to let express answer it.
   */
  handler: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Called once the answer went out (for a held request: when it is finally answered). */
  onAnswered?: (record: HttpRequestRecord) => void;
}

export function fastGet(options: FastGetOptions): FastPath {
  const withQuery = `${options.path}?`;
  return (req, res) => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    if (url !== options.path && !url.startsWith(withQuery)) return false;
    if (!options.authorized(req)) return false;
    const started = performance.now();
    const record = (): void =>
      options.onAnswered?.({ route: options.path, method: 'GET', status: res.statusCode, durationMs: performance.now() - started });
    if (!options.handler(req, res)) return false;
    if (res.writableEnded) record();
    else res.once('finish', record);
    return true;
  };
}
