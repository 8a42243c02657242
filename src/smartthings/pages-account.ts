// Connecting Netatmo from the SmartApp. The recommended way is a link to the bridge's own guided
// OAuth page (/admin#connect): Netatmo's consent screen, no token ever typed into SmartThings.
// The link goes to the bridge's address on the home network (where the phone usually is while
// setting up; docs/security.md advises against forwarding /admin from the internet), and through
// PUBLIC_URL as well for set-ups that do forward it. The fallback page takes a client id, secret and refresh token typed by the user:
// the token field re-sends the page as soon as it is filled, the bridge uses the token at once
// (Netatmo rotates it on first use, so it is dead afterwards) and answers with a page that no
// longer has the secret fields — SmartThings offers no way to clear a setting's value, so taking
// the field off the page is the strongest thing a page can do (docs/smartapp.md).
import type { LinkStyle, Page } from '@smartthings/smartapp';
import type { SmartAppFeatureDeps } from './feature-deps.js';
import type { Translator } from '../i18n/translator.js';
import type { SmartAppContextStore } from './context-store.js';
import { connectNetatmoAccount } from './netatmo-account.js';
import type { ConfigurationData } from './sdk-types.js';
import { netatmoAccountFromConfig, SETTING } from './settings.js';
import { statusPageUrls } from '../util/page-urls.js';

/** The web feature's guided connection: the admin page's "Connect Netatmo" card. */
export const CONNECT_PAGE_PATH = '/admin#connect';
export const MANUAL_PAGE_ID = 'netatmoManual';

export function accountPage(context: SmartAppFeatureDeps, page: Page, tr: Translator): void {
  page.name(tr.t('smartapp.accountPage')).nextPageId('homes');
  page.section('status', (section) => {
    section.name(tr.t('smartapp.netatmo'));
    section.paragraphSetting('netatmoStatus').name(accountStatusText(context, tr));
  });
  page.section('connect', (section) => {
    section.name(tr.t('smartapp.connectSection'));
    const [onLan, viaPublicUrl] = connectPageUrls(context);
    section
      .linkSetting('connectNetatmo')
      .name(tr.t('smartapp.connectOnBridge'))
      .description(tr.t('smartapp.connectOnBridgeText'))
      .url(onLan)
      .style('BUTTON' as unknown as LinkStyle);
    if (viaPublicUrl) {
      section.linkSetting('connectNetatmoPublic').name(tr.t('smartapp.connectPublic')).description(tr.t('smartapp.connectPublicText')).url(viaPublicUrl);
    }
    section.pageSetting('manualEntry').page(MANUAL_PAGE_ID).name(tr.t('smartapp.manualEntry')).description(tr.t('smartapp.manualEntryText'));
  });
}

export async function manualAccountPage(context: SmartAppFeatureDeps, contexts: SmartAppContextStore, page: Page, data: ConfigurationData, tr: Translator): Promise<void> {
  page.name(tr.t('smartapp.manualPage')).previousPageId('netatmo').nextPageId('homes');
  const answer = netatmoAccountFromConfig(data.config ?? {});
  const typed = answer.clientId !== undefined && answer.clientSecret !== undefined && answer.refreshToken !== undefined;
  const check = typed ? await connectNetatmoAccount(context, contexts, data.installedAppId, { ...answer, useBridgeAccount: false }, tr) : null;
  if (check) {
    page.section('result', (section) => {
      section.name(tr.t(check.ok ? 'smartapp.connected' : 'smartapp.notConnected'));
      section.paragraphSetting('manualResult').name(tr.t(check.ok ? 'smartapp.ok' : 'smartapp.problem')).description(check.message);
    });
  }
  page.section('credentials', (section) => {
    section.name(tr.t('smartapp.yourApp'));
    section.textSetting(SETTING.clientId).name(tr.t('smartapp.clientId')).description(tr.t('smartapp.fromYourApp')).required(false);
    if (check?.ok) {
      section.paragraphSetting('tokenUsed').name(tr.t('smartapp.tokenUsed')).description(tr.t('smartapp.tokenUsedText'));
      return;
    }
    section.passwordSetting(SETTING.clientSecret).name(tr.t('smartapp.clientSecret')).description(tr.t('smartapp.fromYourApp')).required(false);
    section
      .passwordSetting(SETTING.refreshToken)
      .name(tr.t('smartapp.refreshToken'))
      .description(tr.t('smartapp.refreshTokenText'))
      .submitOnChange(true)
      .required(false);
  });
}

/** The guided connection on the bridge's LAN address, and through PUBLIC_URL when that differs. */
export function connectPageUrls(context: SmartAppFeatureDeps): [string, string | null] {
  const lan = `${statusPageUrls(context.config.host, context.httpPort())[0]!.replace(/\/$/, '')}${CONNECT_PAGE_PATH}`;
  const publicUrl = context.config.publicUrl ? `${context.config.publicUrl}${CONNECT_PAGE_PATH}` : null;
  return [lan, publicUrl === lan ? null : publicUrl];
}

function accountStatusText(context: SmartAppFeatureDeps, tr: Translator): string {
  switch (context.tokens.status()) {
    case 'ok':
      return tr.t('smartapp.statusOk');
    case 'auth_required':
      return tr.t('smartapp.statusAuthRequired');
    case 'not_configured':
      return tr.t('smartapp.statusNotConfigured');
    case 'moved':
      return tr.t('smartapp.statusMoved');
  }
}
