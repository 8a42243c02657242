// Read endpoints: homesdata, homestatus, getroommeasure (docs/netatmo.md#endpoints-and-envelopes).
import { replyBody, type ApiContext, type EndpointDef } from './api-context.js';
import { errors, sendBodylessOk } from './envelopes.js';
import { roomMeasureBody } from './room-measure.js';
import { homeStatusBody } from './status-view.js';
import { homesDataBody } from './topology-view.js';
import type { SimHome } from './world-types.js';

const READ_METHODS = ['GET', 'POST'];

function requireHome(ctx: ApiContext): SimHome {
  const homeId = ctx.params.home_id;
  if (!homeId) throw errors.missing('Missing home_id');
  const home = ctx.world.findHome(homeId);
  if (!home) throw errors.invalidId();
  return home;
}

function homesdata(ctx: ApiContext): void {
  const homeId = ctx.params.home_id;
  let homes = ctx.world.homes;
  if (homeId) {
    homes = homes.filter((h) => h.id === homeId);
    if (homes.length === 0) throw errors.invalidId();
  }
  replyBody(ctx, homesDataBody(homes));
}

function homestatus(ctx: ApiContext): void {
  const home = requireHome(ctx);
  if (home.modules.length === 0) {
    // A home without any module: status ok and no body at all (Home Assistant's capture
    // tests/components/netatmo/fixtures/homestatus_111111111111111111111401.json).
    sendBodylessOk(ctx.res, ctx.envelope);
    return;
  }
  if (ctx.fault?.kind === 'relay_offline') {
    const relay = home.modules.find((m) => m.type === 'NAPlug' || m.type === 'OTH');
    replyBody(ctx, { errors: [{ code: 6, id: relay?.id ?? home.id }], home: { id: home.id } });
    return;
  }
  const body = homeStatusBody(ctx.world, home, ctx.nowMs);
  const deviceTypes = ctx.params.device_types?.split(',').map((t) => t.trim()).filter(Boolean);
  const statusHome = body.home as { modules?: { type: string }[] } | undefined;
  if (deviceTypes && deviceTypes.length > 0 && statusHome?.modules) {
    statusHome.modules = statusHome.modules.filter((m) => deviceTypes.includes(m.type));
  }
  replyBody(ctx, body);
}

function getroommeasure(ctx: ApiContext): void {
  const home = requireHome(ctx);
  replyBody(ctx, roomMeasureBody(ctx.seed, home, ctx.params, ctx.nowS));
}

export const readEndpoints: Record<string, EndpointDef> = {
  homesdata: { scope: 'read_thermostat', methods: READ_METHODS, handle: homesdata },
  homestatus: { scope: 'read_thermostat', methods: READ_METHODS, handle: homestatus },
  getroommeasure: { scope: 'read_thermostat', methods: READ_METHODS, handle: getroommeasure },
};
