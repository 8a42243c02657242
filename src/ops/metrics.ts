// GET /metrics: Prometheus text for the bridge (METRICS=on). Its own Registry (never prom-client's
// global one) so several bridges in one test process do not share counters. Everything is fed by
// BridgeEvents or read at scrape time; no label carries an id, a path or a secret, so the number
// of series stays bounded whatever the hubs send.
import express, { type Router } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Feature } from '../core/feature.js';
import type { MetricsFeatureDeps } from './metrics-deps.js';
import type { NetatmoStatus } from '../model/types.js';

const NETATMO_STATUSES: readonly NetatmoStatus[] = ['starting', 'ok', 'degraded', 'down', 'auth_required', 'not_configured', 'moved'];

export interface BridgeMetrics {
  registry: Registry;
  /** Unsubscribes from the bridge events. */
  dispose(): void;
}

/** Builds the registry and wires it to the bridge's events (exported for tests). */
export function createBridgeMetrics(context: MetricsFeatureDeps): BridgeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const { events } = context;

  const netatmoRequests = new Counter({
    name: 'netatmo_requests_total',
    help: 'Requests to the Netatmo API by endpoint and outcome (ok or the error kind)',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [registry],
  });
  const netatmoDuration = new Histogram({
    name: 'netatmo_request_duration_seconds',
    help: 'Duration of Netatmo API requests',
    labelNames: ['endpoint'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const pollDuration = new Histogram({
    name: 'bridge_poll_duration_seconds',
    help: 'Duration of a poll (homestatus of every home, homesdata when due)',
    labelNames: ['result'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const tokenRefreshes = new Counter({ name: 'netatmo_token_refreshes_total', help: 'Successful Netatmo access token refreshes', registers: [registry] });
  const lanRequests = new Counter({
    name: 'bridge_http_requests_total',
    help: 'HTTP requests to the bridge (LAN API, pages) by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const smartthingsPushes = new Counter({
    name: 'smartthings_pushes_total',
    help: 'Pushes of capability events to SmartThings (SmartApp) by status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const smartthingsEvents = new Counter({
    name: 'smartthings_events_total',
    help: 'Capability events sent to SmartThings, by push status',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const watchdogActions = new Counter({
    name: 'bridge_watchdog_actions_total',
    help: 'Watchdog interventions: heartbeat restarts and abandoned polls',
    labelNames: ['action'] as const,
    registers: [registry],
  });

  // Read at scrape time: always the current value, nothing to keep in sync.
  new Gauge({
    name: 'netatmo_calls_last_hour',
    help: 'Netatmo calls in the rolling hour (counted against the bridge budget)',
    registers: [registry],
    collect() {
      this.set(context.budget.snapshot().callsLastHour);
    },
  });
  new Gauge({
    name: 'netatmo_budget_per_hour',
    help: 'The bridge budget of Netatmo calls per hour (Netatmo allows 500)',
    registers: [registry],
    collect() {
      this.set(context.budget.snapshot().budgetPerHour);
    },
  });
  new Gauge({
    name: 'bridge_data_age_seconds',
    help: 'Seconds since the last successful poll (NaN before the first one)',
    registers: [registry],
    collect() {
      const last = context.health.snapshot().lastSuccessAt;
      this.set(last === null ? Number.NaN : Math.max(0, (context.now() - Date.parse(last)) / 1000));
    },
  });
  new Gauge({
    name: 'netatmo_status',
    help: 'Netatmo connection status (1 for the current one)',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      const current = context.netatmoHealth().status;
      for (const status of NETATMO_STATUSES) this.set({ status }, status === current ? 1 : 0);
    },
  });
  new Gauge({
    name: 'bridge_state_revision',
    help: 'Revision of the state document served to hubs',
    registers: [registry],
    collect() {
      this.set(context.state.revision);
    },
  });
  new Gauge({
    name: 'bridge_info',
    help: 'Bridge version and whether the home is simulated',
    labelNames: ['version', 'simulated'] as const,
    registers: [registry],
    collect() {
      const info = context.bridgeInfo();
      this.set({ version: info.version, simulated: String(info.simulated) }, 1);
    },
  });

  const offs = [
    events.on('netatmoCall', (call) => {
      netatmoRequests.inc({ endpoint: call.endpoint, outcome: call.outcome });
      netatmoDuration.observe({ endpoint: call.endpoint }, call.durationMs / 1000);
    }),
    events.on('pollFinished', (result) => {
      const label = result.ok ? 'ok' : result.deferred ? 'deferred' : 'failed';
      pollDuration.observe({ result: label }, result.durationMs / 1000);
    }),
    events.on('tokenRefreshed', () => tokenRefreshes.inc()),
    events.on('lanRequest', (request) => {
      lanRequests.inc({ route: request.route, method: request.method, status: String(request.status) });
    }),
    events.on('smartthingsPush', (push) => {
      smartthingsPushes.inc({ status: push.status });
      smartthingsEvents.inc({ status: push.status }, push.events);
    }),
    events.on('watchdogAction', (action) => watchdogActions.inc({ action: action.action })),
  ];
  return { registry, dispose: () => offs.forEach((off) => off()) };
}

export function metricsRouter(registry: Registry): Router {
  const router = express.Router();
  router.get('/metrics', (_req, res, next) => {
    registry
      .metrics()
      .then((text) => {
        res.type(registry.contentType).send(text);
      })
      .catch(next);
  });
  return router;
}

/** The metrics feature: GET /metrics (no LAN auth, like /healthz); see metrics-feature.ts. */
export function createMetricsFeature(context: MetricsFeatureDeps): Feature {
  const metrics = createBridgeMetrics(context);
  return {
    name: 'metrics',
    routes: { open: [metricsRouter(metrics.registry)] },
    stop: () => metrics.dispose(),
  };
}
