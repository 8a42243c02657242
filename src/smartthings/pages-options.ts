// The last page: where devices come from, the poll interval (bounded by the stale threshold),
// how long changes made from SmartThings last, and — for accounts that may not create device
// profiles — the ids of profiles created beforehand with the SmartThings CLI. Answers the page
// does not allow are reported on the page itself ("Please correct"), never as an error response.
import type { Page, Section } from '@smartthings/smartapp';
import { cloudPathMissing } from '../config/cloud-path.js';
import type { BridgeContext } from '../context.js';
import type { LowdbContextStore } from './context-store.js';
import { numberInput, problemsSection } from './page-widgets.js';
import type { ConfigurationData } from './sdk-types.js';
import { DEFAULT_BOOST_MINUTES, LIMITS, SETTING } from './settings.js';
import { parseAppSettings, pollIntervalLimits, type SettingsContext } from './settings-schema.js';

/** What the answers are checked against: the stale threshold in force and the cloud path's needs. */
export function settingsContext(context: BridgeContext): SettingsContext {
  return { staleThresholdS: context.store.data.settings.staleThresholdS ?? context.config.staleThresholdS, cloudPathMissing: cloudPathMissing(context.config) };
}

export function optionsPage(context: BridgeContext, contexts: LowdbContextStore, page: Page, data: ConfigurationData): void {
  page.name('Options').previousPageId('homes').complete(true);
  const stale = settingsContext(context);
  problemsSection(page, parseAppSettings(data.config ?? {}, stale).problems);
  const syncProblem = contexts.bridgeData(data.installedAppId).syncProblem;
  if (syncProblem) {
    page.section('devices', (section) => {
      section.name('SmartThings devices');
      section.paragraphSetting('syncProblem').name('The bridge could not create the devices').description(syncProblem);
    });
  }
  const settings = context.store.data.settings;
  page.section('sync', (section) => {
    section.name('Bridge');
    section
      .enumSetting(SETTING.preferredPath)
      .name('Devices in SmartThings come from')
      .description('LAN: the Edge driver on your hub (no public URL needed). Cloud: this SmartApp creates the devices (max 30).')
      .options([
        { id: 'lan', name: 'LAN (Edge driver)' },
        { id: 'cloud', name: 'Cloud (this SmartApp)' },
      ])
      .translateOptions(false)
      .defaultValue(settings.preferredPath ?? context.config.preferredPath)
      .required(false);
    const limits = pollIntervalLimits(stale);
    numberInput(section, SETTING.pollIntervalS, {
      name: 'Netatmo poll interval (seconds)',
      description: `Netatmo allows about 500 requests an hour. At most ${limits.max} s: half the stale threshold (${stale.staleThresholdS} s, set on the bridge's admin page).`,
      limits,
      value: Math.min(limits.max, settings.pollIntervalS ?? context.config.pollIntervalS),
    });
  });
  page.section('durations', (section) => {
    section.name('Durations of changes made from SmartThings');
    numberInput(section, SETTING.overrideMinutes, { name: 'Manual setpoint (minutes)', description: "0 = the home's default duration from the Netatmo app", limits: LIMITS.overrideMinutes, value: settings.defaultOverrideMinutes ?? 0 });
    numberInput(section, SETTING.boostMinutes, { name: 'Boost (minutes)', description: 'How long the heat (boost) mode of a room lasts', limits: LIMITS.boostMinutes, value: settings.boostMinutes ?? DEFAULT_BOOST_MINUTES });
    numberInput(section, SETTING.awayHours, { name: 'Away / frost guard (hours)', description: '0 = until changed', limits: LIMITS.awayHours, value: settings.awayHours ?? 0 });
  });
  page.section('profiles', (section) => profileSettings(section));
}

function profileSettings(section: Section): void {
  section.name('Device profiles (optional)');
  const hint = 'Only when SmartThings does not let the bridge create its device profiles: the id printed by "smartthings deviceprofiles:view:create" (docs/smartapp.md).';
  section.textSetting(SETTING.homeProfileId).name('Home device profile id').description(hint).required(false);
  section.textSetting(SETTING.roomProfileId).name('Room device profile id').description(hint).required(false);
}
