// Status page behaviour: swaps in the live panel every 10 s (same server-rendered markup) and
// opens a room's temperature history chart on demand.
(() => {
  'use strict';
  const REFRESH_MS = 10_000;
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
      note.textContent = `Updated at ${new Date().toLocaleTimeString()} · this page updates every 10 seconds.`;
      note.classList.remove('warn-text');
    } catch {
      note.textContent = 'The bridge cannot be reached right now; trying again…';
      note.classList.add('warn-text');
    } finally {
      refreshing = false;
    }
  }
  setInterval(refresh, REFRESH_MS);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) void refresh();
  });
  note.textContent = 'This page updates every 10 seconds.';

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
    title.textContent = `Temperature history: ${selected.name}`;
    for (const button of section.querySelectorAll('[data-history-range]')) {
      button.setAttribute('aria-pressed', String(button.dataset.historyRange === selected.range));
    }
    if (moveFocus) {
      title.focus();
      section.scrollIntoView({ block: 'start' });
    }
    message('Loading the history from Netatmo…');
    try {
      const url = `/history/${encodeURIComponent(selected.home)}/${encodeURIComponent(selected.room)}?range=${selected.range}`;
      const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
      const body = await response.json().catch(() => null);
      if (mine !== request) return;
      if (!response.ok) throw new Error((body && body.error && body.error.message) || 'The history could not be loaded.');
      if (!body.points.length) message('Netatmo has no measurements for this period.');
      else window.BridgeChart.render(chart, body);
    } catch (error) {
      if (mine === request) message(error instanceof Error ? error.message : 'The history could not be loaded.');
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
