// The SmartApp runtime: the SDK instance, its lifecycle handlers, the context store and the cloud
// sync. This module imports @smartthings/* and is itself loaded only by a dynamic import from
// feature.ts, so the LAN-only process never loads the SDKs.
import { SmartApp } from '@smartthings/smartapp';
import type { Router } from 'express';
import type { BridgeContext } from '../context.js';
import type { CommandService } from '../sync/command-types.js';
import { moduleLogger, type Logger } from '../util/logger.js';
import { CloudSync, type PushRecord } from './cloud-sync.js';
import { LowdbContextStore } from './context-store.js';
import { DEFAULT_BOOST_MINUTES, SECRET_SETTINGS, settingsFromConfig, type ConfigEntries } from './settings.js';
import { executeCommand, type CommandDefaults } from './device-commands.js';
import { parseExternalId } from './device-plan.js';
import type { LinkHealth } from './event-mapping.js';
import { smartAppRouter, SMARTAPP_PATH } from './http-route.js';
import { ReplayGuard } from './replay-guard.js';
import { SigningKeys } from './signing-keys.js';
import { registerPages } from './pages.js';
import type { DeviceCommandsEvent, InstalledAppData, RuntimeContext, RuntimeSmartApp } from './sdk-types.js';
import { sdkLogger } from './sdk-logger.js';
import { stDeviceApi, type StDeviceApi } from './st-api.js';

export const PERMISSIONS = ['r:devices:*', 'w:devices:*', 'i:deviceprofiles', 'r:locations:*'];
/** SmartThings gives up after 10 s; a slower Netatmo write finishes in the background. */
export const COMMAND_ANSWER_MS = 7_000;
/** A hub that polled the LAN API this recently counts as linked (hubLink closed). */
const HUB_LINK_WINDOW_MS = 5 * 60_000;
const STOP_WAIT_MS = 2_000;

export interface SmartAppRuntime {
  router: Router;
  sync: CloudSync;
  contexts: LowdbContextStore;
  start(): void;
  stop(): Promise<void>;
}

export interface SmartAppRuntimeOptions {
  /** The command service shared with the LAN API (context.commands). */
  commands: CommandService;
  onPush?: (record: PushRecord) => void;
}

