// GET /metrics: Prometheus text for the bridge (METRICS=on). Its own Registry (never prom-client's
// global one) so several bridges in one test process do not share counters. Everything is fed by
// BridgeEvents or read at scrape time; no label carries an id, a path or a secret, so the number
// of series stays bounded whatever the hubs send.
import express, { type Router } from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Feature } from '../core/feature.js';
import type { MetricsFeatureDeps } from './metrics-deps.js';
import { countBridgeEvents } from './metric-events.js';
import { registerGauges } from './metric-gauges.js';

export interface BridgeMetrics {
  registry: Registry;
  /** Unsubscribes from the bridge events. */
  dispose(): void;
}

/** Builds the registry and wires it to the bridge's events (exported for tests). */
export function createBridgeMetrics(context: MetricsFeatureDeps): BridgeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const stopCounting = countBridgeEvents(registry, context.events);
  registerGauges(registry, context);
  return { registry, dispose: stopCounting };
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
