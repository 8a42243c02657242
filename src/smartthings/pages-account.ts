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
import type { BridgeContext } from '../context.js';
import type { LowdbContextStore } from './context-store.js';
import { connectNetatmoAccount } from './netatmo-account.js';
import type { ConfigurationData } from './sdk-types.js';
import { netatmoAccountFromConfig, SETTING } from './settings.js';
import { statusPageUrls } from '../welcome.js';

/** The web feature's guided connection: the admin page's "Connect Netatmo" card. */
export const CONNECT_PAGE_PATH = '/admin#connect';
export const MANUAL_PAGE_ID = 'netatmoManual';

export function accountPage(context: BridgeContext, page: Page): void {
  page.name('Netatmo account').nextPageId('homes');
  page.section('status', (section) => {
    section.name('Netatmo');
    section.paragraphSetting('netatmoStatus').name(accountStatusText(context));
  });
  page.section('connect', (section) => {
    section.name('Connect Netatmo');
    const [onLan, viaPublicUrl] = connectPageUrls(context);
    section
      .linkSetting('connectNetatmo')
      .name('Connect on the bridge (recommended)')
      .description("Opens the bridge's own page on your home network: sign in with its admin password, then allow access on Netatmo's page. Come back here afterwards.")
      .url(onLan)
      .style('BUTTON' as unknown as LinkStyle);
    if (viaPublicUrl) {
      section
        .linkSetting('connectNetatmoPublic')
        .name('Connect through the public address')
        .description('Only when your reverse proxy forwards /admin and /oauth/callback (docs/security.md).')
        .url(viaPublicUrl);
    }
    section
      .pageSetting('manualEntry')
      .page(MANUAL_PAGE_ID)
      .name('Type a refresh token instead')
      .description('Only when the bridge page cannot be opened. The token is used at once and then taken off the page.');
  });
}

export async function manualAccountPage(context: BridgeContext, contexts: LowdbContextStore, page: Page, data: ConfigurationData): Promise<void> {
  page.name('Netatmo app credentials').previousPageId('netatmo').nextPageId('homes');
  const answer = netatmoAccountFromConfig(data.config ?? {});
  const typed = answer.clientId !== undefined && answer.clientSecret !== undefined && answer.refreshToken !== undefined;
  const check = typed ? await connectNetatmoAccount(context, contexts, data.installedAppId, { ...answer, useBridgeAccount: false }) : null;
  if (check) {
    page.section('result', (section) => {
      section.name(check.ok ? 'Netatmo connected' : 'Netatmo not connected');
      section.paragraphSetting('manualResult').name(check.ok ? 'OK' : 'Problem').description(check.message);
    });
  }
  page.section('credentials', (section) => {
    section.name('Your app at dev.netatmo.com');
    section.textSetting(SETTING.clientId).name('Client id').description('From your app at dev.netatmo.com').required(false);
    if (check?.ok) {
      section.paragraphSetting('tokenUsed').name('Token used').description('The bridge exchanged the refresh token and keeps its own tokens fresh; the secret and the token are no longer on this page.');
      return;
    }
    section.passwordSetting(SETTING.clientSecret).name('Client secret').description('From your app at dev.netatmo.com').required(false);
    section
      .passwordSetting(SETTING.refreshToken)
      .name('Refresh token')
      .description('Generated at dev.netatmo.com with the read_thermostat and write_thermostat scopes; used once, at once')
      .submitOnChange(true)
      .required(false);
  });
}

/** The guided connection on the bridge's LAN address, and through PUBLIC_URL when that differs. */
export function connectPageUrls(context: BridgeContext): [string, string | null] {
  const lan = `${statusPageUrls(context.config.host, context.httpPort())[0]!.replace(/\/$/, '')}${CONNECT_PAGE_PATH}`;
  const publicUrl = context.config.publicUrl ? `${context.config.publicUrl}${CONNECT_PAGE_PATH}` : null;
  return [lan, publicUrl === lan ? null : publicUrl];
}

function accountStatusText(context: BridgeContext): string {
  switch (context.tokens.status()) {
    case 'ok':
      return 'This bridge is connected to Netatmo.';
    case 'auth_required':
      return 'This bridge must be reconnected to Netatmo.';
    case 'not_configured':
      return 'This bridge is not connected to Netatmo yet.';
    case 'moved':
      return 'This bridge\'s Netatmo connection was moved to another machine.';
  }
}
