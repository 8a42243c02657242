// The HTTP side of the bridge: the LAN state routes (with the express-free fast path for the hub's
// state poll), LAN bearer auth with its throttle, and every feature's routes, on one server.
import os from 'node:os';
import type { IncomingMessage } from 'node:http';
import type { Feature } from '../core/feature.js';
import type { HttpRequestRecord } from '../core/events.js';
import { allowedHosts } from '../http/allowed-hosts.js';
import { createHttpApp, listen, type RunningHttpServer } from '../http-server.js';
import { bearerAuth, isAuthorized, type BearerAuthOptions } from '../lan/auth.js';
import { AuthFailureThrottle, clientAddress } from '../lan/auth-throttle.js';
import { DRIVER_HEADER } from '../lan/driver-version.js';
import { fastGet } from '../lan/fast-path.js';
import { StateDocumentCache } from '../lan/state-document.js';
import { descriptionRouter, STATE_PATH, stateHandler, stateRouter, type StateRoutesOptions } from '../lan/state-routes.js';
import { moduleLogger } from '../util/logger.js';
import type { BridgeServices } from './services.js';

/** Listens on HOST:PORT with the state routes and the features' routes. */
export async function serveHttp(services: BridgeServices, features: readonly Feature[]): Promise<RunningHttpServer> {
  const { config, events } = services;
  const stateRoutes = stateRoutesOf(services);
  const lanAuthOptions = lanAuthOf(services);
  const recordRequest = (request: HttpRequestRecord): void => events.emit('lanRequest', request);
  const app = createHttpApp(
    {
      open: [descriptionRouter(stateRoutes), ...features.flatMap((f) => f.routes?.open ?? [])],
      lanAuth: bearerAuth(lanAuthOptions),
      lan: [stateRouter(stateRoutes), ...features.flatMap((f) => f.routes?.lan ?? [])],
    },
    moduleLogger(services.logger, 'http'),
    recordRequest,
  );
  // The hub's state poll skips express entirely when authorised (src/lan/fast-path.ts).
  const fastState = fastGet({ path: STATE_PATH, authorized: (req) => isAuthorized(req, lanAuthOptions), handler: stateHandler(stateRoutes), onAnswered: recordRequest });
  const allowHost = allowedHosts({ machineName: os.hostname(), publicUrl: config.publicUrl, allowed: config.allowedHosts });
  return listen(app, config.host, config.port, [fastState], { allowHost });
}

function stateRoutesOf(services: BridgeServices): StateRoutesOptions {
  const { state, hubs, now, monotonicNow } = services;
  const cache = new StateDocumentCache({
    revision: () => state.revision,
    homes: () => state.homes,
    health: () => services.netatmoHealth(),
    bridge: () => services.bridgeInfo(),
    now,
    monotonicNow,
  });
  return {
    cache,
    bridge: () => services.bridgeInfo(),
    port: () => services.httpPort(),
    // The socket address, not req.ip: no proxy parsing on the hottest path.
    onStateRead: (req: IncomingMessage) => hubs.recordPoll(req.socket.remoteAddress ?? 'unknown', req.headers['user-agent'], req.headers[DRIVER_HEADER]),
    longPolls: services.longPolls,
  };
}

function lanAuthOf(services: BridgeServices): BearerAuthOptions {
  const authThrottle = new AuthFailureThrottle({ now: services.monotonicNow });
  return {
    expectedToken: () => services.store.data.lanToken,
    // Repeated wrong tokens from one address get 429 (token guessing); see lan/auth-throttle.ts.
    throttle: (req) => authThrottle.check(clientAddress(req)),
    onFailure: (req) => authThrottle.record(clientAddress(req)),
  };
}
