// POST /webhooks/netatmo. Netatmo bans a webhook after 5 failed deliveries in an hour, so every
// delivery — forged, unknown, malformed or oversized — is answered 200 at once, before any work;
// the raw bytes go to the intake (src/sync/webhook-intake.ts), because the signature covers
// exactly what Netatmo sent.
import express, { type ErrorRequestHandler, type Router } from 'express';
import { SIGNATURE_HEADER } from '../sync/webhook-signature.js';
import type { Logger } from '../util/logger.js';

export const WEBHOOK_PATH = '/webhooks/netatmo';
/** Energy events are a few hundred bytes; anything much larger is not one. */
const MAX_BODY = '64kb';

export type WebhookIntake = (rawBody: Buffer, signature: unknown) => unknown;

export function webhookRouter(intake: WebhookIntake, log: Logger): Router {
  const router: Router = express.Router();
  router.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: MAX_BODY }), (req, res) => {
    res.status(200).json({ status: 'ok' });
    try {
      intake(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.headers[SIGNATURE_HEADER]);
    } catch (error) {
      log.warn({ err: error }, 'webhook event could not be applied');
    }
  });
  // Oversized or unreadable bodies: still 200, or Netatmo counts a failure.
  const answerAnyway: ErrorRequestHandler = (_error, _req, res, _next) => {
    log.debug('webhook body unreadable: ignored');
    if (!res.headersSent) res.status(200).json({ status: 'ignored' });
  };
  router.use(WEBHOOK_PATH, answerAnyway);
  return router;
}
