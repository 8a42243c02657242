// Composition root: builds every part of the bridge, starts them in order (store → Netatmo →
// state → HTTP → features → poller) and stops them in reverse. No process handling here
// (signals, exit codes: src/main.ts), so tests can start and stop whole bridges in-process.
import { createRequire } from 'node:module';
import type { IncomingMessage } from 'node:http';
import type { Config } from './config/index.js';
import type { BridgeContext, BridgeEvents, Feature, FeatureFactory } from './context.js';
import os from 'node:os';
import { allowedHosts } from './http/allowed-hosts.js';
import { createHttpApp, listen, type HttpRequestRecord, type RunningHttpServer } from './http-server.js';
import { bearerAuth, isAuthorized, type BearerAuthOptions } from './lan/auth.js';
import { AuthFailureThrottle, clientAddress } from './lan/auth-throttle.js';
import { lanApiFeature } from './lan/feature.js';
import { localControlFeature } from './local/feature.js';
import { ssdpFeature } from './lan/ssdp.js';
import { HubActivity } from './lan/hub-activity.js';
import { PairingWindow } from './lan/pairing.js';
import { StateDocumentCache, type BridgeInfo } from './lan/state-document.js';
import { fastGet } from './lan/fast-path.js';
import { LongPolls } from './lan/long-poll.js';
import { descriptionRouter, STATE_PATH, stateHandler, stateRouter } from './lan/state-routes.js';
import type { NetatmoHealth } from './model/types.js';
import { RateBudget } from './netatmo/budget.js';
import { NetatmoClient } from './netatmo/client.js';
import { tokenUrlOf } from './netatmo/oauth.js';
import { TokenManager } from './netatmo/tokens.js';
import { prepareNetatmoSource } from './netatmo-source.js';
import { metricsFeature } from './ops/metrics-feature.js';
import { PollHeartbeat } from './ops/poll-heartbeat.js';
import { closeHttpServer, HTTP_DRAIN_MS, POLL_DRAIN_MS, runStopSteps, waitWhile, type StopStep } from './ops/shutdown.js';
import { watchdogFeature } from './ops/watchdog.js';
import { createCommandService } from './sync/commands.js';
import { HealthTracker } from './sync/health.js';
import { HealthSignal } from './sync/health-signal.js';
import { Poller } from './sync/poller.js';
import { AdaptivePolicy } from './polling/adaptive-policy.js';
import { SwitchablePolicy } from './polling/policy-switch.js';
import { activitySaver, loadActivityProfiles } from './sync/activity-store.js';
import { startPollSchedule } from './sync/schedule.js';
import { startStatePersistence } from './sync/persist.js';
import { StateService } from './sync/state-service.js';
import { storeTokenRepository, type StoreFs } from './store/index.js';
import { netatmoWebhookFeature } from './sync/webhook-feature.js';
import { smartAppFeature } from './smartthings/feature.js';
import { moduleLogger, type Logger } from './util/logger.js';
import { TypedEvents } from './util/typed-events.js';
import { webFeature } from './web/index.js';
import { DRIVER_HEADER } from './lan/driver-version.js';

const require = createRequire(import.meta.url);
const { version } = require('../package.json') as { version: string };

export interface BridgeOptions {
  config: Config;
  logger: Logger;
  /** Force the built-in simulator (npm run demo) whatever the configuration says. */
  demo?: boolean;
  /** Extra features (tests); the product's features come from defaultFeatures(). */
  features?: FeatureFactory[];
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
  context: BridgeContext;
  /** Base URL on loopback, e.g. http://127.0.0.1:5000 (for tests and the CLI). */
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Resolves once the features' work for the changes so far is done (tests: SmartThings pushes). */
  settled(): Promise<void>;
}

