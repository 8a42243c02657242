// HTML of the status page. The live part (#status-panel) is also served alone at GET /status/panel
// so the page's script can swap it in every few seconds with the very same markup. Every state is
// said in words (and a symbol), never by colour alone.
import { html, type SafeHtml } from './html.js';
import type { HomeView, RoomView, StatusView, Tone } from './status-view.js';
import { formatSeconds } from './words.js';

const TONE_SYMBOL: Record<Tone, string> = { ok: '✓', warn: '!', bad: '✕', neutral: 'i' };

export function renderStatusBody(view: StatusView): SafeHtml {
  return html`<h1>Bridge status</h1>
<div id="status-panel" data-refresh-url="/status/panel">${renderStatusPanel(view)}</div>
<p class="refresh-note" id="refresh-note">This page updates by itself.</p>
<section id="history" class="card history" aria-labelledby="history-title" hidden>
  <div class="history-head">
    <h2 id="history-title" tabindex="-1">Temperature history</h2>
    <div class="range-switch" role="group" aria-label="Period">
      <button type="button" data-history-range="24h" aria-pressed="true">Last 24 hours</button>
      <button type="button" data-history-range="7d" aria-pressed="false">Last 7 days</button>
    </div>
  </div>
  <div id="history-chart" class="chart" aria-live="polite"></div>
</section>`;
}

export function renderStatusPanel(view: StatusView): SafeHtml {
  return html`${view.bridge.simulated ? demoBanner() : ''}${view.dataFile.problem ? dataFileBanner(view.dataFile.problem) : ''}
<div class="overview">
${netatmoCard(view)}
${hubCard(view)}
</div>
${view.homes.length === 0 ? html`<p class="card empty">No homes yet: they appear after the first successful read from Netatmo.</p>` : ''}
${view.homes.map((home, index) => homeSection(home, index))}`;
}

function demoBanner(): SafeHtml {
  return html`<div class="demo-banner" role="note" aria-label="Demo mode">
  <p><strong>SIMULATED HOME (demo)</strong></p>
  <p>The homes below come from the bridge's built-in Netatmo simulator, not from your account. Connect Netatmo on the <a href="/admin">Admin</a> page to bridge your real heating.</p>
</div>`;
}

function dataFileBanner(problem: string): SafeHtml {
  return html`<div class="card status-card tone-bad" role="alert" id="data-file-problem">
  <p class="headline"><span class="tone-symbol" aria-hidden="true">${TONE_SYMBOL.bad}</span> The bridge cannot save its data file</p>
  <p>${problem}</p>
</div>`;
}

function netatmoCard(view: StatusView): SafeHtml {
  const n = view.netatmo;
  const share = n.budgetPerHour > 0 ? Math.min(100, Math.round((n.callsLastHour / n.budgetPerHour) * 100)) : 0;
  const interval =
    n.effectivePollIntervalS > n.pollIntervalS
      ? `${formatSeconds(n.pollIntervalS)} (stretched to ${formatSeconds(n.effectivePollIntervalS)} to stay within the budget)`
      : formatSeconds(n.pollIntervalS);
  return html`<section class="card status-card tone-${n.tone}" aria-labelledby="netatmo-title" data-status="${n.status}">
  <h2 id="netatmo-title">Netatmo connection</h2>
  <p class="headline"><span class="tone-symbol" aria-hidden="true">${TONE_SYMBOL[n.tone]}</span> <span id="netatmo-headline">${n.headline}</span></p>
  <p>${n.explanation}</p>
  ${n.movedAt ? html`<p id="netatmo-moved">Exported <time datetime="${n.movedAt}">${n.movedAgoText ?? n.movedAt}</time>.</p>` : ''}
  <dl class="facts">
    <div><dt>Data</dt><dd id="data-age">${n.dataAgeText}${n.stale && n.lastSuccessAt ? ' (stale)' : ''}</dd></div>
    <div><dt>Last error</dt><dd id="last-error">${n.lastError ? html`${n.lastError.message} <span class="muted">(${n.lastError.agoText})</span>` : 'none'}</dd></div>
    <div><dt>API calls this hour</dt><dd id="api-calls">${n.callsLastHour} of ${n.budgetPerHour}
      <meter min="0" max="${n.budgetPerHour}" low="${Math.round(n.budgetPerHour * 0.6)}" high="${Math.round(n.budgetPerHour * 0.85)}" optimum="0" value="${n.callsLastHour}" aria-label="API calls this hour: ${share} % of the budget">${share} %</meter></dd></div>
    <div><dt>Poll interval</dt><dd>${interval}</dd></div>
    ${n.backoffUntil ? html`<div><dt>Holding back</dt><dd>Netatmo asked the bridge to slow down or kept failing; next try <time datetime="${n.backoffUntil}">${n.backoffEndsText ?? 'soon'}</time></dd></div>` : ''}
  </dl>
</section>`;
}

