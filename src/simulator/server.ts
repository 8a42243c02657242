// startSimulator(): wires the simulated Netatmo API together and listens on loopback only.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express, type Request, type Response } from 'express';
import { apiRouter } from './api-router.js';
import { CallLog } from './call-log.js';
import { recordCalls } from './call-recorder.js';
import { controlRouter } from './control-routes.js';
import { createFaultResponder, type FaultResponder } from './fault-responses.js';
import { FaultController } from './faults.js';
import { isLoopbackHost } from './loopback.js';
import { oauthRouter } from './oauth.js';
import { seededRandom } from './random.js';
import { RateLimiter } from './rate-limit.js';
import { SimClock } from './sim-clock.js';
import { TokenRegistry } from './tokens.js';
import type { RunningSimulator, SimulatorOptions } from './types.js';
import { webhookControlRouter } from './webhook-control.js';
import { WebhookSender } from './webhook-sender.js';
import { SimWorld } from './world.js';

const DEFAULT_LIMITS = { per10s: 50, perHour: 500 };

/** The simulator's moving parts, before any of them is reachable over HTTP. */
interface SimulatorParts {
  clock: SimClock;
  nowMs: () => number;
  seed: number;
  clientId: string;
  clientSecret: string;
  world: SimWorld;
  calls: CallLog;
  faults: FaultController;
  tokens: TokenRegistry;
  webhooks: WebhookSender;
  /** Answers a hang fault never sends; closed at stop. */
  hung: Set<Response>;
  respondToFault: FaultResponder;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`The Netatmo simulator only listens on loopback addresses, not "${host}"`);
  const parts = createParts(options);
  const app = simulatorApp(parts, options);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return runningSimulator(parts, server, `http://${urlHost}:${address.port}`);
}

function createParts(options: SimulatorOptions): SimulatorParts {
  const clock = new SimClock(options.clock ?? Date.now);
  const nowMs = () => clock.nowMs();
  const seed = options.seed ?? 1;
  const clientSecret = options.clientSecret ?? 'sim-client-secret';
  const calls = new CallLog();
  const hung = new Set<Response>();
  return {
    clock,
    nowMs,
    seed,
    clientId: options.clientId ?? 'sim-client-id',
    clientSecret,
    world: new SimWorld(clock, seed, seededRandom(seed), options.scenario ?? 'demo', options.measurements),
    calls,
    faults: new FaultController(nowMs),
    tokens: new TokenRegistry(nowMs, options.accessTokenTtlS ?? 10_800),
    webhooks: new WebhookSender(calls, nowMs, clientSecret),
    hung,
    respondToFault: createFaultResponder(hung),
  };
}

function simulatorApp(parts: SimulatorParts, options: SimulatorOptions): Express {
  const { clientId, clientSecret, tokens, faults, respondToFault, nowMs, world, seed, webhooks, calls, clock } = parts;
  const rateLimiter = new RateLimiter(options.rateLimits === undefined ? DEFAULT_LIMITS : options.rateLimits, nowMs);
  // A separate stream for time_exec so request counts never shift ids of rooms added later.
  const envelopeRandom = seededRandom(seed ^ 0x5eed);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(recordCalls(calls, nowMs));
  app.use(oauthRouter({ clientId, clientSecret, tokens, faults, respondToFault, nowMs }));
  app.use(apiRouter({ world, seed, random: envelopeRandom, nowMs, tokens, faults, respondToFault, rateLimiter, webhooks }));
  app.use(controlRouter({ world, faults, calls, tokens, webhooks, clock }));
  app.use(webhookControlRouter(webhooks));
  app.use((_req: Request, res: Response) => {
    res.status(404).type('text').send('Not found');
  });
  return app;
}

function runningSimulator(parts: SimulatorParts, server: Server, url: string): RunningSimulator {
  const { clientId, clientSecret, tokens, world, faults, calls, webhooks, clock, hung } = parts;
  let stopped = false;
  return {
    url,
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
