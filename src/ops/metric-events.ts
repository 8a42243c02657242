// The counters and histograms of GET /metrics, fed by the bridge's events. No label carries an id,
// a path or a secret, so the number of series stays bounded whatever the hubs send.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { BridgeEventBus } from '../core/events.js';
import type { ListenerOwner } from '../util/typed-events.js';

export type EventCounters = ReturnType<typeof eventCounters>;

/** Registers the event-fed metrics in `registry` (counting starts with countBridgeEvents). */
export function eventCounters(registry: Registry) {
  return {
    ...netatmoCounters(registry),
    ...bridgeCounters(registry),
  };
}

/**
 * Feeds the counters from the bridge's events, each listener registered for `owner`: the stop list
 * removes them with the owner's other listeners (removeAll), so nothing is kept here to undo.
 */
export function countBridgeEvents(count: EventCounters, events: Pick<BridgeEventBus, 'on'>, owner: ListenerOwner): void {
  events.on(
    'netatmoCall',
    (call) => {
      count.netatmoRequests.inc({ endpoint: call.endpoint, outcome: call.outcome });
      count.netatmoDuration.observe({ endpoint: call.endpoint }, call.durationMs / 1000);
    },
    owner,
  );
  events.on(
    'pollFinished',
    (result) => {
      const label = result.ok ? 'ok' : result.deferred ? 'deferred' : 'failed';
      count.pollDuration.observe({ result: label }, result.durationMs / 1000);
    },
    owner,
  );
  events.on('tokenRefreshed', () => count.tokenRefreshes.inc(), owner);
  events.on('lanRequest', (request) => count.lanRequests.inc({ route: request.route, method: request.method, status: String(request.status) }), owner);
  events.on(
    'smartthingsPush',
    (push) => {
      count.smartthingsPushes.inc({ status: push.status });
      count.smartthingsEvents.inc({ status: push.status }, push.events);
    },
    owner,
  );
  events.on('watchdogAction', (action) => count.watchdogActions.inc({ action: action.action }), owner);
}

function netatmoCounters(registry: Registry) {
  return {
    netatmoRequests: new Counter({
      name: 'netatmo_requests_total',
      help: 'Requests to the Netatmo API by endpoint and outcome (ok or the error kind)',
      labelNames: ['endpoint', 'outcome'] as const,
      registers: [registry],
    }),
    netatmoDuration: new Histogram({
      name: 'netatmo_request_duration_seconds',
      help: 'Duration of Netatmo API requests',
      labelNames: ['endpoint'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    pollDuration: new Histogram({
      name: 'bridge_poll_duration_seconds',
      help: 'Duration of a poll (homestatus of every home, homesdata when due)',
      labelNames: ['result'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    tokenRefreshes: new Counter({ name: 'netatmo_token_refreshes_total', help: 'Successful Netatmo access token refreshes', registers: [registry] }),
  };
}

function bridgeCounters(registry: Registry) {
  return {
    lanRequests: new Counter({
      name: 'bridge_http_requests_total',
      help: 'HTTP requests to the bridge (LAN API, pages) by route pattern, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
    smartthingsPushes: new Counter({
      name: 'smartthings_pushes_total',
      help: 'Pushes of capability events to SmartThings (SmartApp) by status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    smartthingsEvents: new Counter({
      name: 'smartthings_events_total',
      help: 'Capability events sent to SmartThings, by push status',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    watchdogActions: new Counter({
      name: 'bridge_watchdog_actions_total',
      help: 'Watchdog interventions: heartbeat restarts and abandoned polls',
      labelNames: ['action'] as const,
      registers: [registry],
    }),
  };
}
