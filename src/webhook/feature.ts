// The Netatmo webhook feature (when PUBLIC_URL is set): registers PUBLIC_URL/webhooks/netatmo at
// start (./registration.ts), drops it on shutdown, and hands every delivery (./route.ts) to the
// intake in src/sync/webhook-intake.ts (signature, replay, bounds, patch, confirmation poll).
// With a registered SmartApp (SMARTAPP_APP_ID) the webhook follows its installation: registered
// while it is installed, dropped when the last installation is removed.
import type { Config } from '../config/index.js';
import type { BridgeEventBus } from '../core/events.js';
import type { Feature } from '../core/feature.js';
import { scheduledSetpointC } from '../model/index.js';
import type { NetatmoApi } from '../netatmo/api.js';
import type { TokenManager } from '../netatmo/tokens.js';
import type { Poller } from '../sync/poller.js';
import type { StateService } from '../sync/state-service.js';
import { ConfirmationGate, ReplayGuard } from '../sync/webhook-guards.js';
import { createWebhookIntake } from '../sync/webhook-intake.js';
import { moduleLogger, type Logger } from '../util/logger.js';
import { WebhookRegistration } from './registration.js';
import { WEBHOOK_PATH, webhookRouter, type WebhookIntake } from './route.js';

/** Confirmation poll after an event (the poll stays the source of truth). */
export const CONFIRM_POLL_MS = 3_000;

/** What the webhook feature uses of the bridge, and nothing more. */
export interface WebhookFeatureDeps {
  config: Pick<Config, 'publicUrl' | 'smartapp'>;
  logger: Logger;
  api: Pick<NetatmoApi, 'addWebhook' | 'dropWebhook'>;
  tokens: Pick<TokenManager, 'credentials' | 'onStatusChange'>;
  state: Pick<StateService, 'homes' | 'replaceHome'>;
  poller: Pick<Poller, 'noteActivity' | 'markTopologyDirty' | 'pollSoon' | 'topologyOf' | 'effectiveIntervalS'>;
  events: Pick<BridgeEventBus, 'on'>;
  /** How many SmartApp installations the data file holds now. */
  installedSmartApps(): number;
  now: () => number;
}

export function netatmoWebhookFeature(deps: WebhookFeatureDeps): Feature {
  const publicUrl = deps.config.publicUrl;
  if (!publicUrl) return { name: 'netatmo-webhook' };
  const log = moduleLogger(deps.logger, 'webhook');
  // Without a SmartApp id the webhook is always wanted; with one, only while it is installed.
  const wantedFor = (installed: number): boolean => !deps.config.smartapp.appId || installed > 0;
  const registration = new WebhookRegistration({ api: deps.api, url: `${publicUrl}${WEBHOOK_PATH}`, log, wanted: wantedFor(deps.installedSmartApps()) });
  const feature: Feature = {
    name: 'netatmo-webhook',
    routes: { open: [webhookRouter(intakeFor(deps, registration, log), log)] },
    start() {
      // Netatmo connected later (status page, SmartApp): register then instead of waiting for the back-off.
      const offTokens = deps.tokens.onStatusChange((status) => {
        if (status === 'ok') registration.ensure();
      });
      deps.events.on('smartappInstallations', ({ installed }) => registration.setWanted(wantedFor(installed)), feature);
      unsubscribeTokens = offTokens;
      void registration.register();
    },
    async stop() {
      unsubscribeTokens();
      await registration.stop();
    },
  };
  let unsubscribeTokens = (): void => undefined;
  return feature;
}

function intakeFor(deps: WebhookFeatureDeps, registration: WebhookRegistration, log: Logger): WebhookIntake {
  const { state, poller, now } = deps;
  return createWebhookIntake({
    clientSecret: () => deps.tokens.credentials()?.clientSecret ?? null,
    homes: () => state.homes,
    replaceHome: (home) => {
      state.replaceHome(home);
      // Someone changed something (or a command's echo): adaptive polling looks again sooner.
      poller.noteActivity(home.id);
    },
    markTopologyDirty: () => poller.markTopologyDirty(),
    // The one place a webhook moves the poll schedule.
    requestConfirmation: () => poller.pollSoon(CONFIRM_POLL_MS),
    onDeactivation: () => registration.deactivated(),
    scheduledSetpoint: (homeId, roomId) => {
      const topology = poller.topologyOf(homeId);
      return topology ? scheduledSetpointC(topology, roomId, now()) : null;
    },
    replays: new ReplayGuard(now),
    // Events bring the next poll forward at most once per poll interval: a flood adds no polls.
    confirmations: new ConfirmationGate(now, () => poller.effectiveIntervalS() * 1000),
    log,
  });
}
