// Builds the services of one bridge from the Netatmo source (src/netatmo-source.ts): Netatmo
// (budget, tokens, client), state and health, the poller and its heartbeat, the LAN pieces and the
// command service. Only construction: nothing here listens, polls or subscribes.
import { createRequire } from 'node:module';
import type { Config } from '../config/index.js';
import { DiagnosticsRecorder } from '../diagnostics/recorder.js';
import type { BridgeEventBus } from '../core/events.js';
import { LongPolls } from '../lan/long-poll.js';
import { PairingWindow } from '../lan/pairing.js';
import type { BridgeInfo } from '../lan/state-document.js';
import { createNetatmoServices, type NetatmoServices } from '../netatmo/services.js';
import { storeTokenRepository } from '../store/index.js';
import type { NetatmoSource } from '../netatmo-source.js';
import { PollHeartbeat } from '../ops/poll-heartbeat.js';
import { createCommandService } from '../sync/commands.js';
import { startPollSchedule } from '../sync/schedule.js';
import { moduleLogger, type Logger } from '../util/logger.js';
import { buildSync } from './build-sync.js';
import type { BridgeServices } from './services.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

export interface BuildInputs {
  config: Config;
  logger: Logger;
  source: NetatmoSource;
  events: BridgeEventBus;
  now: () => number;
  monotonicNow: () => number;
  netatmoTimeoutMs?: number;
  onRestartRequested?: (reason: string) => void;
}

export interface BuiltServices {
  services: BridgeServices;
  /** Called once the HTTP server listens: services.httpPort() answers it from then on. */
  setHttpPort: (port: number) => void;
}

export function buildServices(inputs: BuildInputs): BuiltServices {
  const { config, logger, source, now, monotonicNow } = inputs;
  const { store, simulator } = source;
  const netatmo = buildNetatmo(inputs);
  const sync = buildSync({ ...inputs, store, netatmo });
  const { state, poller } = sync;
  let httpPort = 0;
  const services: Omit<BridgeServices, 'recorder'> = {
    config, logger, store, realStore: source.realStore, simulator, now, monotonicNow, events: inputs.events,
    ...netatmo,
    state, health: sync.health, poller, hubs: sync.hubs,
    heartbeat: new PollHeartbeat(() => startPollSchedule(poller, moduleLogger(logger, 'sync')), monotonicNow),
    pairing: new PairingWindow({ now, dataFileCreatedAt: store.data.createdAt }),
    // Held GET /api/v1/state?wait=S reads, woken by every revision change (src/lan/long-poll.ts).
    longPolls: new LongPolls({
      onChange: (listener) => state.onChange(listener),
      onError: (error) => logger.error({ err: error }, 'answering a held state read failed'),
    }),
    commands: createCommandService({ api: netatmo.api, state, poller, logger: moduleLogger(logger, 'commands'), now }),
    bridgeInfo: bridgeInfoOf(inputs),
    netatmoHealth: () => sync.report.read(),
    hubLinked: () => sync.signal.hubLinked(),
    httpPort: () => httpPort,
    requestRestart: restartRequester(inputs),
  };
  // Listens from the start (pollFinished, state changes) for as long as the bridge runs.
  const recorder = new DiagnosticsRecorder(services);
  return { services: { ...services, recorder }, setHttpPort: (port) => (httpPort = port) };
}

function buildNetatmo(inputs: BuildInputs): NetatmoServices {
  const { source, events } = inputs;
  return createNetatmoServices({
    repository: storeTokenRepository(source.store),
    apiUrl: source.apiUrl,
    logger: moduleLogger(inputs.logger, 'netatmo'),
    budget: inputs.config.rateBudget,
    credentials: source.credentials,
    refreshToken: source.refreshToken,
    now: inputs.now,
    monotonicNow: inputs.monotonicNow,
    timeoutMs: inputs.netatmoTimeoutMs,
    onRefreshed: () => events.emit('tokenRefreshed'),
    onCall: (event) => events.emit('netatmoCall', event),
  });
}

function bridgeInfoOf(inputs: BuildInputs): () => BridgeInfo {
  const { config, source } = inputs;
  const startedAt = new Date(inputs.now()).toISOString();
  return () => ({
    id: source.store.data.bridgeId,
    name: source.simulator ? 'Netatmo Bridge (simulated home)' : 'Netatmo Bridge',
    version,
    startedAt,
    preferredPath: source.store.data.settings.preferredPath ?? config.preferredPath,
    simulated: source.simulator !== null,
  });
}

function restartRequester(inputs: BuildInputs): (reason: string) => boolean {
  return (reason) => {
    if (!inputs.onRestartRequested) return false;
    inputs.logger.info(`restarting the bridge: ${reason}`);
    // Let the current request answer first.
    setImmediate(() => inputs.onRestartRequested?.(reason));
    return true;
  };
}
