// The SmartApp's configuration pages: 1. Netatmo account (link to the bridge's guided connection,
// or a fallback page for a typed token), 2. homes, 3. options. Every setting gets a name and a
// description (without them the app would show the SDK's keys), in the phone's language.
import type { Section } from '@smartthings/smartapp';
import type { SmartAppFeatureDeps } from './feature-deps.js';
import { withTimeout } from '../util/with-timeout.js';
import type { SmartAppContextStore } from './context-store.js';
import { desiredDevices, MAX_DEVICES_PER_INSTALLED_APP } from './device-plan.js';
import { connectNetatmoAccount } from './netatmo-account.js';
import { accountPage, MANUAL_PAGE_ID, manualAccountPage } from './pages-account.js';
import { optionsPage } from './pages-options.js';
import type { Translator } from '../i18n/translator.js';
import { pageTranslator } from './page-language.js';
import type { ConfigurationData, RuntimeSmartApp } from './sdk-types.js';
import { netatmoAccountFromConfig, SETTING } from './settings.js';
import type { Page } from '@smartthings/smartapp';

const HOMES_TIMEOUT_MS = 4_000;

export function registerPages(app: RuntimeSmartApp, context: SmartAppFeatureDeps, contexts: SmartAppContextStore): void {
  app.page('netatmo', (ctx, page) => accountPage(context, page, pageTranslator(ctx)));
  app.page(MANUAL_PAGE_ID, (ctx, page, data) => manualAccountPage(context, contexts, page, withInstalledAppId(data, ctx.installedAppId), pageTranslator(ctx)));
  app.page('homes', (ctx, page, data) => homesPage(context, contexts, page, withInstalledAppId(data, ctx.installedAppId), pageTranslator(ctx)));
  app.page('options', (ctx, page, data) => optionsPage(context, contexts, page, withInstalledAppId(data, ctx.installedAppId), pageTranslator(ctx)));
}

function withInstalledAppId(data: ConfigurationData, fallback: string): ConfigurationData {
  return data.installedAppId ? data : { ...data, installedAppId: fallback };
}

async function homesPage(context: SmartAppFeatureDeps, contexts: SmartAppContextStore, page: Page, data: ConfigurationData, tr: Translator): Promise<void> {
  page.name(tr.t('smartapp.homesPage')).previousPageId('netatmo').nextPageId('options');
  // A token typed on the fallback page and not used yet (an app that did not re-send that page).
  const check = await connectNetatmoAccount(context, contexts, data.installedAppId, netatmoAccountFromConfig(data.config ?? {}), tr);
  page.section('check', (section) => {
    section.name(tr.t(check.ok ? 'smartapp.connected' : 'smartapp.notConnected'));
    section.paragraphSetting('accountCheck').name(tr.t(check.ok ? 'smartapp.ok' : 'smartapp.problem')).description(check.message);
  });
  const homes = await homeOptions(context);
  const tooMany = desiredDevices({ homes: context.state.homes, cloudPath: true }).overLimit;
  if (tooMany.length > 0) {
    page.section('limit', (section) => {
      section.name(tr.t('smartapp.tooManyRooms'));
      section
        .paragraphSetting('deviceLimit')
        .name(tr.t('smartapp.deviceLimit', { max: MAX_DEVICES_PER_INSTALLED_APP }))
        .description(tr.t('smartapp.deviceLimitText', { count: tooMany.length, rooms: tooMany.map((d) => d.label).join(', ') }));
    });
  }
  page.section('homes', (section: Section) => {
    section.name(tr.t('smartapp.homesSection'));
    if (homes.length === 0) {
      section.paragraphSetting('noHomes').name(tr.t('smartapp.noHomes')).description(tr.t('smartapp.noHomesText'));
      return;
    }
    section
      .enumSetting(SETTING.homes)
      .name(tr.t('smartapp.homes'))
      .description(tr.t('smartapp.homesText'))
      .options(homes)
      .translateOptions(false)
      .multiple(true)
      .required(false);
  });
}

/**
 * Homes for the choice: the state's, else a quick homesdata call (the page must answer within
 * 10 s). With a home filter in force the state lacks the other homes, so Netatmo is asked.
 */
async function homeOptions(context: SmartAppFeatureDeps): Promise<{ id: string; name: string }[]> {
  const filtered = context.store.data.settings.homeIds !== undefined;
  const fromState = context.state.homes.map((h) => ({ id: h.id, name: h.name }));
  if (fromState.length > 0 && !filtered) return fromState;
  try {
    // Past the limit the homesdata request is cancelled, not left running behind the page.
    const body = await withTimeout(HOMES_TIMEOUT_MS, (signal) => context.api.homesData(undefined, { signal }));
    const all = (body.homes ?? []).flatMap((h) => (h.id ? [{ id: h.id, name: h.name ?? h.id }] : []));
    return all.length > 0 ? all : fromState;
  } catch {
    return fromState;
  }
}
