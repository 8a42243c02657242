// HTML of the status page. The live part (#status-panel) is also served alone at GET /status/panel
// so the page's script can swap it in every few seconds with the very same markup. Every state is
// said in words (and a symbol), never by colour alone. Every word comes from the catalogue.
import { formatSeconds } from '../i18n/format.js';
import { englishTranslator, type Translator } from '../i18n/translator.js';
import { html, type SafeHtml } from './html.js';
import { rich } from './rich.js';
import type { HomeView, RoomView, StatusView, Tone } from './status-view.js';

const TONE_SYMBOL: Record<Tone, string> = { ok: '✓', warn: '!', bad: '✕', neutral: 'i' };

export function renderStatusBody(view: StatusView, tr: Translator = englishTranslator()): SafeHtml {
  return html`<h1>${tr.t('status.heading')}</h1>
<div id="status-panel" data-refresh-url="/status/panel">${renderStatusPanel(view, tr)}</div>
<p class="refresh-note" id="refresh-note">${tr.t('status.refreshNote')}</p>
<section id="history" class="card history" aria-labelledby="history-title" hidden>
  <div class="history-head">
    <h2 id="history-title" tabindex="-1">${tr.t('status.historyTitle')}</h2>
    <div class="range-switch" role="group" aria-label="${tr.t('status.historyPeriod')}">
      <button type="button" data-history-range="24h" aria-pressed="true">${tr.t('status.history24h')}</button>
      <button type="button" data-history-range="7d" aria-pressed="false">${tr.t('status.history7d')}</button>
    </div>
  </div>
  <div id="history-chart" class="chart" aria-live="polite"></div>
</section>`;
}

export function renderStatusPanel(view: StatusView, tr: Translator = englishTranslator()): SafeHtml {
  return html`${view.bridge.simulated ? demoBanner(tr) : ''}${view.dataFile.problem ? dataFileBanner(view.dataFile.problem, tr) : ''}
<div class="overview">
${netatmoCard(view, tr)}
${hubCard(view, tr)}
</div>
${view.homes.length === 0 ? html`<p class="card empty">${tr.t('status.noHomes')}</p>` : ''}
${view.homes.map((home, index) => homeSection(home, index, tr))}`;
}

function demoBanner(tr: Translator): SafeHtml {
  return html`<div class="demo-banner" role="note" aria-label="${tr.t('status.demoLabel')}">
  <p><strong>${tr.t('status.demoTitle')}</strong></p>
  <p>${rich(tr, 'status.demoText', { admin: (inner) => html`<a href="/admin">${inner}</a>` })}</p>
</div>`;
}

function dataFileBanner(problem: string, tr: Translator): SafeHtml {
  return html`<div class="card status-card tone-bad" role="alert" id="data-file-problem">
  <p class="headline"><span class="tone-symbol" aria-hidden="true">${TONE_SYMBOL.bad}</span> ${tr.t('status.dataFileProblem')}</p>
  <p>${problem}</p>
</div>`;
}

function netatmoCard(view: StatusView, tr: Translator): SafeHtml {
  const n = view.netatmo;
  const share = n.budgetPerHour > 0 ? Math.min(100, Math.round((n.callsLastHour / n.budgetPerHour) * 100)) : 0;
  const interval =
    n.effectivePollIntervalS > n.pollIntervalS
      ? tr.t('status.pollStretched', { interval: formatSeconds(n.pollIntervalS, tr), effective: formatSeconds(n.effectivePollIntervalS, tr) })
      : formatSeconds(n.pollIntervalS, tr);
  const time = (iso: string) => (inner: SafeHtml) => html`<time datetime="${iso}">${inner}</time>`;
  return html`<section class="card status-card tone-${n.tone}" aria-labelledby="netatmo-title" data-status="${n.status}">
  <h2 id="netatmo-title">${tr.t('status.netatmoTitle')}</h2>
  <p class="headline"><span class="tone-symbol" aria-hidden="true">${TONE_SYMBOL[n.tone]}</span> <span id="netatmo-headline">${n.headline}</span></p>
  <p>${n.explanation}</p>
  ${n.movedAt ? html`<p id="netatmo-moved">${rich(tr, 'status.exported', { time: time(n.movedAt) }, { when: n.movedAgoText ?? n.movedAt })}</p>` : ''}
  <dl class="facts">
    <div><dt>${tr.t('status.data')}</dt><dd id="data-age">${n.stale && n.lastSuccessAt ? tr.t('status.stale', { age: n.dataAgeText }) : n.dataAgeText}</dd></div>
    <div><dt>${tr.t('status.lastError')}</dt><dd id="last-error">${n.lastError ? html`${n.lastError.message} <span class="muted">(${n.lastError.agoText})</span>` : tr.t('status.none')}</dd></div>
    <div><dt>${tr.t('status.apiCalls')}</dt><dd id="api-calls">${tr.t('status.callsOf', { calls: n.callsLastHour, budget: n.budgetPerHour })}
      <meter min="0" max="${n.budgetPerHour}" low="${Math.round(n.budgetPerHour * 0.6)}" high="${Math.round(n.budgetPerHour * 0.85)}" optimum="0" value="${n.callsLastHour}" aria-label="${tr.t('status.callsMeter', { share })}">${tr.t('unit.percent', { value: share })}</meter></dd></div>
    <div><dt>${tr.t('status.pollInterval')}</dt><dd>${interval}</dd></div>
    ${n.backoffUntil ? html`<div><dt>${tr.t('status.holdingBack')}</dt><dd>${rich(tr, 'status.holdingBackText', { time: time(n.backoffUntil) }, { when: n.backoffEndsText ?? tr.t('time.soon') })}</dd></div>` : ''}
  </dl>
</section>`;
}

