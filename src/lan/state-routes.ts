// Read side of the LAN API: bridge description (no auth, for discovery) and the state document,
// read at once or held with ?wait=S (long poll, src/lan/long-poll.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { LanError } from './errors.js';
import { parseWait, type LongPolls } from './long-poll.js';
import { etagMatches, type BridgeInfo, type StateDocumentCache } from './state-document.js';

export interface StateRoutesOptions {
  cache: StateDocumentCache;
  bridge: () => BridgeInfo;
  port: () => number;
  /** Called on every authorised state read (the status page shows when the hub last polled). */
  onStateRead?: (req: IncomingMessage) => void;
  /** Holds reads that carry ?wait=S; without it `wait` is checked but the read answered at once. */
  longPolls?: LongPolls;
}

/** GET /api/v1/description — no auth: the driver reads it during discovery. */
export function descriptionRouter(options: StateRoutesOptions): Router {
  const router = Router();
  router.get('/api/v1/description', (_req: Request, res: Response) => {
    const bridge = options.bridge();
    res.json({ id: bridge.id, name: bridge.name, version: bridge.version, api: 'v1', port: options.port() });
  });
  return router;
}

/** The current document, or 304 when `ifNoneMatch` names its revision. */
function answerState(cache: StateDocumentCache, ifNoneMatch: string | undefined, res: ServerResponse): void {
  const etag = cache.etag();
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'no-cache');
  if (etagMatches(ifNoneMatch, etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(cache.body());
}

/** An authorised state read with a valid (or no) `wait`: answered now, or held until a change. */
function serveState(options: StateRoutesOptions, req: IncomingMessage, res: ServerResponse, waitS: number | null): void {
  options.onStateRead?.(req);
  const { cache, longPolls } = options;
  const ifNoneMatch = req.headers['if-none-match'];
  if (waitS !== null && longPolls && req.method === 'GET' && etagMatches(ifNoneMatch, cache.etag())) {
    const held = longPolls.hold(res, waitS, {
      changed: () => !etagMatches(ifNoneMatch, cache.etag()),
      answer: () => answerState(cache, ifNoneMatch, res),
    });
    if (held) return;
  }
  answerState(cache, ifNoneMatch, res);
}

/**
 * GET /api/v1/state for the fast path (src/lan/fast-path.ts; the hub's every-few-seconds poll:
 * keep it lean). Returns false for a bad `wait`, leaving the 400 to the express route.
 */
export function stateHandler(options: StateRoutesOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const waitS = parseWait(req.url);
    if (waitS instanceof LanError) return false;
    serveState(options, req, res, waitS);
    return true;
  };
}

export const STATE_PATH = '/api/v1/state';

/** GET /api/v1/state through express, behind bearer auth (and whatever the fast path declines). */
export function stateRouter(options: StateRoutesOptions): Router {
  const router = Router();
  router.get(STATE_PATH, (req: Request, res: Response, next: NextFunction) => {
    const waitS = parseWait(req.originalUrl);
    if (waitS instanceof LanError) {
      next(waitS);
      return;
    }
    serveState(options, req, res, waitS);
  });
  return router;
}
