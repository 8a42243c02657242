// startSimulator(): wires the simulated Netatmo API together and listens on loopback only.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { apiRouter } from './api-router.js';
import { CallLog } from './call-log.js';
import { controlRouter } from './control-routes.js';
import { createFaultResponder } from './fault-responses.js';
import { FaultController } from './faults.js';
import { isLoopbackHost } from './loopback.js';
import { oauthRouter } from './oauth.js';
import { seededRandom } from './random.js';
import { RateLimiter } from './rate-limit.js';
import { SimClock } from './sim-clock.js';
import { TokenRegistry } from './tokens.js';
import type { FaultKind, RunningSimulator, SimulatorOptions } from './types.js';
import { webhookControlRouter } from './webhook-control.js';
import { WebhookSender } from './webhook-sender.js';
import { SimWorld } from './world.js';

const DEFAULT_LIMITS = { per10s: 50, perHour: 500 };

function paramsOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  const fromBody = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return { ...(req.query as Record<string, unknown>), ...fromBody };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`The Netatmo simulator only listens on loopback addresses, not "${host}"`);
  const clock = new SimClock(options.clock ?? Date.now);
  const nowMs = () => clock.nowMs();
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  // A separate stream for time_exec so request counts never shift ids of rooms added later.
  const envelopeRandom = seededRandom(seed ^ 0x5eed);
  const clientId = options.clientId ?? 'sim-client-id';
  const clientSecret = options.clientSecret ?? 'sim-client-secret';

  const world = new SimWorld(clock, seed, random, options.scenario ?? 'demo', options.measurements);
  const calls = new CallLog();
  const faults = new FaultController(nowMs);
  const tokens = new TokenRegistry(nowMs, options.accessTokenTtlS ?? 10_800);
  const rateLimiter = new RateLimiter(options.rateLimits === undefined ? DEFAULT_LIMITS : options.rateLimits, nowMs);
  const webhooks = new WebhookSender(calls, nowMs, clientSecret);
  const hung = new Set<Response>();
  const respondToFault = createFaultResponder(hung);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Record every request once its answer is finished (or the socket closes for a hang).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const at = nowMs();
    let recorded = false;
    const record = () => {
      if (recorded || String(req.path).startsWith('/__sim')) return;
      recorded = true;
      const errorCode = res.locals.errorCode as number | string | undefined;
      const fault = res.locals.fault as FaultKind | undefined;
      calls.add({
        at,
        endpoint: (res.locals.endpoint as string | undefined) ?? req.path,
        method: req.method,
        params: paramsOf(req),
        httpStatus: res.writableFinished ? res.statusCode : 0,
        ...(errorCode !== undefined ? { errorCode } : {}),
        ...(fault ? { fault } : {}),
      });
    };
    res.on('finish', record);
    res.on('close', record);
    next();
  });
  app.use(oauthRouter({ clientId, clientSecret, tokens, faults, respondToFault, nowMs }));
  app.use(apiRouter({ world, seed, random: envelopeRandom, nowMs, tokens, faults, respondToFault, rateLimiter, webhooks }));
  app.use(controlRouter({ world, faults, calls, tokens, webhooks, clock }));
  app.use(webhookControlRouter(webhooks));
  app.use((_req: Request, res: Response) => {
    res.status(404).type('text').send('Not found');
  });

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let stopped = false;

  return {
    url: `http://${urlHost}:${address.port}`,
    clientId,
    clientSecret,
    issueRefreshToken: () => tokens.issueRefreshToken(),
    world,
    faults,
    calls,
    webhooks: { registered: () => webhooks.registered(), deliver: (event, deliveryOptions) => webhooks.deliver(event, deliveryOptions) },
    expireAccessTokens: () => tokens.expireAllAccessTokens(),
    revokeRefreshTokens: () => tokens.revokeAllRefreshTokens(),
    jumpClock: (ms) => {
      clock.jump(ms);
      return clock.nowMs();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      webhooks.stop();
      faults.release();
      for (const res of hung) res.socket?.destroy();
      hung.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
