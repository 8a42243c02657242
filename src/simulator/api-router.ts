// /api/<method>: endpoint lookup, faults, bearer check, per-user rate limit, scope, then the
// handler — in the order a client would notice them on the real service.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { mergeParams, type EndpointDef } from './api-context.js';
import { NetatmoApiError, errors, sendApiError, type EnvelopeContext } from './envelopes.js';
import type { FaultResponder } from './fault-responses.js';
import type { FaultController } from './faults.js';
import type { Random } from './random.js';
import type { RateLimiter } from './rate-limit.js';
import { readEndpoints } from './read-endpoints.js';
import type { TokenRegistry } from './tokens.js';
import type { WebhookSender } from './webhook-sender.js';
import { writeEndpoints } from './write-endpoints.js';
import type { SimWorld } from './world.js';

export interface ApiDeps {
  world: SimWorld;
  seed: number;
  random: Random;
  nowMs: () => number;
  tokens: TokenRegistry;
  faults: FaultController;
  respondToFault: FaultResponder;
  rateLimiter: RateLimiter;
  webhooks: WebhookSender;
}

const ENDPOINTS: Record<string, EndpointDef> = { ...readEndpoints, ...writeEndpoints };

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}

/** The home a request is about (query, form or setstate's JSON body), for per-home faults. */
function homeIdOf(req: Request): string | undefined {
  const params = mergeParams(req.query, req.body);
  if (params.home_id) return params.home_id;
  const home = (req.body as { home?: { id?: unknown } } | undefined)?.home;
  return typeof home?.id === 'string' ? home.id : undefined;
}

export function apiRouter(deps: ApiDeps): Router {
  const router = express.Router();
  router.use('/api', express.urlencoded({ extended: false }), express.json({ type: ['application/json', 'text/json'] }));

  router.all('/api/:name', async (req: Request, res: Response) => {
    const name = String(req.params.name);
    res.locals.endpoint = name;
    const endpoint = ENDPOINTS[name];
    if (!endpoint) return sendApiError(res, errors.methodNotFound());
    if (!endpoint.methods.includes(req.method)) return sendApiError(res, new NetatmoApiError(405, 31, 'Method not allowed'));

    const fault = deps.faults.take(name, homeIdOf(req));
    if (fault?.kind === 'hold') await deps.faults.waitForRelease();
    else if (fault && deps.respondToFault(fault, req, res)) return;

    const token = bearerToken(req);
    if (!token) return sendApiError(res, errors.missingToken());
    const access = deps.tokens.checkAccess(token);
    if (!access.ok) return sendApiError(res, access.reason === 'expired' ? errors.expiredToken() : errors.invalidToken());
    const nowMs = deps.nowMs();
    if (!deps.rateLimiter.tryTake(access.lineage)) return sendApiError(res, errors.userUsage());
    if (endpoint.scope && !access.scope.includes(endpoint.scope)) return sendApiError(res, errors.scope());

    if (fault?.kind === 'relay_offline') res.locals.fault = fault.kind;
    deps.world.catchUp(nowMs);
    const envelope: EnvelopeContext = { nowS: Math.floor(nowMs / 1000), random: deps.random };
    try {
      endpoint.handle({
        world: deps.world,
        seed: deps.seed,
        nowMs,
        nowS: envelope.nowS,
        params: mergeParams(req.query, req.body),
        body: req.body as unknown,
        fault,
        webhooks: deps.webhooks,
        envelope,
        res,
      });
    } catch (error) {
      sendApiError(res, error instanceof NetatmoApiError ? error : errors.internal('Internal error'));
    }
  });

  router.use('/api', (_req: Request, res: Response) => {
    res.locals.endpoint = 'unknown';
    sendApiError(res, errors.methodNotFound());
  });

  // Body parser failures (bad JSON) answer like Netatmo does, not with express's HTML page.
  router.use('/api', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    sendApiError(res, status === 400 ? errors.invalidJson() : errors.internal('Internal error'));
  });

  return router;
}
