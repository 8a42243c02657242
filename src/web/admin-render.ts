// HTML of the admin page: the sign-in form, or (signed in) the actions. Every form carries the
// session's CSRF token; secrets appear only here, after sign-in. Every word comes from the catalogue.
import { POLL_TIMING } from '../config/poll-timing.js';
import { englishTranslator, type Translator } from '../i18n/translator.js';
import type { Flash } from './auth/sessions.js';
import { html, type SafeHtml } from './html.js';
import { diagnosticsSection, moveSection, type MoveView } from './move-render.js';
import { rich } from './rich.js';

export interface SignInView {
  error: string | null;
  passwordSource: 'environment' | 'data_file' | 'generated';
}

export interface AdminView {
  csrf: string;
  flash: Flash | null;
  netatmo: { headline: string; connected: boolean; simulated: boolean; clientId: string | null; hasSecret: boolean; callbackUrl: string };
  pendingPaste: { redirectUri: string } | null;
  lanToken: string;
  lanTokenFromEnv: boolean;
  pairing: { closesAt: string | null; closesText: string | null };
  settings: { pollIntervalS: number; staleThresholdS: number; preferredPath: 'lan' | 'cloud' };
  /** The SmartApp settings are complete, so the cloud path can be preferred. */
  smartappConfigured: boolean;
  move: MoveView;
}

export function renderSignIn(view: SignInView, tr: Translator = englishTranslator()): SafeHtml {
  const hint = tr.t(view.passwordSource === 'environment' ? 'admin.passwordHintEnv' : 'admin.passwordHintGenerated');
  return html`<h1>${tr.t('admin.title')}</h1>
<section class="card narrow" aria-labelledby="signin-title">
  <h2 id="signin-title">${tr.t('admin.signInHeading')}</h2>
  ${view.error ? html`<p class="form-error" role="alert" id="signin-error">${view.error}</p>` : ''}
  <form method="post" action="/admin/sign-in">
    <label for="password">${tr.t('admin.passwordLabel')}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"${view.error ? html` aria-invalid="true" aria-describedby="signin-error"` : ''}>
    <p class="hint" id="password-hint">${hint}</p>
    <button type="submit">${tr.t('admin.signInButton')}</button>
  </form>
</section>`;
}

export function renderAdmin(view: AdminView, tr: Translator = englishTranslator()): SafeHtml {
  const csrf = html`<input type="hidden" name="_csrf" value="${view.csrf}">`;
  const pairing = view.pairing.closesAt
    ? rich(tr, 'status.pairingOpen', { time: (inner) => html`<time datetime="${view.pairing.closesAt ?? ''}">${inner}</time>` }, { when: view.pairing.closesText ?? tr.t('time.soon') })
    : tr.t('status.pairingClosed');
  return html`<h1>${tr.t('admin.title')}</h1>
${view.flash ? html`<div class="flash flash-${view.flash.kind}" role="${view.flash.kind === 'error' ? 'alert' : 'status'}" id="flash"><p>${view.flash.text}</p></div>` : ''}
${connectSection(view, csrf, tr)}
${lanTokenSection(view, csrf, tr)}
<section class="card" aria-labelledby="pairing-title">
  <h2 id="pairing-title">${tr.t('admin.pairingTitle')}</h2>
  <p>${tr.t('admin.pairingText')}</p>
  <p>${tr.t('admin.pairingStateLabel')} <strong id="admin-pairing-state">${pairing}</strong></p>
  <form method="post" action="/admin/pairing/open">${csrf}<button type="submit">${tr.t('admin.pairingButton')}</button></form>
</section>
<section class="card" aria-labelledby="refresh-title">
  <h2 id="refresh-title">${tr.t('admin.refreshTitle')}</h2>
  <p>${tr.t('admin.refreshText')}</p>
  <form method="post" action="/admin/refresh">${csrf}<button type="submit">${tr.t('admin.refreshButton')}</button></form>
</section>
${settingsSection(view, csrf, tr)}
${moveSection(view.move, csrf, tr)}
${diagnosticsSection(csrf, tr)}
<form method="post" action="/admin/sign-out" class="sign-out">${csrf}<button type="submit" class="secondary">${tr.t('admin.signOut')}</button></form>`;
}
function connectSection(view: AdminView, csrf: SafeHtml, tr: Translator): SafeHtml {
  const n = view.netatmo;
  const connectedReal = n.connected && !n.simulated;
  const summary = view.pendingPaste ? 'connect.startAgain' : connectedReal ? 'connect.again' : 'connect.first';
  const appsLink = (inner: SafeHtml) => html`<a href="https://dev.netatmo.com/apps" rel="noopener noreferrer" target="_blank">${inner}</a>`;
  return html`<section class="card" aria-labelledby="connect-title" id="connect">
  <h2 id="connect-title">${tr.t('connect.title')}</h2>
  <p>${rich(tr, 'connect.now', { strong: (inner) => html`<strong id="admin-netatmo-state">${inner}</strong>` }, { state: n.headline })}${n.simulated ? tr.t('connect.simulated') : ''}</p>
  ${view.pendingPaste ? pasteForm(view.pendingPaste.redirectUri, csrf, tr) : ''}
  <details${view.pendingPaste || connectedReal ? '' : ' open'}>
    <summary>${tr.t(summary)}</summary>
    <ol class="steps">
      <li>${rich(tr, 'connect.step1', { apps: appsLink })}</li>
      <li>${rich(tr, 'connect.step2', { callback: (inner) => html`<code id="callback-url">${inner}</code>` }, { url: n.callbackUrl })}</li>
      <li>${tr.t('connect.step3')}</li>
    </ol>
    <form method="post" action="/admin/netatmo/connect">
      ${csrf}
      <label for="clientId">${tr.t('connect.clientId')}</label>
      <input id="clientId" name="clientId" autocomplete="off" spellcheck="false" required maxlength="200" value="${n.clientId ?? ''}">
      <label for="clientSecret">${tr.t('connect.clientSecret')}</label>
      <input id="clientSecret" name="clientSecret" type="password" autocomplete="off" maxlength="200"${n.hasSecret ? '' : ' required'} aria-describedby="secret-hint">
      <p class="hint" id="secret-hint">${tr.t(n.hasSecret ? 'connect.secretKeep' : 'connect.secretWhere')}</p>
      <fieldset>
        <legend>${tr.t('connect.returnLegend')}</legend>
        <div class="choice"><input type="radio" id="redirect-bridge" name="redirectMode" value="bridge" checked>
          <label for="redirect-bridge">${rich(tr, 'connect.returnBridge', {}, { url: n.callbackUrl })}</label></div>
        <div class="choice"><input type="radio" id="redirect-paste" name="redirectMode" value="paste">
          <label for="redirect-paste">${tr.t('connect.returnPaste')}</label></div>
        <label for="redirectUri">${tr.t('connect.otherRedirect')}</label>
        <input id="redirectUri" name="redirectUri" placeholder="http://localhost" inputmode="url" maxlength="300" spellcheck="false">
      </fieldset>
      <button type="submit">${tr.t('connect.button')}</button>
    </form>
  </details>
</section>`;
}

