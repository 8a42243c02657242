// HTML of the admin page: the sign-in form, or (signed in) the actions. Every form carries the
// session's CSRF token; secrets appear only here, after sign-in.
import type { Flash } from './auth/sessions.js';
import { POLL_TIMING } from '../config/poll-timing.js';
import { html, type SafeHtml } from './html.js';
import { diagnosticsSection, moveSection, type MoveView } from './move-render.js';

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

export function renderSignIn(view: SignInView): SafeHtml {
  const hint =
    view.passwordSource === 'environment'
      ? 'Use the password set in ADMIN_PASSWORD.'
      : 'At its first start the bridge printed a generated password once in its log (the line starts with “ADMIN PASSWORD”). You can also set your own with ADMIN_PASSWORD.';
  return html`<h1>Admin</h1>
<section class="card narrow" aria-labelledby="signin-title">
  <h2 id="signin-title">Sign in</h2>
  ${view.error ? html`<p class="form-error" role="alert" id="signin-error">${view.error}</p>` : ''}
  <form method="post" action="/admin/sign-in">
    <label for="password">Admin password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"${view.error ? html` aria-invalid="true" aria-describedby="signin-error"` : ''}>
    <p class="hint" id="password-hint">${hint}</p>
    <button type="submit">Sign in</button>
  </form>
</section>`;
}

export function renderAdmin(view: AdminView): SafeHtml {
  const csrf = html`<input type="hidden" name="_csrf" value="${view.csrf}">`;
  return html`<h1>Admin</h1>
${view.flash ? html`<div class="flash flash-${view.flash.kind}" role="${view.flash.kind === 'error' ? 'alert' : 'status'}" id="flash"><p>${view.flash.text}</p></div>` : ''}
${connectSection(view, csrf)}
${lanTokenSection(view, csrf)}
<section class="card" aria-labelledby="pairing-title">
  <h2 id="pairing-title">Pair a SmartThings hub</h2>
  <p>While the pairing window is open, the Edge driver on your hub fetches the LAN token by itself. Open it, then in the SmartThings app choose Add device → Scan nearby.</p>
  <p>Pairing window: <strong id="admin-pairing-state">${view.pairing.closesAt ? html`open, closes <time datetime="${view.pairing.closesAt}">${view.pairing.closesText ?? 'soon'}</time>` : 'closed'}</strong></p>
  <form method="post" action="/admin/pairing/open">${csrf}<button type="submit">Open the pairing window for 5 minutes</button></form>
</section>
<section class="card" aria-labelledby="refresh-title">
  <h2 id="refresh-title">Refresh</h2>
  <p>Read your homes from Netatmo now instead of waiting for the next poll.</p>
  <form method="post" action="/admin/refresh">${csrf}<button type="submit">Refresh from Netatmo now</button></form>
</section>
${settingsSection(view, csrf)}
${moveSection(view.move, csrf)}
${diagnosticsSection(csrf)}
<form method="post" action="/admin/sign-out" class="sign-out">${csrf}<button type="submit" class="secondary">Sign out</button></form>`;
}

function connectSection(view: AdminView, csrf: SafeHtml): SafeHtml {
  const n = view.netatmo;
  return html`<section class="card" aria-labelledby="connect-title" id="connect">
  <h2 id="connect-title">Connect Netatmo</h2>
  <p>Now: <strong id="admin-netatmo-state">${n.headline}</strong>${n.simulated ? ' — this bridge runs the SIMULATED demo home. Connecting saves your account and restarts the bridge on it.' : ''}</p>
  ${view.pendingPaste ? pasteForm(view.pendingPaste.redirectUri, csrf) : ''}
  <details${view.pendingPaste || (n.connected && !n.simulated) ? '' : ' open'}>
    <summary>${view.pendingPaste ? 'Start again' : n.connected && !n.simulated ? 'Connect again or use another Netatmo app' : 'Connect with your Netatmo app'}</summary>
    <ol class="steps">
      <li>Create an app on <a href="https://dev.netatmo.com/apps" rel="noopener noreferrer" target="_blank">dev.netatmo.com → My apps</a> (any name).</li>
      <li>As its redirect URI, register <code id="callback-url">${n.callbackUrl}</code> — or, if your browser cannot reach this address later, <code>http://localhost</code>.</li>
      <li>Enter the app’s client id and secret below and choose Connect. Netatmo asks you to allow access; you then come back here.</li>
    </ol>
    <form method="post" action="/admin/netatmo/connect">
      ${csrf}
      <label for="clientId">Client id</label>
      <input id="clientId" name="clientId" autocomplete="off" spellcheck="false" required maxlength="200" value="${n.clientId ?? ''}">
      <label for="clientSecret">Client secret</label>
      <input id="clientSecret" name="clientSecret" type="password" autocomplete="off" maxlength="200"${n.hasSecret ? '' : ' required'} aria-describedby="secret-hint">
      <p class="hint" id="secret-hint">${n.hasSecret ? 'Leave empty to keep the saved secret.' : 'Shown on your app’s page on dev.netatmo.com.'}</p>
      <fieldset>
        <legend>Where Netatmo sends you back</legend>
        <div class="choice"><input type="radio" id="redirect-bridge" name="redirectMode" value="bridge" checked>
          <label for="redirect-bridge">Back to this bridge (<code>${n.callbackUrl}</code>)</label></div>
        <div class="choice"><input type="radio" id="redirect-paste" name="redirectMode" value="paste">
          <label for="redirect-paste">Another address registered on the app — I will paste the address I land on</label></div>
        <label for="redirectUri">Other redirect URI</label>
        <input id="redirectUri" name="redirectUri" placeholder="http://localhost" inputmode="url" maxlength="300" spellcheck="false">
      </fieldset>
      <button type="submit">Connect Netatmo</button>
    </form>
  </details>
</section>`;
}

