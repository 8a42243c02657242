// Read-only pages open to the LAN without sign-in: the status page, its live panel, the same data
// as JSON, and room history for the chart. Nothing here reveals a secret.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { BridgeContext } from '../context.js';
import { LanError, sendLanError } from '../lan/errors.js';
import { NetatmoError } from '../netatmo/errors.js';
import { HistoryLimitError, HISTORY_RANGES, type HistoryService } from './history.js';
import { page } from './layout.js';
import { renderStatusBody, renderStatusPanel } from './status-render.js';
import { buildStatusView, type StatusView } from './status-view.js';

export function currentStatusView(context: BridgeContext): StatusView {
  return buildStatusView({
    bridge: context.bridgeInfo(),
    health: context.netatmoHealth(),
    homes: context.state.homes,
    hubs: context.hubs.hubs(),
    lastHubPollAt: context.hubs.lastPollAt(),
    pairingClosesAt: context.pairing.closesAt(),
    storeProblem: context.store.problem(),
    nowMs: context.now(),
  });
}

function noStore(res: Response): void {
  res.set('cache-control', 'no-store');
}

const historyQuery = z.object({ range: z.enum(Object.keys(HISTORY_RANGES) as [keyof typeof HISTORY_RANGES]).default('24h') });

export function statusRouter(context: BridgeContext, history: HistoryService): Router {
  const router = express.Router();

  router.get('/', (_req, res) => {
    noStore(res);
    const view = currentStatusView(context);
    res.type('html').send(page({ title: 'Status', current: 'status', version: view.bridge.version, body: renderStatusBody(view), scripts: ['chart.js', 'status.js'] }));
  });

  router.get('/status/panel', (_req, res) => {
    noStore(res);
    res.type('html').send(renderStatusPanel(currentStatusView(context)).value);
  });

  router.get('/status.json', (_req, res) => {
    noStore(res);
    res.json(currentStatusView(context));
  });

  router.get('/history/:homeId/:roomId', async (req: Request<{ homeId: string; roomId: string }>, res) => {
    noStore(res);
    const query = historyQuery.safeParse(req.query);
    if (!query.success) {
      sendLanError(res, new LanError(400, 'invalid_request', 'range must be 24h or 7d.'));
      return;
    }
    const { homeId, roomId } = req.params;
    // Only rooms the bridge knows: a made-up id must not cost a Netatmo call.
    const room = context.state.home(homeId)?.rooms.find((r) => r.id === roomId);
    if (!room) {
      sendLanError(res, new LanError(404, 'not_found', 'There is no such room in the bridged homes.'));
      return;
    }
    try {
      const result = await history.get(homeId, roomId, query.data.range, req.ip ?? 'unknown');
      res.json({ ...result, roomName: room.name });
    } catch (error) {
      const answer = historyError(error);
      if (answer.status === 500) context.logger.error({ err: error }, 'room history failed unexpectedly');
      sendLanError(res, answer);
    }
  });

  return router;
}

function historyError(error: unknown): LanError {
  if (error instanceof HistoryLimitError) return new LanError(429, 'rate_limited', error.message, undefined, error.retryAfterS);
  if (error instanceof NetatmoError) {
    switch (error.kind) {
      case 'rate_limited':
        return new LanError(
          429,
          'rate_limited',
          error.httpStatus === null
            ? `The bridge is saving its Netatmo request budget for your heating, so the history cannot be fetched now. ${error.message}.`
            : 'Netatmo asked the bridge to slow down; the history can be fetched later.',
          undefined,
          error.retryAfterS ?? 60,
        );
      case 'not_configured':
        return new LanError(503, 'not_configured', 'Netatmo is not connected yet.');
      case 'invalid_grant':
        return new LanError(503, 'auth_required', 'Netatmo must be reconnected on the Admin page.');
      default:
        return new LanError(502, 'netatmo_error', `Netatmo could not give the history: ${error.message}`);
    }
  }
  return new LanError(500, 'internal_error', 'The bridge hit an unexpected error; the details are in its log.');
}
