// Status page behaviour: swaps in the live panel every 10 s (same server-rendered markup) and
// opens a room's temperature history chart on demand. Its words, Intl locale and time zone come
// from the page (#page-texts, src/web/page-texts.ts): this file holds no text of its own.
(() => {
  'use strict';
  const REFRESH_MS = 10_000;
  const TEXTS = JSON.parse(document.getElementById('page-texts').textContent);
  function t(key, params) {
    return TEXTS.messages[key].replace(/\{(\w+)\}/g, (whole, name) => (params && name in params ? String(params[name]) : whole));
  }
  window.BridgeTexts = { t, locale: TEXTS.locale, timeZone: TEXTS.timeZone };
  const panel = document.getElementById('status-panel');
  const note = document.getElementById('refresh-note');
  const section = document.getElementById('history');
  const chart = document.getElementById('history-chart');
  const title = document.getElementById('history-title');
  if (!panel) return;

  let refreshing = false;
  async function refresh() {
    if (document.hidden || refreshing) return;
    refreshing = true;
    try {
      const response = await fetch(panel.dataset.refreshUrl, { headers: { accept: 'text/html' }, cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      panel.innerHTML = await response.text();
      const time = new Date().toLocaleTimeString(TEXTS.locale, { timeZone: TEXTS.timeZone, hourCycle: 'h23' });
      note.textContent = t('client.updatedAt', { time });
      note.classList.remove('warn-text');
    } catch {
      note.textContent = t('client.unreachable');
      note.classList.add('warn-text');
    } finally {
      refreshing = false;
    }
  }
  setInterval(refresh, REFRESH_MS);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) void refresh();
  });
  note.textContent = t('client.updatesEvery');

  let selected = null;
  let request = 0;

  function message(text) {
    const p = document.createElement('p');
    p.className = 'chart-message';
    p.textContent = text;
    chart.replaceChildren(p);
  }

  async function showHistory(moveFocus) {
    const mine = ++request;
    section.hidden = false;
    title.textContent = t('client.historyOf', { room: selected.name });
    for (const button of section.querySelectorAll('[data-history-range]')) {
      button.setAttribute('aria-pressed', String(button.dataset.historyRange === selected.range));
    }
    if (moveFocus) {
      title.focus();
      section.scrollIntoView({ block: 'start' });
    }
    message(t('client.loading'));
    try {
      const url = `/history/${encodeURIComponent(selected.home)}/${encodeURIComponent(selected.room)}?range=${selected.range}`;
      const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
      const body = await response.json().catch(() => null);
      if (mine !== request) return;
      if (!response.ok) throw new Error((body && body.error && body.error.message) || t('client.loadFailed'));
      if (!body.points.length) message(t('client.noMeasurements'));
      else window.BridgeChart.render(chart, body, selected.zone);
    } catch (error) {
      // A failed fetch's own message (TypeError "Failed to fetch") is the browser's, not ours.
      if (mine === request) message(error instanceof Error && error.name === 'Error' ? error.message : t('client.loadFailed'));
    }
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const roomButton = target && target.closest('[data-history-room]');
    if (roomButton) {
      selected = {
        home: roomButton.dataset.historyHome,
        room: roomButton.dataset.historyRoom,
        name: roomButton.dataset.historyName,
        zone: roomButton.dataset.historyZone,
        range: selected ? selected.range : '24h',
      };
      void showHistory(true);
      return;
    }
    const rangeButton = target && target.closest('[data-history-range]');
    if (rangeButton && selected) {
      selected.range = rangeButton.dataset.historyRange;
      void showHistory(false);
    }
  });
})();
