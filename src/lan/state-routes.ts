// Read side of the LAN API: bridge description (no auth, for discovery) and the state document.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type Request, type Response } from 'express';
import { etagMatches, type BridgeInfo, type StateDocumentCache } from './state-document.js';

export interface StateRoutesOptions {
  cache: StateDocumentCache;
  bridge: () => BridgeInfo;
  port: () => number;
  /** Called on every authorised state read (the status page shows when the hub last polled). */
  onStateRead?: (req: IncomingMessage) => void;
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

/** GET /api/v1/state — mount behind bearer auth (the hub's every-few-seconds poll: keep it lean). */
export function stateHandler(options: StateRoutesOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    options.onStateRead?.(req);
    const etag = options.cache.etag();
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(options.cache.body());
  };
}

export const STATE_PATH = '/api/v1/state';

/** GET /api/v1/state through express (the answer when the fast path declines: 401, 429 …). */
export function stateRouter(options: StateRoutesOptions): Router {
  const router = Router();
  router.get(STATE_PATH, stateHandler(options));
  return router;
}
