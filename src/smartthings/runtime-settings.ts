// What an INSTALL / UPDATE changes in the bridge: the validated answers of the pages become the
// bridge's runtime settings (the refused ones are logged and left as they were), and the device
// profile ids typed on the options page replace the remembered ones.
import type { SmartAppFeatureDeps } from './feature-deps.js';
import type { Logger } from '../util/logger.js';
import type { SmartAppContextStore } from './context-store.js';
import type { CommandDefaults } from './device-commands.js';
import { settingsContext } from './pages-options.js';
import { DEFAULT_BOOST_MINUTES, type ConfigEntries } from './settings.js';
import { parseAppSettings, type SettingProblem } from './settings-schema.js';

export async function applyAppSettings(
  context: SmartAppFeatureDeps,
  contexts: SmartAppContextStore,
  installedAppId: string,
  appConfig: ConfigEntries,
  log: Logger,
): Promise<SettingProblem[]> {
  const { update, profileIds, problems } = parseAppSettings(appConfig, settingsContext(context));
  const before = context.store.data.settings;
  await context.store.update((draft) => {
    const next = { ...draft.settings, ...update.set };
    for (const key of update.unset) delete next[key];
    draft.settings = next;
  });
  await contexts.updateBridgeData(installedAppId, (data) => ({ ...data, profileIds }));
  const after = context.store.data.settings;
  if (after.pollIntervalS !== undefined && after.pollIntervalS !== before.pollIntervalS) context.poller.setPollInterval(after.pollIntervalS);
  if (JSON.stringify(after.homeIds ?? null) !== JSON.stringify(before.homeIds ?? null)) {
    context.poller.markTopologyDirty();
    context.poller.pollSoon(0);
  }
  if (problems.length > 0) {
    log.warn({ installedAppId, settings: problems.map((p) => p.settingId) }, `SmartApp settings were not applied: ${problems.map((p) => p.message).join(' ')}`);
  }
  return problems;
}

export function commandDefaults(context: SmartAppFeatureDeps): CommandDefaults {
  const settings = context.store.data.settings;
  return { overrideMinutes: settings.defaultOverrideMinutes, boostMinutes: settings.boostMinutes ?? DEFAULT_BOOST_MINUTES, awayHours: settings.awayHours };
}