/** The product's features in start order; issues add theirs here. */
export function defaultFeatures(): FeatureFactory[] {
  return [metricsFeature, watchdogFeature, lanApiFeature, webFeature, localControlFeature, netatmoWebhookFeature, smartAppFeature, ssdpFeature];
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  // Tests that move one fake clock move both; production uses performance.now for every duration.
  const monotonicNow = options.monotonicNow ?? options.now ?? (() => performance.now());
  const events = new TypedEvents<BridgeEvents>((event, error) => logger.error({ err: error, event }, 'event listener failed'));
  const source = await prepareNetatmoSource({ config, logger, demo: options.demo ?? false, storeFs: options.storeFs });
  const { store, simulator } = source;
  // Stopped in reverse: heartbeat → running poll → features → HTTP → persistence → store → simulator.
  const stops: StopStep[] = [{ name: 'simulator', stop: () => simulator?.stop() }];
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => (stopping ??= stopAll(stops, logger));
  try {
    stops.push({ name: 'data file', stop: () => store.flush() });
    const budget = new RateBudget({ now, monotonicNow, perHour: config.rateBudget.perHour, per10s: config.rateBudget.per10s });
    const tokens = new TokenManager({
      repository: storeTokenRepository(store),
      tokenUrl: tokenUrlOf(source.apiUrl),
      budget,
      logger: moduleLogger(logger, 'netatmo'),
      envCredentials: source.credentials,
      envRefreshToken: source.refreshToken,
      now,
      timeoutMs: options.netatmoTimeoutMs,
      onRefreshed: () => events.emit('tokenRefreshed'),
    });
    const api = new NetatmoClient({
      apiUrl: source.apiUrl,
      tokens,
      budget,
      logger: moduleLogger(logger, 'netatmo'),
      now,
      timeoutMs: options.netatmoTimeoutMs,
      onCall: (event) => events.emit('netatmoCall', event),
    });
    const persisted = store.data;
    // Homes saved by an older version have no `error` yet; clients get the field either way.
    const state = new StateService({ ...persisted.state, homes: persisted.state.homes.map((home) => ({ ...home, error: home.error ?? null })), now });
    const settings = () => store.data.settings;
    const health = new HealthTracker({ staleThresholdS: settings().staleThresholdS ?? config.staleThresholdS, now, monotonicNow, restored: persisted.health });
    const hubs = new HubActivity(now);
    const signal = new HealthSignal({ health, state, tokenStatus: () => tokens.checkStatus(), tokenSaved: () => tokens.isSaved(), lastHubPollAt: () => hubs.lastPollAt(), monotonicNow });
    // The baseline clients see until the first poll ends: `starting`, with the saved homes.
    signal.evaluate();
    const syncLog = moduleLogger(logger, 'sync');
    const adaptive = new AdaptivePolicy({ profiles: loadActivityProfiles(store.data.polling?.activity, syncLog), onProfileChange: activitySaver(store, syncLog) });
    const poller = new Poller({
      api,
      state,
      health,
      logger: syncLog,
      pollIntervalS: settings().pollIntervalS ?? config.pollIntervalS,
      homeIds: () => settings().homeIds,
      now,
      monotonicNow,
      policy: new SwitchablePolicy(adaptive, () => settings().pollPolicy ?? config.pollPolicy),
      scheduler: {
        effectiveIntervalS: (base, homes) => budget.pollIntervalS(base, homes),
        backoffRemainingMs: () => budget.backoffRemainingMs('poll'),
        usage: () => ({ callsLastHour: budget.snapshot().callsLastHour, budgetPerHour: budget.perHour }),
      },
      // Health is time-driven: every heartbeat re-evaluates it, so a change reaches clients even
      // while no poll runs (back-off, a hub that stopped polling).
      onTick: () => signal.evaluate(),
      onPollFinished: (result) => {
        signal.evaluate();
        events.emit('pollFinished', result);
      },
    });

    const startedAt = new Date(now()).toISOString();
    let httpPort = 0;
    const bridgeInfo = (): BridgeInfo => ({
      id: store.data.bridgeId,
      name: simulator ? 'Netatmo Bridge (simulated home)' : 'Netatmo Bridge',
      version,
      startedAt,
      preferredPath: settings().preferredPath ?? config.preferredPath,
      simulated: simulator !== null,
    });
    const netatmoHealth = (): NetatmoHealth => {
      signal.syncTokenFlags();
      const snapshot = health.snapshot();
      const budgetNow = budget.snapshot();
      const polling = poller.pollStatus();
      return {
        ...snapshot,
        callsLastHour: budgetNow.callsLastHour,
        callsLast10s: budgetNow.callsLast10s,
        budgetPerHour: budgetNow.budgetPerHour,
        budgetPer10s: budgetNow.budgetPer10s,
        pollIntervalS: settings().pollIntervalS ?? config.pollIntervalS,
        effectivePollIntervalS: poller.effectiveIntervalS(),
        backoffUntil: budgetNow.backoffUntil,
        pollPolicy: polling.policy,
        pollReason: polling.reason,
        nextPollInS: polling.nextPollInS,
        currentIntervalS: polling.currentIntervalS,
        tokenSaved: tokens.isSaved(),
        ...(snapshot.status === 'moved' ? { movedAt: store.data.netatmo.moved?.at } : {}),
      };
    };
    const heartbeat = new PollHeartbeat(() => startPollSchedule(poller, syncLog), monotonicNow);
    const pairing = new PairingWindow({ now, dataFileCreatedAt: store.data.createdAt });
    // Held GET /api/v1/state?wait=S reads, woken by every revision change (src/lan/long-poll.ts).
    const longPolls = new LongPolls({
      onChange: (listener) => state.onChange(listener),
      onError: (error) => logger.error({ err: error }, 'answering a held state read failed'),
    });
    const commands = createCommandService({ api, state, poller, logger: moduleLogger(logger, 'commands'), now });
    const context: BridgeContext = {
      config, logger, store, state, health, budget, tokens, api, poller, events, simulator, now,
      pairing, hubs, longPolls, commands, heartbeat, bridgeInfo, netatmoHealth, httpPort: () => httpPort, monotonicNow,
      hubLinked: () => signal.hubLinked(),
      requestRestart: (reason) => {
        if (!options.onRestartRequested) return false;
        logger.info(`restarting the bridge: ${reason}`);
        // Let the current request answer first.
        setImmediate(() => options.onRestartRequested?.(reason));
        return true;
      },
    };

    stops.push({ name: 'state persistence', stop: startStatePersistence(context) });
    const features: Feature[] = [];
    for (const factory of [...defaultFeatures(), ...(options.features ?? [])]) features.push(await factory(context));

    const cache = new StateDocumentCache({
      revision: () => state.revision,
      homes: () => state.homes,
      health: netatmoHealth,
      bridge: bridgeInfo,
      now,
      monotonicNow,
    });
    const stateRoutes = {
      cache,
      bridge: bridgeInfo,
      port: () => httpPort,
      // The socket address, not req.ip: no proxy parsing on the hottest path.
      onStateRead: (req: IncomingMessage) => hubs.recordPoll(req.socket.remoteAddress ?? 'unknown', req.headers['user-agent'], req.headers[DRIVER_HEADER]),
      longPolls,
    };
    const authThrottle = new AuthFailureThrottle({ now: monotonicNow });
    const lanAuthOptions: BearerAuthOptions = {
      expectedToken: () => store.data.lanToken,
      // Repeated wrong tokens from one address get 429 (token guessing); see lan/auth-throttle.ts.
      throttle: (req) => authThrottle.check(clientAddress(req)),
      onFailure: (req) => authThrottle.record(clientAddress(req)),
    };
    const recordRequest = (request: HttpRequestRecord): void => events.emit('lanRequest', request);
    const app = createHttpApp(
      {
        open: [descriptionRouter(stateRoutes), ...features.flatMap((f) => f.routes?.open ?? [])],
        lanAuth: bearerAuth(lanAuthOptions),
        lan: [stateRouter(stateRoutes), ...features.flatMap((f) => f.routes?.lan ?? [])],
      },
      moduleLogger(logger, 'http'),
      recordRequest,
    );
    // The hub's state poll skips express entirely when authorised (src/lan/fast-path.ts).
    const fastState = fastGet({ path: STATE_PATH, authorized: (req) => isAuthorized(req, lanAuthOptions), handler: stateHandler(stateRoutes), onAnswered: recordRequest });
    const allowHost = allowedHosts({ machineName: os.hostname(), publicUrl: config.publicUrl, allowed: config.allowedHosts });
    const http: RunningHttpServer = await listen(app, config.host, config.port, [fastState], { allowHost });
    httpPort = http.port;
    // Running requests (a command waiting on Netatmo) may finish; stuck ones are cut.
    stops.push({ name: 'HTTP server', stop: () => closeHttpServer(http.server, HTTP_DRAIN_MS) });
    // Held reads are answered (304, Connection: close) just before, so they never hold up the drain.
    stops.push({ name: 'held state reads', stop: () => longPolls.close() });

    for (const feature of features) {
      await feature.start?.();
      stops.push({ name: `feature ${feature.name}`, stop: () => feature.stop?.() });
    }

    // A poll in flight may finish (its result is then saved); a hanging one is left behind.
    stops.push({ name: 'running poll', stop: () => waitWhile(() => poller.isPolling, POLL_DRAIN_MS) });
    stops.push({ name: 'poll heartbeat', stop: () => heartbeat.stop() });
    if (!options.manualPolling) heartbeat.start();
    const url = `http://${loopbackHost(config.host)}:${httpPort}`;
    const settled = async (): Promise<void> => {
      for (const feature of features) await feature.settled?.();
    };
    return { context, url, port: httpPort, stop, settled };
  } catch (error) {
    await stop();
    throw error;
  }
}

function loopbackHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function stopAll(stops: StopStep[], logger: Logger): Promise<void> {
  const steps = [...stops].reverse();
  stops.length = 0;
  await runStopSteps(steps, logger);
}
