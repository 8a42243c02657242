// INSTALL, UPDATE and UNINSTALL. Settings are validated (a refused answer never fails the call),
// the fresh tokens are stored before the SDK does so background calls can refresh from them, and
// the devices are reconciled in the background (30 creations can outlast SmartThings' timeout).
// The last UNINSTALL undoes what installing did: the cloud path preference and the Netatmo webhook.
import type { SmartAppFeatureDeps } from './feature-deps.js';
import type { Logger } from '../util/logger.js';
import type { ApiCache } from './api-cache.js';
import type { CloudSync } from './cloud-sync.js';
import type { SmartAppContextStore } from './context-store.js';
import { installedSmartAppIds } from './installations.js';
import { applyAppSettings } from './runtime-settings.js';
import type { InstalledAppData, RuntimeContext, RuntimeSmartApp } from './sdk-types.js';

export interface LifecycleDeps {
  context: SmartAppFeatureDeps;
  contexts: SmartAppContextStore;
  apis: ApiCache;
  sync: CloudSync;
  log: Logger;
  cloudPath(): boolean;
}

export function registerLifecycleHandlers(app: RuntimeSmartApp, deps: LifecycleDeps): void {
  const { context, contexts, apis, sync, log } = deps;
  const onInstallOrUpdate = async (ctx: RuntimeContext, data: InstalledAppData): Promise<void> => {
    const { installedAppId, locationId, config: appConfig } = data.installedApp;
    await applyAppSettings(context, contexts, installedAppId, appConfig ?? {}, log);
    const record = { installedAppId, locationId, authToken: data.authToken, refreshToken: data.refreshToken, config: appConfig ?? {}, ...(ctx.locale ? { locale: ctx.locale } : {}) };
    await contexts.update(installedAppId, record);
    apis.useRecord(record);
    sync.forget(installedAppId);
    void sync.sync(installedAppId, { reconcile: true });
    context.events.emit('smartappInstallations', { installed: installedSmartAppIds(context.store.data).length });
    log.info({ installedAppId, cloudPath: deps.cloudPath() }, 'SmartApp installed or updated');
  };
  app.installed(onInstallOrUpdate);
  app.updated(onInstallOrUpdate);
  app.uninstalled(async (_ctx, data) => {
    const id = data.installedApp.installedAppId;
    // SmartThings deletes the app's devices itself; the SDK deletes the context record afterwards.
    apis.drop(id);
    sync.forget(id);
    const others = installedSmartAppIds(context.store.data).filter((other) => other !== id);
    if (others.length === 0) await undoInstall(context, log);
    context.events.emit('smartappInstallations', { installed: others.length });
    log.info({ installedAppId: id }, 'SmartApp uninstalled');
  });
}

/** Without a SmartApp there are no cloud devices: the LAN path (Edge driver) is the path again. */
async function undoInstall(context: SmartAppFeatureDeps, log: Logger): Promise<void> {
  if (context.store.data.settings.preferredPath !== 'cloud') return;
  await context.store.update((draft) => {
    delete draft.settings.preferredPath;
  });
  log.info(`SmartApp removed: preferred path back to ${context.config.preferredPath === 'cloud' ? 'cloud (PREFERRED_PATH)' : 'LAN'}`);
}