function hubCard(view: StatusView): SafeHtml {
  const { hubs, pairing } = view;
  return html`<section class="card" aria-labelledby="hub-title">
  <h2 id="hub-title">SmartThings hub</h2>
  <dl class="facts">
    <div><dt>Last hub poll</dt><dd id="hub-last-poll">${hubs.lastPollText}</dd></div>
    <div><dt>Pairing window</dt><dd id="pairing-state">${pairing.open && pairing.closesAt ? html`open, closes <time datetime="${pairing.closesAt}">${pairing.closesText ?? 'soon'}</time>` : 'closed'}</dd></div>
    <div><dt>Path for commands</dt><dd>${view.bridge.preferredPath === 'lan' ? 'LAN (Edge driver)' : 'Cloud (SmartApp)'}</dd></div>
    <div><dt>Bridge version</dt><dd id="bridge-version">${view.bridge.version} (LAN API ${hubs.bridgeApiLevel})</dd></div>
  </dl>
  ${
    hubs.list.length === 0
      ? html`<p class="muted">No hub seen in the last 24 hours.</p>`
      : html`<table class="hubs">
    <caption>Hubs seen in the last 24 hours</caption>
    <thead><tr><th scope="col">Address</th><th scope="col">Last poll</th><th scope="col">Paired here</th><th scope="col">Edge driver</th></tr></thead>
    <tbody>${hubs.list.map((hub) => html`<tr><td>${hub.address}</td><td>${hub.lastSeenText}</td><td>${hub.paired ? 'yes' : 'no'}</td><td>${hub.driverUpdate ? html`<span class="warn-text"><span aria-hidden="true">⚠ </span>${hub.driverText}: update</span>` : hub.driverText}</td></tr>`)}</tbody>
  </table>
  ${hubs.list
    .filter((hub) => hub.driverUpdate)
    .map((hub) => html`<p class="warn-text driver-update" role="status"><span aria-hidden="true">⚠ </span>${hub.address}: ${hub.driverUpdate}</p>`)}`
  }
</section>`;
}

function homeSection(home: HomeView, index: number): SafeHtml {
  const id = `home-${index}`;
  return html`<section class="home" aria-labelledby="${id}-title" data-home-id="${home.id}">
  <div class="home-head">
    <h2 id="${id}-title">${home.name}</h2>
    <p class="home-mode">Mode: <strong>${home.modeText}</strong>${home.schedule ? html` · Schedule: <strong>${home.schedule}</strong>` : ''}${home.problem === null ? '' : html` · <strong class="warn-text">⚠ ${home.problem}</strong>`}</p>
  </div>
  <ul class="rooms" role="list">
    ${home.rooms.map((room) => roomCard(home, room))}
  </ul>
</section>`;
}

function roomCard(home: HomeView, room: RoomView): SafeHtml {
  return html`<li class="room${room.reachable ? '' : ' unreachable'}" data-room-id="${room.id}">
  <h3>${room.name}</h3>
  <p class="temps"><span class="measured" data-measured>${room.measuredText}</span> <span class="setpoint">set to ${room.setpointText}</span></p>
  <dl class="room-facts">
    <div><dt>Mode</dt><dd>${room.modeText}</dd></div>
    <div><dt>Heating</dt><dd>${room.heating ? html`<span aria-hidden="true">🔥 </span>` : ''}${room.heatingText}</dd></div>
    <div><dt>Battery</dt><dd${room.batteryLow ? html` class="warn-text"` : ''}>${room.batteryLow ? html`<span aria-hidden="true">⚠ </span>` : ''}${room.batteryText}</dd></div>
    <div><dt>Window</dt><dd>${room.windowText}</dd></div>
    <div><dt>Reachable</dt><dd${room.reachable ? '' : html` class="warn-text"`}>${room.reachable ? 'Yes' : '⚠ No'}</dd></div>
  </dl>
  <button type="button" class="history-button" data-history-home="${home.id}" data-history-room="${room.id}" data-history-name="${room.name}">Temperature history<span class="visually-hidden"> of ${room.name}</span></button>
</li>`;
}
