// Read-only pages open to the LAN without sign-in: the status page, its live panel, the same data
// as JSON, and room history for the chart. Nothing here reveals a secret.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { WebFeatureDeps } from './web-deps.js';
import { LanError, sendLanError } from '../lan/errors.js';
import { NetatmoError } from '../netatmo/errors.js';
import { HistoryLimitError, HISTORY_RANGES, type HistoryService } from './history.js';
import type { Translator } from '../i18n/translator.js';
import { translatorFor } from './language.js';
import { page } from './layout.js';
import { renderStatusBody, renderStatusPanel } from './status-render.js';
import { buildStatusView, type StatusView } from './status-view.js';

export function currentStatusView(context: WebFeatureDeps, tr?: Translator): StatusView {
  const source = {
    bridge: context.bridgeInfo(),
    health: context.netatmoHealth(),
    homes: context.state.homes,
    hubs: context.hubs.hubs(),
    lastHubPollAt: context.hubs.lastPollAt(),
    pairingClosesAt: context.pairing.closesAt(),
    storeProblem: context.store.problem(),
    nowMs: context.now(),
  };
  return buildStatusView(source, tr);
}

function noStore(res: Response): void {
  res.set('cache-control', 'no-store');
}

const historyQuery = z.object({ range: z.enum(Object.keys(HISTORY_RANGES) as [keyof typeof HISTORY_RANGES]).default('24h') });

export function statusRouter(context: WebFeatureDeps, history: HistoryService): Router {
  const router = express.Router();

  router.get('/', (req, res) => {
    noStore(res);
    const tr = translatorFor(req);
    const view = currentStatusView(context, tr);
    const body = renderStatusBody(view, tr);
    // The script's clock ("Updated at …") in the home's zone, as the page's other times; the bridge's
    // own zone (often UTC in a container) only without a home.
    const timeZone = view.homes[0]?.timeZone;
    res.type('html').send(page({ tr, title: tr.t('status.title'), current: 'status', version: view.bridge.version, body, scripts: ['chart.js', 'status.js'], timeZone }));
  });

  router.get('/status/panel', (req, res) => {
    noStore(res);
    const tr = translatorFor(req);
    res.type('html').send(renderStatusPanel(currentStatusView(context, tr), tr).value);
  });

  // The page's data: its texts follow the request's language too (English without Accept-Language).
  router.get('/status.json', (req, res) => {
    noStore(res);
    res.json(currentStatusView(context, translatorFor(req)));
  });

  router.get('/history/:homeId/:roomId', async (req: Request<{ homeId: string; roomId: string }>, res) => {
    noStore(res);
    const tr = translatorFor(req);
    const query = historyQuery.safeParse(req.query);
    if (!query.success) {
      sendLanError(res, new LanError(400, 'invalid_request', tr.t('history.badRange')));
      return;
    }
    const { homeId, roomId } = req.params;
    // Only rooms the bridge knows: a made-up id must not cost a Netatmo call.
    const room = context.state.home(homeId)?.rooms.find((r) => r.id === roomId);
    if (!room) {
      sendLanError(res, new LanError(404, 'not_found', tr.t('history.noRoom')));
      return;
    }
    try {
      const result = await history.get(homeId, roomId, query.data.range, req.ip ?? 'unknown');
      res.json({ ...result, roomName: room.name });
    } catch (error) {
      const answer = historyError(error, tr);
      if (answer.status === 500) context.logger.error({ err: error }, 'room history failed unexpectedly');
      sendLanError(res, answer);
    }
  });

  return router;
}

/** The chart's refusals are read by a person (the page's script shows them): in the page's language. */
function historyError(error: unknown, tr: Translator): LanError {
  if (error instanceof HistoryLimitError) {
    const minutes = Math.ceil(error.retryAfterS / 60);
    return new LanError(429, 'rate_limited', tr.t(error.who === 'client' ? 'history.limitClient' : 'history.limitEveryone', { minutes }), undefined, error.retryAfterS);
  }
  if (error instanceof NetatmoError) {
    switch (error.kind) {
      case 'rate_limited': {
        const text = error.httpStatus === null ? tr.t('history.budget', { reason: error.message }) : tr.t('history.slowDown');
        return new LanError(429, 'rate_limited', text, undefined, error.retryAfterS ?? 60);
      }
      case 'not_configured':
        return new LanError(503, 'not_configured', tr.t('history.notConfigured'));
      case 'invalid_grant':
        return new LanError(503, 'auth_required', tr.t('history.reconnect'));
      default:
        return new LanError(502, 'netatmo_error', tr.t('history.netatmoError', { reason: error.message }));
    }
  }
  return new LanError(500, 'internal_error', tr.t('history.internal'));
}
