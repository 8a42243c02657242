// The SmartApp runtime: wires the SDK instance, the pages, the lifecycle and command handlers, the
// context store and the cloud sync. This module imports @smartthings/* (through sdk-app.ts) and is
// itself loaded only by a dynamic import from feature.ts, so the LAN-only process never loads the SDKs.
import type { Router } from 'express';
import type { SmartAppFeatureDeps } from './feature-deps.js';
import type { CommandService } from '../sync/command-types.js';
import { moduleLogger, type Logger } from '../util/logger.js';
import { settlesWithin } from '../util/with-timeout.js';
import { ApiCache } from './api-cache.js';
import { CloudSync, type PushRecord } from './cloud-sync.js';
import { deviceCommandsHandler } from './command-handler.js';
import { SmartAppContextStore } from './context-store.js';
import type { LinkHealth } from './event-mapping.js';
import { smartAppRouter, SMARTAPP_PATH } from './http-route.js';
import { registerLifecycleHandlers } from './lifecycle-handlers.js';
import { registerPages } from './pages.js';
import { ReplayGuard } from './replay-guard.js';
import { createSdkApp } from './sdk-app.js';
import { SECRET_SETTINGS } from './settings.js';
import { SigningKeys } from './signing-keys.js';

const STOP_WAIT_MS = 2_000;

export interface SmartAppRuntime {
  router: Router;
  sync: CloudSync;
  contexts: SmartAppContextStore;
  start(): void;
  stop(): Promise<void>;
}

export interface SmartAppRuntimeOptions {
  /** The command service shared with the LAN API (context.commands). */
  commands: CommandService;
  onPush?: (record: PushRecord) => void;
}

export function createSmartAppRuntime(context: SmartAppFeatureDeps, options: SmartAppRuntimeOptions): SmartAppRuntime {
  const log = moduleLogger(context.logger, 'smartapp');
  const { config } = context;
  const contexts = new SmartAppContextStore(context.store, SECRET_SETTINGS);
  checkConfig(context, log);
  const app = createSdkApp(config, contexts, log);
  const apis = new ApiCache(app);
  const cloudPath = () => (context.store.data.settings.preferredPath ?? config.preferredPath) === 'cloud';
  const sync = new CloudSync({
    contexts,
    // Moved to another machine: the SmartApp contexts went with the export, so this bridge no longer
    // uses (or refreshes) their SmartThings tokens.
    apiFor: (id) => (context.store.data.netatmo.moved ? Promise.resolve(null) : apis.get(id)),
    snapshot: () => ({ homes: context.state.homes, health: linkHealth(context), cloudPath: cloudPath(), selectedHomeIds: context.store.data.settings.homeIds }),
    logger: log,
    onPush: options.onPush,
    now: context.now,
  });

  registerPages(app, context, contexts);
  registerLifecycleHandlers(app, { context, contexts, apis, sync, log, cloudPath });
  app.deviceCommandHandler(deviceCommandsHandler({ context, commands: options.commands, contexts, sync, log }));

  let unsubscribe: (() => void) | null = null;
  return {
    router: smartAppRouter({
      app,
      logger: log,
      appId: config.smartapp.appId,
      targetUrl: config.publicUrl ? `${config.publicUrl}${SMARTAPP_PATH}` : undefined,
      signatures: {
        keys: new SigningKeys({ appPublicKeyPem: config.smartapp.publicKey, keyBaseUrl: config.smartthingsKeyUrl, logger: log, now: context.now }),
        replay: new ReplayGuard({ now: context.now }),
        now: context.now,
      },
    }),
    sync,
    contexts,
    start() {
      // Health changes bump the state too, so this one listener also pushes online/offline.
      unsubscribe = context.state.onChange(() => sync.notifyChange());
      sync.resume();
    },
    async stop() {
      unsubscribe?.();
      sync.stop();
      // Let a running sync write its device ids; a slow SmartThings must not hold the shutdown.
      await settlesWithin(sync.idle(), STOP_WAIT_MS);
    },
  };
}

function linkHealth(context: SmartAppFeatureDeps): LinkHealth {
  const health = context.netatmoHealth();
  return { status: health.status, stale: health.stale, hubLinked: context.hubLinked() };
}

function checkConfig(context: SmartAppFeatureDeps, log: Logger): void {
  const { config } = context;
  if (!config.smartapp.clientId || !config.smartapp.clientSecret) {
    log.warn('SMARTAPP_CLIENT_ID / SMARTAPP_CLIENT_SECRET are not set: SmartThings tokens cannot be refreshed, so device updates stop 24 h after the last SmartApp update');
  }
  if (config.smartthingsTokenUrl !== `${config.smartthingsApiUrl}/oauth/token`) {
    log.warn(`SMARTTHINGS_TOKEN_URL is ignored for token refreshes: the SmartThings SDK always uses ${config.smartthingsApiUrl}/oauth/token`);
  }
}
