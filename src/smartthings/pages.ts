// The SmartApp's configuration pages: 1. Netatmo account, 2. homes (after a real token check of
// what page 1 entered), 3. options. Secrets are password settings (masked in the app) and are
// masked again in the context store. Every setting gets a name and a description (without i18n
// files the app would show the keys).
import type { Page, Section } from '@smartthings/smartapp';
import type { BridgeContext } from '../context.js';
import type { LowdbContextStore } from './context-store.js';
import { desiredDevices, MAX_DEVICES_PER_INSTALLED_APP } from './device-plan.js';
import { connectNetatmoAccount } from './netatmo-account.js';
import type { RuntimeSmartApp } from './sdk-types.js';
import { DEFAULT_BOOST_MINUTES, LIMITS, netatmoAccountFromConfig, SETTING } from './settings.js';

const HOMES_TIMEOUT_MS = 4_000;

export function registerPages(app: RuntimeSmartApp, context: BridgeContext, contexts: LowdbContextStore): void {
  app.page('netatmo', (_ctx, page) => {
    page.name('Netatmo account').nextPageId('homes');
    page.section('account', (section) => {
      section.name('Netatmo account');
      section
        .booleanSetting(SETTING.useBridgeAccount)
        .name('Use the account already connected to this bridge')
        .description(accountStatusText(context))
        .defaultValue('true')
        .required(false);
      section.textSetting(SETTING.clientId).name('Client id').description('From your app at dev.netatmo.com (only when not using the bridge account)').required(false);
      section.passwordSetting(SETTING.clientSecret).name('Client secret').description('From your app at dev.netatmo.com').required(false);
      section.passwordSetting(SETTING.refreshToken).name('Refresh token').description('Generated at dev.netatmo.com with the read_thermostat and write_thermostat scopes').required(false);
    });
  });

  app.page('homes', async (ctx, page, configData) => {
    page.name('Homes').previousPageId('netatmo').nextPageId('options');
    const check = await connectNetatmoAccount(context, contexts, configData.installedAppId || ctx.installedAppId, netatmoAccountFromConfig(configData.config ?? {}));
    page.section('check', (section) => {
      section.name(check.ok ? 'Netatmo connected' : 'Netatmo not connected');
      section.paragraphSetting('accountCheck').name(check.ok ? 'OK' : 'Problem').description(check.message);
    });
    const homes = await homeOptions(context);
    const tooMany = desiredDevices({ homes: context.state.homes, cloudPath: true }).overLimit;
    if (tooMany.length > 0) {
      page.section('limit', (section) => {
        section.name('Too many rooms for the cloud path');
        section
          .paragraphSetting('deviceLimit')
          .name(`SmartThings allows ${MAX_DEVICES_PER_INSTALLED_APP} devices per SmartApp`)
          .description(`${tooMany.length} room(s) would be left out (${tooMany.map((d) => d.label).join(', ')}). Choose fewer homes, or use the LAN path (Edge driver), which has no limit.`);
      });
    }
    page.section('homes', (section: Section) => {
      section.name('Homes to bridge');
      if (homes.length === 0) {
        section.paragraphSetting('noHomes').name('No homes yet').description('The bridge has not read your Netatmo homes yet. Leave this empty to bridge every home.');
        return;
      }
      section
        .enumSetting(SETTING.homes)
        .name('Homes')
        .description('Leave empty to bridge every home of the account')
        .options(homes)
        .translateOptions(false)
        .multiple(true)
        .required(false);
    });
  });

  app.page('options', (_ctx, page: Page) => {
    page.name('Options').previousPageId('homes').complete(true);
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
        .defaultValue(context.store.data.settings.preferredPath ?? context.config.preferredPath)
        .required(false);
      numberSetting(section, SETTING.pollIntervalS, 'Netatmo poll interval (seconds)', 'Netatmo allows about 500 requests an hour', LIMITS.pollIntervalS, context.store.data.settings.pollIntervalS ?? context.config.pollIntervalS);
    });
    page.section('durations', (section) => {
      section.name('Durations of changes made from SmartThings');
      numberSetting(section, SETTING.overrideMinutes, 'Manual setpoint (minutes)', '0 = the home\'s default duration from the Netatmo app', LIMITS.overrideMinutes, context.store.data.settings.defaultOverrideMinutes ?? 0);
      numberSetting(section, SETTING.boostMinutes, 'Boost (minutes)', 'How long the heat (boost) mode of a room lasts', LIMITS.boostMinutes, context.store.data.settings.boostMinutes ?? DEFAULT_BOOST_MINUTES);
      numberSetting(section, SETTING.awayHours, 'Away / frost guard (hours)', '0 = until changed', LIMITS.awayHours, context.store.data.settings.awayHours ?? 0);
    });
  });
}

function numberSetting(section: Section, id: string, name: string, description: string, limits: { min: number; max: number }, value: number): void {
  section.numberSetting(id).name(name).description(description).min(limits.min).max(limits.max).defaultValue(value).required(false);
}

function accountStatusText(context: BridgeContext): string {
  switch (context.tokens.status()) {
    case 'ok':
      return 'This bridge is connected to Netatmo.';
    case 'auth_required':
      return 'This bridge must be reconnected to Netatmo.';
    case 'not_configured':
      return 'This bridge is not connected to Netatmo yet: turn this off and enter your credentials below.';
  }
}

/** Homes for the choice: the state's, else a quick homesdata call (the page must answer within 10 s). */
async function homeOptions(context: BridgeContext): Promise<{ id: string; name: string }[]> {
  if (context.state.homes.length > 0) return context.state.homes.map((h) => ({ id: h.id, name: h.name }));
  try {
    const body = await Promise.race([
      context.api.homesData(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), HOMES_TIMEOUT_MS).unref()),
    ]);
    return (body.homes ?? []).flatMap((h) => (h.id ? [{ id: h.id, name: h.name ?? h.id }] : []));
  } catch {
    return [];
  }
}
