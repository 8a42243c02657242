// The last page: where devices come from, the poll interval (bounded by the stale threshold),
// how long changes made from SmartThings last, and — for accounts that may not create device
// profiles — the ids of profiles created beforehand with the SmartThings CLI. Answers the page
// does not allow are reported on the page itself ("Please correct"), never as an error response.
import type { Page, Section } from '@smartthings/smartapp';
import { cloudPathMissing } from '../config/cloud-path.js';
import type { SmartAppFeatureDeps } from './feature-deps.js';
import type { Translator } from '../i18n/translator.js';
import type { SmartAppContextStore } from './context-store.js';
import { numberInput, problemsSection } from './page-widgets.js';
import type { ConfigurationData } from './sdk-types.js';
import { DEFAULT_BOOST_MINUTES, LIMITS, SETTING } from './settings.js';
import { parseAppSettings, pollIntervalLimits, type SettingsContext } from './settings-schema.js';

/** What the answers are checked against: the stale threshold in force and the cloud path's needs. */
export function settingsContext(context: SmartAppFeatureDeps): SettingsContext {
  return { staleThresholdS: context.store.data.settings.staleThresholdS ?? context.config.staleThresholdS, cloudPathMissing: cloudPathMissing(context.config) };
}

export function optionsPage(context: SmartAppFeatureDeps, contexts: SmartAppContextStore, page: Page, data: ConfigurationData, tr: Translator): void {
  page.name(tr.t('smartapp.optionsPage')).previousPageId('homes').complete(true);
  const stale = settingsContext(context);
  problemsSection(page, parseAppSettings(data.config ?? {}, stale, tr).problems, tr);
  const syncProblem = contexts.bridgeData(data.installedAppId).syncProblem;
  if (syncProblem) {
    page.section('devices', (section) => {
      section.name(tr.t('smartapp.devicesSection'));
      section.paragraphSetting('syncProblem').name(tr.t('smartapp.syncProblem')).description(syncProblem);
    });
  }
  const settings = context.store.data.settings;
  page.section('sync', (section) => {
    section.name(tr.t('smartapp.bridgeSection'));
    section
      .enumSetting(SETTING.preferredPath)
      .name(tr.t('smartapp.devicesFrom'))
      .description(tr.t('smartapp.devicesFromText'))
      .options([
        { id: 'lan', name: tr.t('smartapp.pathLan') },
        { id: 'cloud', name: tr.t('smartapp.pathCloud') },
      ])
      .translateOptions(false)
      .defaultValue(settings.preferredPath ?? context.config.preferredPath)
      .required(false);
    const limits = pollIntervalLimits(stale);
    numberInput(section, SETTING.pollIntervalS, {
      name: tr.t('smartapp.pollInterval'),
      description: tr.t('smartapp.pollIntervalText', { max: limits.max, stale: stale.staleThresholdS }),
      limits,
      value: Math.min(limits.max, settings.pollIntervalS ?? context.config.pollIntervalS),
    });
  });
  page.section('durations', (section) => {
    section.name(tr.t('smartapp.durationsSection'));
    const override = { limits: LIMITS.overrideMinutes, value: settings.defaultOverrideMinutes ?? 0 };
    numberInput(section, SETTING.overrideMinutes, { name: tr.t('smartapp.overrideMinutes'), description: tr.t('smartapp.overrideMinutesText'), ...override });
    const boost = { limits: LIMITS.boostMinutes, value: settings.boostMinutes ?? DEFAULT_BOOST_MINUTES };
    numberInput(section, SETTING.boostMinutes, { name: tr.t('smartapp.boostMinutes'), description: tr.t('smartapp.boostMinutesText'), ...boost });
    numberInput(section, SETTING.awayHours, { name: tr.t('smartapp.awayHours'), description: tr.t('smartapp.awayHoursText'), limits: LIMITS.awayHours, value: settings.awayHours ?? 0 });
  });
  page.section('profiles', (section) => profileSettings(section, tr));
}

function profileSettings(section: Section, tr: Translator): void {
  section.name(tr.t('smartapp.profilesSection'));
  const hint = tr.t('smartapp.profileHint');
  section.textSetting(SETTING.homeProfileId).name(tr.t('smartapp.homeProfile')).description(hint).required(false);
  section.textSetting(SETTING.roomProfileId).name(tr.t('smartapp.roomProfile')).description(hint).required(false);
}