export function createSmartAppRuntime(context: BridgeContext, options: SmartAppRuntimeOptions): SmartAppRuntime {
  const log = moduleLogger(context.logger, 'smartapp');
  const { config } = context;
  const contexts = new LowdbContextStore(context.store, SECRET_SETTINGS);
  checkConfig(context, log);

  const sdk = new SmartApp({
    logger: sdkLogger(log) as unknown as NonNullable<ConstructorParameters<typeof SmartApp>[0]>['logger'],
    logUnhandledRejections: false,
    appId: config.smartapp.appId,
    clientId: config.smartapp.clientId,
    clientSecret: config.smartapp.clientSecret,
    // The SDK refreshes tokens at apiUrl + /oauth/token (core-sdk RefreshTokenAuthenticator).
    apiUrl: config.smartthingsApiUrl,
    refreshUrl: config.smartthingsTokenUrl,
    // Only the SDK's OAuth helper reads this: lifecycle signatures are checked by http-route.ts.
    keyApiHost: config.smartthingsKeyUrl,
  });
  if (config.smartapp.appId) sdk.permissions(PERMISSIONS);
  // The SDK does not await delete(); a failed write must not become an unhandled rejection.
  sdk.contextStore({
    get: (id: string) => contexts.get(id),
    put: (record: Parameters<LowdbContextStore['put']>[0]) => contexts.put(record),
    update: (id: string, partial: Parameters<LowdbContextStore['update']>[1]) => contexts.update(id, partial),
    delete: (id: string) => contexts.delete(id).catch((error: unknown) => log.warn({ err: error }, 'could not delete a SmartApp context')),
    getItem: (id: string, key: string) => contexts.getItem(id, key),
    setItem: (id: string, key: string, value: unknown) => contexts.setItem(id, key, value),
    removeItem: (id: string, key: string) => contexts.removeItem(id, key),
    removeAllItems: (id: string) => contexts.removeAllItems(id),
  } as unknown as Parameters<SmartApp['contextStore']>[0]);
  const app = sdk as unknown as RuntimeSmartApp;

  // One API client per installed app: one token-refresh mutex for every background call.
  const apis = new Map<string, Promise<StDeviceApi | null>>();
  const apiFor = (installedAppId: string): Promise<StDeviceApi | null> => {
    let api = apis.get(installedAppId);
    if (!api) {
      api = app
        .withContext(installedAppId)
        .then((ctx) => (ctx.isAuthenticated() ? stDeviceApi(ctx.api, installedAppId) : null))
        .catch((error: unknown) => {
          apis.delete(installedAppId);
          log.warn({ err: error, installedAppId }, 'no SmartApp context for this installed app');
          return null;
        });
      apis.set(installedAppId, api);
    }
    return api;
  };

  const cloudPath = () => (context.store.data.settings.preferredPath ?? config.preferredPath) === 'cloud';
  const sync = new CloudSync({
    contexts,
    apiFor,
    snapshot: () => ({ homes: context.state.homes, health: linkHealth(context), cloudPath: cloudPath() }),
    logger: log,
    onPush: options.onPush,
    now: context.now,
  });

  registerPages(app, context, contexts);

  const onInstallOrUpdate = async (ctx: RuntimeContext, data: InstalledAppData): Promise<void> => {
    const { installedAppId, locationId, config: appConfig } = data.installedApp;
    await applySettings(context, appConfig ?? {});
    // Stored now (the SDK stores them again after this handler): background calls refresh from here.
    const record = { installedAppId, locationId, authToken: data.authToken, refreshToken: data.refreshToken, config: appConfig ?? {}, ...(ctx.locale ? { locale: ctx.locale } : {}) };
    await contexts.update(installedAppId, record);
    apis.set(installedAppId, app.withContext(record).then((c) => stDeviceApi(c.api, installedAppId)));
    sync.forget(installedAppId);
    // Creating up to 30 devices can take longer than SmartThings waits for this answer.
    void sync.sync(installedAppId, { reconcile: true });
    log.info({ installedAppId, cloudPath: cloudPath() }, 'SmartApp installed or updated');
  };
  app.installed(onInstallOrUpdate);
  app.updated(onInstallOrUpdate);
  app.uninstalled((_ctx, data) => {
    const id = data.installedApp.installedAppId;
    // SmartThings deletes the app's devices itself; the SDK deletes the context record.
    apis.delete(id);
    sync.forget(id);
    log.info({ installedAppId: id }, 'SmartApp uninstalled');
  });
  app.deviceCommandHandler((ctx, event) => handleCommands(ctx, event));

  const handleCommands = async (ctx: RuntimeContext, event: DeviceCommandsEvent): Promise<void> => {
    const installedAppId = ctx.installedAppId;
    const devices = contexts.bridgeData(installedAppId).devices;
    const externalId = event.externalId ?? Object.entries(devices).find(([, id]) => id === event.deviceId)?.[0];
    const ref = externalId ? parseExternalId(externalId) : null;
    if (!externalId || !ref) {
      log.warn({ installedAppId, deviceId: event.deviceId }, 'command for a device this bridge does not know');
      return;
    }
    const commands = options.commands;
    const release = sync.hold(installedAppId);
    const work = (async () => {
      const force = new Set<string>();
      for (const cmd of event.commands) {
        const outcome = await executeCommand(ref, cmd, { commands, homes: () => context.state.homes, defaults: () => commandDefaults(context) });
        for (const key of outcome.force) force.add(key);
        if (outcome.status === 'ok') log.debug({ externalId, command: `${cmd.capability}.${cmd.command}` }, 'SmartThings command done');
        else log.warn({ externalId, command: `${cmd.capability}.${cmd.command}` }, `SmartThings command ${outcome.status}: ${outcome.message ?? ''}`);
      }
      // One request answers the command: the new (or, when refused, the unchanged) values.
      await sync.sync(installedAppId, { force: new Map([[externalId, force]]) });
    })()
      .catch((error: unknown) => log.warn({ err: error, externalId }, 'SmartThings command failed'))
      .finally(release);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, COMMAND_ANSWER_MS)))]);
    clearTimeout(timer);
  };

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
      unsubscribe = context.state.onChange(() => sync.notifyChange());
    },
    async stop() {
      unsubscribe?.();
      sync.stop();
      // Let a running sync write its device ids; a slow SmartThings must not hold the shutdown.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([sync.idle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
      clearTimeout(timer);
    },
  };
}

async function applySettings(context: BridgeContext, appConfig: ConfigEntries): Promise<void> {
  const next = settingsFromConfig(appConfig);
  const before = context.store.data.settings;
  await context.store.update((draft) => {
    draft.settings = { ...draft.settings, ...next };
    if (!next.homeIds) delete draft.settings.homeIds;
  });
  if (next.pollIntervalS !== undefined && next.pollIntervalS !== before.pollIntervalS) context.poller.setPollInterval(next.pollIntervalS);
  if (JSON.stringify(next.homeIds ?? null) !== JSON.stringify(before.homeIds ?? null)) {
    context.poller.markTopologyDirty();
    context.poller.pollSoon(0);
  }
}

function commandDefaults(context: BridgeContext): CommandDefaults {
  const settings = context.store.data.settings;
  return { overrideMinutes: settings.defaultOverrideMinutes, boostMinutes: settings.boostMinutes ?? DEFAULT_BOOST_MINUTES, awayHours: settings.awayHours };
}

function linkHealth(context: BridgeContext): LinkHealth {
  const health = context.netatmoHealth();
  const lastPoll = context.hubs.lastPollAt();
  const hubLinked = lastPoll !== null && context.now() - Date.parse(lastPoll) < HUB_LINK_WINDOW_MS;
  return { status: health.status, stale: health.stale, hubLinked };
}

function checkConfig(context: BridgeContext, log: Logger): void {
  const { config } = context;
  if (!config.smartapp.clientId || !config.smartapp.clientSecret) {
    log.warn('SMARTAPP_CLIENT_ID / SMARTAPP_CLIENT_SECRET are not set: SmartThings tokens cannot be refreshed, so device updates stop 24 h after the last SmartApp update');
  }
  if (config.smartthingsTokenUrl !== `${config.smartthingsApiUrl}/oauth/token`) {
    log.warn(`SMARTTHINGS_TOKEN_URL is ignored for token refreshes: the SmartThings SDK always uses ${config.smartthingsApiUrl}/oauth/token`);
  }
}
