// POST /__sim/webhooks/deliver: end-to-end tests in other languages post an event of their own to
// the registered webhook URLs (or one loopback URL), signed, unsigned or wrongly signed.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { WebhookSender } from './webhook-sender.js';

const deliverySchema = z.strictObject({
  event: z.record(z.string(), z.unknown()),
  signature: z.enum(['valid', 'wrong', 'none']).optional(),
  url: z.string().max(2048).optional(),
});

export function webhookControlRouter(webhooks: WebhookSender): Router {
  const router = express.Router();
  router.post('/__sim/webhooks/deliver', express.json(), async (req: Request, res: Response) => {
    const parsed = deliverySchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'expected {event: object, signature?: "valid"|"wrong"|"none", url?: string}' });
      return;
    }
    try {
      const { event, signature, url } = parsed.data;
      res.json({ deliveries: await webhooks.deliver(event, { ...(signature ? { signature } : {}), ...(url ? { url } : {}) }) });
    } catch (error) {
      res.status(400).json({ error: error instanceof Error ? error.message : 'delivery refused' });
    }
  });
  return router;
}
