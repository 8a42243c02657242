// The SmartApp SDK instance: options, permissions and the context store adapter. Everything else
// sees it through the RuntimeSmartApp interface (sdk-types.ts).
import { SmartApp } from '@smartthings/smartapp';
import type { Config } from '../config/index.js';
import type { Logger } from '../util/logger.js';
import type { SmartAppContextStore } from './context-store.js';
import type { RuntimeSmartApp } from './sdk-types.js';
import { sdkLogger } from './sdk-logger.js';

/**
 * Scopes asked at install (INITIALIZE) — the same list as smartapp-config.json's oauth.scope:
 * devices to create and update, device profiles to list (r), create (w) and use (i), locations.
 */
export const PERMISSIONS = ['r:devices:*', 'w:devices:*', 'r:deviceprofiles', 'w:deviceprofiles', 'i:deviceprofiles', 'r:locations:*'];

export function createSdkApp(config: Config, contexts: SmartAppContextStore, log: Logger): RuntimeSmartApp {
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
    put: (record: Parameters<SmartAppContextStore['put']>[0]) => contexts.put(record),
    update: (id: string, partial: Parameters<SmartAppContextStore['update']>[1]) => contexts.update(id, partial),
    delete: (id: string) => contexts.delete(id).catch((error: unknown) => log.warn({ err: error }, 'could not delete a SmartApp context')),
    getItem: (id: string, key: string) => contexts.getItem(id, key),
    setItem: (id: string, key: string, value: unknown) => contexts.setItem(id, key, value),
    removeItem: (id: string, key: string) => contexts.removeItem(id, key),
    removeAllItems: (id: string) => contexts.removeAllItems(id),
  } as unknown as Parameters<SmartApp['contextStore']>[0]);
  return sdk as unknown as RuntimeSmartApp;
}