function pasteForm(redirectUri: string, csrf: SafeHtml): SafeHtml {
  return html`<div class="paste-box" id="paste">
  <h3>Finish connecting</h3>
  <p>After you allowed access, Netatmo sent your browser to <code>${redirectUri}</code>. That page probably failed to load — that is expected. Copy the <strong>whole address</strong> from the browser’s address bar (it contains <code>code=</code>) and paste it here.</p>
  <form method="post" action="/admin/netatmo/paste">
    ${csrf}
    <label for="address">Address you landed on</label>
    <input id="address" name="address" required maxlength="4000" spellcheck="false" placeholder="${redirectUri}?state=…&amp;code=…">
    <button type="submit">Finish connecting</button>
  </form>
</div>`;
}

function lanTokenSection(view: AdminView, csrf: SafeHtml): SafeHtml {
  return html`<section class="card" aria-labelledby="lan-title">
  <h2 id="lan-title">LAN token</h2>
  <p>The Edge driver on your hub uses this token to talk to the bridge. Pairing hands it over by itself; you only need it to set the driver up by hand.</p>
  <details><summary>Show the LAN token</summary><p><code class="secret" id="lan-token">${view.lanToken}</code></p></details>
  ${
    view.lanTokenFromEnv
      ? html`<p class="hint">The token is set by LAN_TOKEN in the configuration; change it there to rotate it.</p>`
      : html`<form method="post" action="/admin/lan-token/rotate">
    ${csrf}
    <p class="warn-text" id="rotate-warning"><span aria-hidden="true">⚠ </span>After rotating, every paired hub stops working until it pairs again: open the pairing window and let the hub pair, or enter the new token in the driver settings.</p>
    <button type="submit" class="danger" aria-describedby="rotate-warning">Rotate the LAN token</button>
  </form>`
  }
</section>`;
}

function settingsSection(view: AdminView, csrf: SafeHtml): SafeHtml {
  const s = view.settings;
  const path = (value: 'lan' | 'cloud', label: string) =>
    html`<div class="choice"><input type="radio" id="path-${value}" name="preferredPath" value="${value}"${s.preferredPath === value ? ' checked' : ''}><label for="path-${value}">${label}</label></div>`;
  return html`<section class="card" aria-labelledby="settings-title">
  <h2 id="settings-title">Settings</h2>
  <form method="post" action="/admin/settings">
    ${csrf}
    <label for="pollIntervalS">Poll interval (seconds)</label>
    <input id="pollIntervalS" name="pollIntervalS" type="number" min="${POLL_TIMING.minPollS}" max="${POLL_TIMING.maxPollS}" step="1" required value="${s.pollIntervalS}" aria-describedby="poll-hint">
    <p class="hint" id="poll-hint">How often the bridge reads Netatmo; ${POLL_TIMING.minPollS} to ${POLL_TIMING.maxPollS} s. Applies at once.</p>
    <label for="staleThresholdS">Stale threshold (seconds)</label>
    <input id="staleThresholdS" name="staleThresholdS" type="number" min="${POLL_TIMING.minPollS * POLL_TIMING.staleFactor}" max="${POLL_TIMING.maxStaleS}" step="1" required value="${s.staleThresholdS}" aria-describedby="stale-hint">
    <p class="hint" id="stale-hint">Data older than this is marked stale; at least twice the poll interval.</p>
    <fieldset><legend>Preferred path for commands</legend>${path('lan', 'LAN (Edge driver on the hub)')}${path('cloud', 'Cloud (SmartApp)')}
      ${view.smartappConfigured ? '' : html`<p class="hint" id="cloud-hint">The cloud path needs the SmartApp (PUBLIC_URL and the SMARTAPP_ settings, docs/smartapp.md); without it the bridge refuses it.</p>`}</fieldset>
    <button type="submit">Save settings</button>
  </form>
</section>`;
}
