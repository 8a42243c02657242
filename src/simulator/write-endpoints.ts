// Write endpoints and webhook registration (docs/netatmo.md). Each successful
// write posts its webhook events after the answer is on its way.
// The write_errors fault answers the way Netatmo reports a partial failure: HTTP 200, status ok,
// and `body.errors` naming what was not done (shape of pyatmo's capture
// fixtures/archive/camera_set_state_error_already_on.json); nothing changes then.
import { replyOk, type ApiContext, type EndpointDef } from './api-context.js';
import { errors, sendBody } from './envelopes.js';
import { isLoopbackUrl } from './loopback.js';
import { activationEvent, type WebhookEvent } from './webhook-events.js';
import { setRoomThermPoint, setState, setThermMode, switchHomeSchedule } from './world-commands.js';

const WRITE_METHODS = ['POST'];
const DEFAULT_REFUSAL = { code: 21, message: 'Invalid value' };

type WorldWrite = (ctx: ApiContext) => WebhookEvent[];

/** What the refused write named: its rooms (setroomthermpoint / setstate), else its home. */
function refusedIds(ctx: ApiContext): string[] {
  if (ctx.params.room_id) return [ctx.params.room_id];
  const home = (ctx.body as { home?: { id?: unknown; rooms?: unknown } } | undefined)?.home;
  if (home && Array.isArray(home.rooms)) {
    const ids = home.rooms.map((room: unknown) => (room as { id?: unknown } | null)?.id).filter((id) => typeof id === 'string' || typeof id === 'number');
    if (ids.length > 0) return ids.map(String);
  }
  return [ctx.params.home_id ?? (typeof home?.id === 'string' ? home.id : '')];
}

function answerPartialFailure(ctx: ApiContext): void {
  ctx.res.locals.fault = 'write_errors';
  const code = ctx.fault?.netatmoCode ?? DEFAULT_REFUSAL.code;
  const message = ctx.fault?.netatmoMessage ?? DEFAULT_REFUSAL.message;
  const homeId = ctx.params.home_id ?? (ctx.body as { home?: { id?: unknown } } | undefined)?.home?.id;
  sendBody(ctx.res, ctx.envelope, { home: { id: typeof homeId === 'string' ? homeId : '' }, errors: refusedIds(ctx).map((id) => ({ code, message, id })) });
}

function write(apply: WorldWrite): (ctx: ApiContext) => void {
  return (ctx) => {
    if (ctx.fault?.kind === 'write_errors') return answerPartialFailure(ctx);
    const events = apply(ctx);
    replyOk(ctx);
    ctx.webhooks.send(events);
  };
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
  setroomthermpoint: { scope: 'write_thermostat', methods: WRITE_METHODS, handle: write((ctx) => setRoomThermPoint(ctx.world, ctx.params, ctx.nowS)) },
  setthermmode: { scope: 'write_thermostat', methods: WRITE_METHODS, handle: write((ctx) => setThermMode(ctx.world, ctx.params, ctx.nowS)) },
  switchhomeschedule: { scope: 'write_thermostat', methods: WRITE_METHODS, handle: write((ctx) => switchHomeSchedule(ctx.world, ctx.params)) },
  setstate: { scope: 'write_thermostat', methods: WRITE_METHODS, handle: write((ctx) => setState(ctx.world, ctx.body, ctx.nowS)) },
  addwebhook: { scope: undefined, methods: WRITE_METHODS, handle: addwebhook },
  dropwebhook: { scope: undefined, methods: WRITE_METHODS, handle: dropwebhook },
};
