// GET /metrics as a feature. prom-client (~6 MB resident) is loaded only when METRICS is on.
import type { BridgeContext, Feature } from '../context.js';

export async function metricsFeature(context: BridgeContext): Promise<Feature> {
  if (!context.config.metrics) return { name: 'metrics' };
  const { createMetricsFeature } = await import('./metrics.js');
  return createMetricsFeature(context);
}
