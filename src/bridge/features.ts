// The product's features in start order, and what each is handed. A feature factory declares its
// own narrow `…Deps` interface; `only(keys, factory)` hands it exactly those members of the
// bridge's services (the compiler checks the list covers what the factory declared).
import type { Feature, FeatureFactory } from '../core/feature.js';
import { lanApiFeature } from '../lan/feature.js';
import { ssdpFeature } from '../lan/ssdp.js';
import { localControlFeature } from '../local/feature.js';
import { metricsFeature } from '../ops/metrics-feature.js';
import { watchdogFeature } from '../ops/watchdog.js';
import { smartAppFeature } from '../smartthings/feature.js';
import { installedSmartAppIds } from '../smartthings/installations.js';
import { webFeature } from '../web/index.js';
import { netatmoWebhookFeature } from '../webhook/feature.js';
import type { BridgeServices } from './services.js';

/** A factory the composition root can call: it needs no more than the bridge's services. */
export type BridgeFeatureFactory = FeatureFactory<BridgeServices>;

/** Hands `factory` only the listed services. */
function only<K extends keyof BridgeServices>(keys: readonly K[], factory: FeatureFactory<Pick<BridgeServices, K>>): BridgeFeatureFactory {
  return (services) => factory(Object.fromEntries(keys.map((key) => [key, services[key]])) as Pick<BridgeServices, K>);
}

const CORE = ['config', 'logger', 'now'] as const;
const LIVE_BUNDLE = [...CORE, 'store', 'state', 'hubs', 'recorder', 'bridgeInfo', 'netatmoHealth'] as const;
const MOVING = ['logger', 'simulator', 'tokens', 'bridgeInfo', 'requestRestart', 'now'] as const;

const metrics = only([...CORE, 'events', 'state', 'budget', 'health', 'bridgeInfo', 'netatmoHealth'], metricsFeature);
const watchdog = only([...CORE, 'poller', 'heartbeat', 'events', 'monotonicNow'], watchdogFeature);
const lanApi = only(['pairing', 'hubs', 'store', 'commands'], lanApiFeature);
const web = only([...LIVE_BUNDLE, ...MOVING, 'realStore', 'health', 'budget', 'api', 'poller', 'pairing', 'httpPort'], webFeature);
const localControl = only([...LIVE_BUNDLE, ...MOVING, 'realStore', 'httpPort'], localControlFeature);
const smartApp = only([...CORE, 'store', 'state', 'poller', 'tokens', 'api', 'commands', 'events', 'netatmoHealth', 'hubLinked', 'httpPort'], smartAppFeature);
const ssdp = only([...CORE, 'bridgeInfo', 'httpPort'], ssdpFeature);
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

/** The product's features in start order; issues add theirs here. */
export function defaultFeatures(): BridgeFeatureFactory[] {
  return [metrics, watchdog, lanApi, web, localControl, webhook, smartApp, ssdp];
}

/** Runs the factories in order (construction only: nothing starts or subscribes yet). */
export async function createFeatures(services: BridgeServices, factories: readonly BridgeFeatureFactory[]): Promise<Feature[]> {
  const features: Feature[] = [];
  for (const factory of factories) features.push(await factory(services));
  return features;
}
