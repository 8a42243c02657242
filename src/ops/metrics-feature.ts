// GET /metrics as a feature. prom-client (~6 MB resident) is loaded only when METRICS is on.
import type { Feature } from '../core/feature.js';
import type { MetricsFeatureDeps } from './metrics-deps.js';

export type { MetricsFeatureDeps } from './metrics-deps.js';

export async function metricsFeature(context: MetricsFeatureDeps): Promise<Feature> {
  if (!context.config.metrics) return { name: 'metrics' };
  const { createMetricsFeature } = await import('./metrics.js');
  return createMetricsFeature(context);
}
