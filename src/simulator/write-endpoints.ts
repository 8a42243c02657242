// Write endpoints and webhook registration (reference §3.3–3.5, §3.9, §6.1). Each successful
// write posts its webhook events after the answer is on its way.
import { replyOk, type ApiContext, type EndpointDef } from './api-context.js';
import { errors } from './envelopes.js';
import { isLoopbackUrl } from './loopback.js';
import { activationEvent, type WebhookEvent } from './webhook-events.js';
import { setRoomThermPoint, setState, setThermMode, switchHomeSchedule } from './world-commands.js';

const WRITE_METHODS = ['POST'];

function answerAndNotify(ctx: ApiContext, events: WebhookEvent[]): void {
  replyOk(ctx);
  ctx.webhooks.send(events);
}

function addwebhook(ctx: ApiContext): void {
  const url = ctx.params.url;
  if (!url) throw errors.missing('Missing url');
  // Deliveries stay on this machine: any other address is refused.
  if (!isLoopbackUrl(url)) throw errors.invalid('Invalid url: the simulator only calls loopback addresses');
  ctx.webhooks.register(url);
  replyOk(ctx);
  ctx.webhooks.send([activationEvent()], url);
}

function dropwebhook(ctx: ApiContext): void {
  ctx.webhooks.dropAll();
  replyOk(ctx);
}

export const writeEndpoints: Record<string, EndpointDef> = {
  setroomthermpoint: { scope: 'write_thermostat', methods: WRITE_METHODS, handle: (ctx) => answerAndNotify(ctx, setRoomThermPoint(ctx.world, ctx.params, ctx.nowS)) },
  setthermmode: { scope: 'write_thermostat', methods: WRITE_METHODS, handle: (ctx) => answerAndNotify(ctx, setThermMode(ctx.world, ctx.params, ctx.nowS)) },
  switchhomeschedule: { scope: 'write_thermostat', methods: WRITE_METHODS, handle: (ctx) => answerAndNotify(ctx, switchHomeSchedule(ctx.world, ctx.params)) },
  setstate: { scope: 'write_thermostat', methods: WRITE_METHODS, handle: (ctx) => answerAndNotify(ctx, setState(ctx.world, ctx.body, ctx.nowS)) },
  addwebhook: { scope: undefined, methods: WRITE_METHODS, handle: addwebhook },
  dropwebhook: { scope: undefined, methods: WRITE_METHODS, handle: dropwebhook },
};
