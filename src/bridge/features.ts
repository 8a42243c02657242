// The product's features in start order, and how each gets its services. A feature factory
// declares its own narrow `…Deps` interface; the composition root passes the bridge's services,
// of which the factory's type lets it see only what it declared.
import type { Feature, FeatureFactory } from '../core/feature.js';
import { lanApiFeature } from '../lan/feature.js';
import { ssdpFeature } from '../lan/ssdp.js';
import { localControlFeature } from '../local/feature.js';
import { metricsFeature } from '../ops/metrics-feature.js';
import { watchdogFeature } from '../ops/watchdog.js';
import { smartAppFeature } from '../smartthings/feature.js';
import { installedSmartAppIds } from '../smartthings/installations.js';
import { netatmoWebhookFeature } from '../webhook/feature.js';
import { webFeature } from '../web/index.js';
import type { BridgeServices } from './services.js';

/** A factory the composition root can call: it needs no more than the bridge's services. */
export type BridgeFeatureFactory = FeatureFactory<BridgeServices>;

/** The product's features in start order; issues add theirs here. */
export function defaultFeatures(): BridgeFeatureFactory[] {
  return [metricsFeature, watchdogFeature, lanApiFeature, webFeature, localControlFeature, webhook, smartAppFeature, ssdpFeature];
}

const webhook: BridgeFeatureFactory = (s) =>
  netatmoWebhookFeature({
    config: s.config,
    logger: s.logger,
    api: s.api,
    tokens: s.tokens,
    state: s.state,
    poller: s.poller,
    events: s.events,
    installedSmartApps: () => installedSmartAppIds(s.store.data).length,
    now: s.now,
  });

/** Runs the factories in order (construction only: nothing starts or subscribes yet). */
export async function createFeatures(services: BridgeServices, factories: readonly BridgeFeatureFactory[]): Promise<Feature[]> {
  const features: Feature[] = [];
  for (const factory of factories) features.push(await factory(services));
  return features;
}