function pasteForm(redirectUri: string, csrf: SafeHtml, tr: Translator): SafeHtml {
  return html`<div class="paste-box" id="paste">
  <h3>${tr.t('connect.finishTitle')}</h3>
  <p>${rich(tr, 'connect.finishText', {}, { url: redirectUri })}</p>
  <form method="post" action="/admin/netatmo/paste">
    ${csrf}
    <label for="address">${tr.t('connect.addressLabel')}</label>
    <input id="address" name="address" required maxlength="4000" spellcheck="false" placeholder="${redirectUri}?state=…&amp;code=…">
    <button type="submit">${tr.t('connect.finishButton')}</button>
  </form>
</div>`;
}

function lanTokenSection(view: AdminView, csrf: SafeHtml, tr: Translator): SafeHtml {
  return html`<section class="card" aria-labelledby="lan-title">
  <h2 id="lan-title">${tr.t('admin.lanTitle')}</h2>
  <p>${tr.t('admin.lanText')}</p>
  <details><summary>${tr.t('admin.lanShow')}</summary><p><code class="secret" id="lan-token">${view.lanToken}</code></p></details>
  ${
    view.lanTokenFromEnv
      ? html`<p class="hint">${tr.t('admin.lanFromEnv')}</p>`
      : html`<form method="post" action="/admin/lan-token/rotate">
    ${csrf}
    <p class="warn-text" id="rotate-warning"><span aria-hidden="true">⚠ </span>${tr.t('admin.lanRotateWarning')}</p>
    <button type="submit" class="danger" aria-describedby="rotate-warning">${tr.t('admin.lanRotateButton')}</button>
  </form>`
  }
</section>`;
}

function settingsSection(view: AdminView, csrf: SafeHtml, tr: Translator): SafeHtml {
  const s = view.settings;
  const path = (value: 'lan' | 'cloud', label: string) =>
    html`<div class="choice"><input type="radio" id="path-${value}" name="preferredPath" value="${value}"${s.preferredPath === value ? ' checked' : ''}><label for="path-${value}">${label}</label></div>`;
  return html`<section class="card" aria-labelledby="settings-title">
  <h2 id="settings-title">${tr.t('admin.settingsTitle')}</h2>
  <form method="post" action="/admin/settings">
    ${csrf}
    <label for="pollIntervalS">${tr.t('admin.pollLabel')}</label>
    <input id="pollIntervalS" name="pollIntervalS" type="number" min="${POLL_TIMING.minPollS}" max="${POLL_TIMING.maxPollS}" step="1" required value="${s.pollIntervalS}" aria-describedby="poll-hint">
    <p class="hint" id="poll-hint">${tr.t('admin.pollHint', { min: POLL_TIMING.minPollS, max: POLL_TIMING.maxPollS })}</p>
    <label for="staleThresholdS">${tr.t('admin.staleLabel')}</label>
    <input id="staleThresholdS" name="staleThresholdS" type="number" min="${POLL_TIMING.minPollS * POLL_TIMING.staleFactor}" max="${POLL_TIMING.maxStaleS}" step="1" required value="${s.staleThresholdS}" aria-describedby="stale-hint">
    <p class="hint" id="stale-hint">${tr.t('admin.staleHint')}</p>
    <fieldset><legend>${tr.t('admin.pathLegend')}</legend>${path('lan', tr.t('admin.pathLan'))}${path('cloud', tr.t('admin.pathCloud'))}
      ${view.smartappConfigured ? '' : html`<p class="hint" id="cloud-hint">${tr.t('admin.cloudHint')}</p>`}</fieldset>
    <button type="submit">${tr.t('admin.saveSettings')}</button>
  </form>
</section>`;
}
