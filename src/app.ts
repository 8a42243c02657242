// Composition root: the one place that wires a bridge. It builds the services (src/bridge/build.ts),
// the features (src/bridge/features.ts) and the HTTP server (src/bridge/http.ts), starts them in
// order (data file → Netatmo → state → features built → HTTP listens → features start → poller)
// and stops them through ONE ordered list (src/bridge/stop-plan.ts): HTTP stops accepting before any
// feature stops. No process handling here (signals, exit codes: src/main.ts), so tests can start
// and stop whole bridges in-process.
import type { Config } from './config/index.js';
import type { BridgeEvents } from './core/events.js';
import type { Feature } from './core/feature.js';
import { buildServices } from './bridge/build.js';
import { createFeatures, defaultFeatures, type BridgeFeatureFactory } from './bridge/features.js';
import { serveHttp } from './bridge/http.js';
import type { BridgeServices } from './bridge/services.js';
import { stopPlan, type StoppableParts } from './bridge/stop-plan.js';
import { prepareNetatmoSource } from './netatmo-source.js';
import { runStopSteps } from './ops/shutdown.js';
import type { StoreFs } from './store/index.js';
import { startStatePersistence } from './sync/persist.js';
import type { Logger } from './util/logger.js';
import { TypedEvents } from './util/typed-events.js';

export { defaultFeatures } from './bridge/features.js';
export type { BridgeFeatureFactory } from './bridge/features.js';

export interface BridgeOptions {
  config: Config;
  logger: Logger;
  /** Force the built-in simulator (npm run demo) whatever the configuration says. */
  demo?: boolean;
  /** Extra features (tests); the product's features come from defaultFeatures(). */
  features?: BridgeFeatureFactory[];
  now?: () => number;
  /** Monotonic clock (ms) for due times, ages and windows; default `now` when given, else performance.now. */
  monotonicNow?: () => number;
  /** Do not start the node-cron heartbeat (tests drive poller.tick() themselves). */
  manualPolling?: boolean;
  /** Called when a feature asks for an in-place restart (src/main.ts stops and starts again). */
  onRestartRequested?: (reason: string) => void;
  /** Netatmo request timeout (default 10 s); tests of a hanging Netatmo shorten it. */
  netatmoTimeoutMs?: number;
  /** Test seam: the file system under the data file (read-only or full disk on demand). */
  storeFs?: StoreFs;
}

export interface Bridge {
  /** Every service of this bridge (tests; features get only their own narrow part). */
  context: BridgeServices;
  /** Base URL on loopback, e.g. http://127.0.0.1:5000 (for tests and the CLI). */
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Resolves once the features' work for the changes so far is done (tests: SmartThings pushes). */
  settled(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { config, logger } = options;
  const events = new TypedEvents<BridgeEvents>((event, error) => logger.error({ err: error, event }, 'event listener failed'));
  // Filled in as parts are built; stop() stops whatever exists, in the one order of stopPlan().
  const parts: StoppableParts = { features: [], events };
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => (stopping ??= runStopSteps(stopPlan(parts), logger).then(() => undefined));
  try {
    const source = await prepareNetatmoSource({ config, logger, demo: options.demo ?? false, storeFs: options.storeFs });
    Object.assign(parts, { simulator: source.simulator, store: source.store, realStore: source.realStore });
    const now = options.now ?? Date.now;
    // Tests that move one fake clock move both; production uses performance.now for every duration.
    const monotonicNow = options.monotonicNow ?? options.now ?? (() => performance.now());
    const { netatmoTimeoutMs, onRestartRequested } = options;
    const { services, setHttpPort } = buildServices({ config, logger, source, events, now, monotonicNow, netatmoTimeoutMs, onRestartRequested });
    Object.assign(parts, { poller: services.poller, heartbeat: services.heartbeat, persistence: startStatePersistence(services) });
    const features = await createFeatures(services, [...defaultFeatures(), ...(options.features ?? [])]);
    const http = await serveHttp(services, features);
    setHttpPort(http.port);
    Object.assign(parts, { http, longPolls: services.longPolls });
    await startFeatures(features, parts);
    if (!options.manualPolling) services.heartbeat.start();
    const settled = async (): Promise<void> => {
      for (const feature of features) await feature.settled?.();
    };
    return { context: services, url: `http://${loopbackHost(config.host)}:${http.port}`, port: http.port, stop, settled };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Each feature's stop is due before its start runs: whatever start() subscribes is undone. */
async function startFeatures(features: readonly Feature[], parts: StoppableParts): Promise<void> {
  for (const feature of features) {
    parts.features.push(feature);
    await feature.start?.();
  }
}

function loopbackHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
