// What an endpoint handler gets: the world, the merged parameters and answer helpers.
import type { Response } from 'express';
import type { EnvelopeContext } from './envelopes.js';
import { sendBody, sendWriteOk } from './envelopes.js';
import type { FaultSpec } from './types.js';
import type { WebhookSender } from './webhook-sender.js';
import type { Params } from './world-commands.js';
import type { SimWorld } from './world.js';

export interface ApiContext {
  world: SimWorld;
  seed: number;
  nowMs: number;
  nowS: number;
  /** Query and form parameters merged; repeated keys joined with commas. */
  params: Params;
  /** The parsed body as sent (JSON for setstate). */
  body: unknown;
  fault: FaultSpec | undefined;
  webhooks: WebhookSender;
  envelope: EnvelopeContext;
  res: Response;
}

export interface EndpointDef {
  scope: 'read_thermostat' | 'write_thermostat' | undefined;
  methods: string[];
  handle(ctx: ApiContext): void;
}

export function replyBody(ctx: ApiContext, body: unknown): void {
  sendBody(ctx.res, ctx.envelope, body);
}

export function replyOk(ctx: ApiContext): void {
  sendWriteOk(ctx.res, ctx.envelope);
}

/** Flattens query + form values to strings, the way Netatmo reads them. */
export function mergeParams(...sources: unknown[]): Params {
  const out: Params = {};
  for (const source of sources) {
    if (!source || typeof source !== 'object' || Array.isArray(source)) continue;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (typeof value === 'string') out[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
      else if (Array.isArray(value)) out[key] = value.filter((v) => typeof v === 'string' || typeof v === 'number').join(',');
    }
  }
  return out;
}
