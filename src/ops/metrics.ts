// GET /metrics: Prometheus text for the bridge (METRICS=on). Its own Registry (never prom-client's
// global one) so several bridges in one test process do not share counters. Everything is fed by
// BridgeEvents or read at scrape time; no label carries an id, a path or a secret, so the number
// of series stays bounded whatever the hubs send.
import express, { type Router } from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Feature } from '../core/feature.js';
import type { MetricsFeatureDeps } from './metrics-deps.js';
import { countBridgeEvents, eventCounters, type EventCounters } from './metric-events.js';
import { registerGauges } from './metric-gauges.js';

export interface BridgeMetrics {
  registry: Registry;
  /** The event-fed counters; they count once the feature starts (countBridgeEvents). */
  counters: EventCounters;
}

/** Builds the registry: default process metrics, the event-fed counters and the scrape-time gauges. */
export function createBridgeMetrics(context: MetricsFeatureDeps): BridgeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counters = eventCounters(registry);
  registerGauges(registry, context);
  return { registry, counters };
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
  const feature: Feature = {
    name: 'metrics',
    routes: { open: [metricsRouter(metrics.registry)] },
    // Subscribed at start, when its stop is due; the stop list removes the listeners by owner.
    start: () => countBridgeEvents(metrics.counters, context.events, feature),
  };
  return feature;
}