function hubCard(view: StatusView, tr: Translator): SafeHtml {
  const { hubs, pairing } = view;
  const closes = (inner: SafeHtml) => html`<time datetime="${pairing.closesAt ?? ''}">${inner}</time>`;
  return html`<section class="card" aria-labelledby="hub-title">
  <h2 id="hub-title">${tr.t('status.hubTitle')}</h2>
  <dl class="facts">
    <div><dt>${tr.t('status.lastHubPoll')}</dt><dd id="hub-last-poll">${hubs.lastPollText}</dd></div>
    <div><dt>${tr.t('status.pairingWindow')}</dt><dd id="pairing-state">${pairing.open && pairing.closesAt ? rich(tr, 'status.pairingOpen', { time: closes }, { when: pairing.closesText ?? tr.t('time.soon') }) : tr.t('status.pairingClosed')}</dd></div>
    <div><dt>${tr.t('status.commandPath')}</dt><dd>${tr.t(view.bridge.preferredPath === 'lan' ? 'status.pathLan' : 'status.pathCloud')}</dd></div>
    <div><dt>${tr.t('status.bridgeVersion')}</dt><dd id="bridge-version">${tr.t('status.versionApi', { version: view.bridge.version, level: hubs.bridgeApiLevel })}</dd></div>
  </dl>
  ${hubs.list.length === 0 ? html`<p class="muted">${tr.t('status.noHub')}</p>` : hubTable(view, tr)}
</section>`;
}

function hubTable(view: StatusView, tr: Translator): SafeHtml {
  const { list } = view.hubs;
  const driver = (hub: StatusView['hubs']['list'][number]) =>
    hub.driverUpdate ? html`<span class="warn-text"><span aria-hidden="true">⚠ </span>${tr.t('status.driverUpdate', { driver: hub.driverText })}</span>` : hub.driverText;
  return html`<table class="hubs">
    <caption>${tr.t('status.hubsCaption')}</caption>
    <thead><tr><th scope="col">${tr.t('status.hubAddress')}</th><th scope="col">${tr.t('status.hubLastPoll')}</th><th scope="col">${tr.t('status.hubPaired')}</th><th scope="col">${tr.t('status.hubDriver')}</th></tr></thead>
    <tbody>${list.map((hub) => html`<tr><td>${hub.address}</td><td>${hub.lastSeenText}</td><td>${tr.t(hub.paired ? 'status.yes' : 'status.no')}</td><td>${driver(hub)}</td></tr>`)}</tbody>
  </table>
  ${list
    .filter((hub) => hub.driverUpdate)
    .map((hub) => html`<p class="warn-text driver-update" role="status"><span aria-hidden="true">⚠ </span>${tr.t('status.hubAdvice', { address: hub.address, advice: hub.driverUpdate ?? '' })}</p>`)}`;
}

function homeSection(home: HomeView, index: number, tr: Translator): SafeHtml {
  const id = `home-${index}`;
  return html`<section class="home" aria-labelledby="${id}-title" data-home-id="${home.id}">
  <div class="home-head">
    <h2 id="${id}-title">${home.name}</h2>
    <p class="home-mode">${rich(tr, 'status.homeMode', {}, { mode: home.modeText })}${home.schedule ? html` · ${rich(tr, 'status.homeSchedule', {}, { schedule: home.schedule })}` : ''}${home.problem === null ? '' : html` · <strong class="warn-text">⚠ ${home.problem}</strong>`}</p>
  </div>
  <ul class="rooms" role="list">
    ${home.rooms.map((room) => roomCard(home, room, tr))}
  </ul>
</section>`;
}

function roomCard(home: HomeView, room: RoomView, tr: Translator): SafeHtml {
  const warn = (low: boolean) => (low ? html` class="warn-text"` : '');
  return html`<li class="room${room.reachable ? '' : ' unreachable'}" data-room-id="${room.id}">
  <h3>${room.name}</h3>
  <p class="temps"><span class="measured" data-measured>${room.measuredText}</span> <span class="setpoint">${tr.t('status.setTo', { value: room.setpointText })}</span></p>
  <dl class="room-facts">
    <div><dt>${tr.t('status.roomMode')}</dt><dd>${room.modeText}</dd></div>
    <div><dt>${tr.t('status.heating')}</dt><dd>${room.heating ? html`<span aria-hidden="true">🔥 </span>` : ''}${room.heatingText}</dd></div>
    <div><dt>${tr.t('status.battery')}</dt><dd${warn(room.batteryLow)}>${room.batteryLow ? html`<span aria-hidden="true">⚠ </span>` : ''}${room.batteryText}</dd></div>
    <div><dt>${tr.t('status.window')}</dt><dd>${room.windowText}</dd></div>
    <div><dt>${tr.t('status.reachable')}</dt><dd${warn(!room.reachable)}>${tr.t(room.reachable ? 'status.reachableYes' : 'status.reachableNo')}</dd></div>
  </dl>
  <button type="button" class="history-button" data-history-home="${home.id}" data-history-room="${room.id}" data-history-name="${room.name}" data-history-zone="${home.timeZone}">${rich(tr, 'status.historyButton', { hidden: (inner) => html`<span class="visually-hidden">${inner}</span>` }, { room: room.name })}</button>
</li>`;
}
