// The synchronisation half of the services: state, health (tracker, signal, report), hub activity
// and the poller with its polling policy. Construction only.
import type { Config } from '../config/index.js';
import type { BridgeEventBus } from '../core/events.js';
import { HubActivity } from '../lan/hub-activity.js';
import type { NetatmoServices } from '../netatmo/services.js';
import { AdaptivePolicy, settingsForCalls } from '../polling/adaptive-policy.js';
import { SwitchablePolicy } from '../polling/policy-switch.js';
import type { Store } from '../store/index.js';
import { activitySaver, loadActivityProfiles } from '../polling/activity-store.js';
import { HealthTracker } from '../sync/health.js';
import { NetatmoHealthReport } from '../sync/health-report.js';
import { HealthSignal } from '../sync/health-signal.js';
import { Poller } from '../sync/poller.js';
import { StateService } from '../sync/state-service.js';
import { moduleLogger, type Logger } from '../util/logger.js';

export interface SyncInputs {
  config: Config;
  logger: Logger;
  store: Store;
  netatmo: NetatmoServices;
  events: BridgeEventBus;
  now: () => number;
  monotonicNow: () => number;
}

export interface SyncServices {
  state: StateService;
  health: HealthTracker;
  hubs: HubActivity;
  signal: HealthSignal;
  poller: Poller;
  report: NetatmoHealthReport;
}

export function buildSync(inputs: SyncInputs): SyncServices {
  const { config, store, now, monotonicNow, netatmo } = inputs;
  const persisted = store.data;
  // Homes saved by an older version have no `error` yet; clients get the field either way.
  const state = new StateService({ ...persisted.state, homes: persisted.state.homes.map((home) => ({ ...home, error: home.error ?? null })), now });
  const settings = () => store.data.settings;
  const health = new HealthTracker({ staleThresholdS: settings().staleThresholdS ?? config.staleThresholdS, now, monotonicNow, restored: persisted.health });
  const hubs = new HubActivity(now);
  const { tokens, budget } = netatmo;
  const signal = new HealthSignal({ health, state, tokenStatus: () => tokens.checkStatus(), tokenSaved: () => tokens.isSaved(), lastHubPollAt: () => hubs.lastPollAt(), monotonicNow });
  // The baseline clients see until the first poll ends: `starting`, with the saved homes.
  signal.evaluate();
  const poller = buildPoller(inputs, state, health, signal);
  const report = new NetatmoHealthReport({
    mirrorTokenStatus: () => signal.mirrorTokenStatus(),
    health: () => health.snapshot(),
    budget: () => budget.snapshot(),
    polling: () => poller.pollStatus(),
    pollIntervalS: () => settings().pollIntervalS ?? config.pollIntervalS,
    effectivePollIntervalS: () => poller.effectiveIntervalS(),
    tokenSaved: () => tokens.isSaved(),
    movedAt: () => store.data.netatmo.moved?.at,
  });
  return { state, health, hubs, signal, poller, report };
}

function buildPoller(inputs: SyncInputs, state: StateService, health: HealthTracker, signal: HealthSignal): Poller {
  const { config, store, now, monotonicNow, events } = inputs;
  const { api, budget } = inputs.netatmo;
  const settings = () => store.data.settings;
  const syncLog = moduleLogger(inputs.logger, 'sync');
  const adaptive = new AdaptivePolicy({
    profiles: loadActivityProfiles(store.data.polling?.activity, syncLog),
    onProfileChange: activitySaver(store, syncLog),
    settings: settingsForCalls(config.adaptiveCalls),
  });
  return new Poller({
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
}
