// Which SmartApp installations the bridge serves, read from the data file without the SDK (the
// Netatmo webhook feature asks too: with a registered SmartApp the webhook follows its install).
import type { StoreData } from '../store/types.js';

/** Installed apps with tokens (INSTALL done); a record that only went through INITIALIZE has none. */
export function installedSmartAppIds(data: Pick<StoreData, 'smartthings'>): string[] {
  return Object.values(data.smartthings.contexts)
    .filter((record) => record.refreshToken !== '')
    .map((record) => record.installedAppId);
}
