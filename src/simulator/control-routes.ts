// /__sim/*: control surface for end-to-end tests written in other languages (Lua driver tests,
// browser tests). Mounted at the root, never under /api.
import express, { type Request, type Response, type Router } from 'express';
import type { CallLog } from './call-log.js';
import type { FaultController } from './faults.js';
import { FAULT_KINDS } from './faults.js';
import type { SimClock } from './sim-clock.js';
import type { TokenRegistry } from './tokens.js';
import type { FaultKind, FaultSpec } from './types.js';
import type { WebhookSender } from './webhook-sender.js';
import type { SimWorld } from './world.js';

export interface ControlDeps {
  world: SimWorld;
  faults: FaultController;
  calls: CallLog;
  tokens: TokenRegistry;
  webhooks: WebhookSender;
  clock: SimClock;
}

function parseFault(body: unknown): FaultSpec | string {
  if (!body || typeof body !== 'object') return 'expected a JSON object';
  const input = body as Record<string, unknown>;
  if (typeof input.kind !== 'string' || !FAULT_KINDS.includes(input.kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  const spec: FaultSpec = { kind: input.kind as FaultKind };
  if (Array.isArray(input.endpoints)) spec.endpoints = input.endpoints.filter((e): e is string => typeof e === 'string');
  if (typeof input.count === 'number' && input.count > 0) spec.count = input.count;
  if (typeof input.durationMs === 'number' && input.durationMs > 0) spec.durationMs = input.durationMs;
  if (input.httpStatus === 500 || input.httpStatus === 502 || input.httpStatus === 503 || input.httpStatus === 504) spec.httpStatus = input.httpStatus;
  if (Array.isArray(input.homeIds)) spec.homeIds = input.homeIds.filter((e): e is string => typeof e === 'string');
  if (input.errorCode === 9 || input.errorCode === 13 || input.errorCode === 21) spec.errorCode = input.errorCode;
  else if (input.errorCode !== undefined) return 'errorCode must be 9, 13 or 21';
  if (typeof input.netatmoCode === 'number' && Number.isInteger(input.netatmoCode)) spec.netatmoCode = input.netatmoCode;
  if (typeof input.netatmoMessage === 'string') spec.netatmoMessage = input.netatmoMessage.slice(0, 200);
  return spec;
}

export function controlRouter(deps: ControlDeps): Router {
  const router = express.Router();
  router.use('/__sim', express.json());
  addFaultRoutes(router, deps);
  addWorldRoutes(router, deps);
  addTokenRoutes(router, deps);
  return router;
}

/** Inject, list, clear and release faults. */
function addFaultRoutes(router: Router, deps: ControlDeps): void {
  router.post('/__sim/faults', (req: Request, res: Response) => {
    const spec = parseFault(req.body);
    if (typeof spec === 'string') {
      res.status(400).json({ error: spec });
      return;
    }
    res.status(201).json({ id: deps.faults.inject(spec) });
  });
  router.delete('/__sim/faults', (_req: Request, res: Response) => {
    deps.faults.clear();
    res.status(204).end();
  });
  router.get('/__sim/faults', (_req: Request, res: Response) => {
    res.json({ faults: deps.faults.active(), held: deps.faults.heldCount() });
  });
  // Lets every request a `hold` fault is holding go on.
  router.post('/__sim/faults/release', (_req: Request, res: Response) => {
    deps.faults.release();
    res.status(204).end();
  });
}

/** What the simulator saw and holds, and its clock. */
function addWorldRoutes(router: Router, deps: ControlDeps): void {
  router.get('/__sim/calls', (req: Request, res: Response) => {
    const endpoint = typeof req.query.endpoint === 'string' ? req.query.endpoint : undefined;
    res.json({ calls: deps.calls.list({ endpoint }) });
  });
  router.get('/__sim/state', (_req: Request, res: Response) => {
    res.json({ ...(deps.world.snapshot() as object), tokens: deps.tokens.counts(), webhooks: deps.webhooks.registered() });
  });
  router.post('/__sim/advance', (req: Request, res: Response) => {
    const ms = (req.body as { ms?: unknown } | undefined)?.ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      res.status(400).json({ error: 'ms must be a non-negative number' });
      return;
    }
    deps.world.advance(ms);
    res.json({ now: deps.world.now() });
  });
  // A clock step either way (NTP correction, clock set by hand): {jumpMs}, negative = backwards.
  router.post('/__sim/clock', (req: Request, res: Response) => {
    const jumpMs = (req.body as { jumpMs?: unknown } | undefined)?.jumpMs;
    if (typeof jumpMs !== 'number' || !Number.isFinite(jumpMs)) {
      res.status(400).json({ error: 'jumpMs must be a finite number (negative steps the clock back)' });
      return;
    }
    deps.clock.jump(jumpMs);
    res.json({ now: deps.clock.nowMs() });
  });
}

/** Tokens as a test needs them: a fresh refresh token, every access token expired, every refresh token revoked. */
function addTokenRoutes(router: Router, deps: ControlDeps): void {
  // A refresh token as the dev portal's generator would give (only ever over loopback).
  router.post('/__sim/refresh-token', (_req: Request, res: Response) => {
    res.status(201).json({ refresh_token: deps.tokens.issueRefreshToken() });
  });
  router.post('/__sim/tokens/expire', (_req: Request, res: Response) => {
    deps.tokens.expireAllAccessTokens();
    res.status(204).end();
  });
  router.post('/__sim/tokens/revoke', (_req: Request, res: Response) => {
    deps.tokens.revokeAllRefreshTokens();
    res.status(204).end();
  });
}
