// Draws a room's temperature history as an inline SVG line chart: measured temperature (solid)
// and setpoint (dashed, stepped), with a text summary for screen readers. No dependencies. Words,
// numbers and dates in the page's language (window.BridgeTexts from status.js), times in the
// home's time zone.
(() => {
  'use strict';
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const WIDTH = 720;
  const HEIGHT = 260;
  const M = { left: 44, right: 14, top: 14, bottom: 30 };

  function svg(name, attrs, text) {
    const node = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Splits points into runs without gaps (null values break the line). */
  function runs(points, key) {
    const out = [];
    let current = [];
    for (const p of points) {
      if (p[key] === null || p[key] === undefined) {
        if (current.length) out.push(current);
        current = [];
      } else current.push(p);
    }
    if (current.length) out.push(current);
    return out;
  }

  function niceStep(span) {
    for (const step of [0.5, 1, 2, 5, 10]) if (span / step <= 6) return step;
    return 20;
  }

  function render(container, history, zone) {
    const { t, locale, timeZone } = window.BridgeTexts;
    const tz = zone || timeZone;
    const points = history.points || [];
    // Netatmo stamps buckets at their middle, so the last one may lie a little past `to`.
    const from = Math.min(history.from, ...points.map((p) => p.t));
    const to = Math.max(history.to, ...points.map((p) => p.t));
    const values = [];
    for (const p of points) {
      if (p.measured !== null) values.push(p.measured);
      if (p.setpoint !== null) values.push(p.setpoint);
    }
    let min = Math.floor(Math.min(...values) - 0.5);
    let max = Math.ceil(Math.max(...values) + 0.5);
    if (max - min < 2) { min -= 1; max += 1; }
    const w = WIDTH - M.left - M.right;
    const h = HEIGHT - M.top - M.bottom;
    const x = (t) => M.left + ((t - from) / Math.max(1, to - from)) * w;
    const y = (v) => M.top + ((max - v) / (max - min)) * h;
    const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const fmt = (v) => decimal.format(v);

    const measured = points.filter((p) => p.measured !== null).map((p) => p.measured);
    const setpoints = points.filter((p) => p.setpoint !== null).map((p) => p.setpoint);
    const room = history.roomName || t('client.theRoom');
    const titleId = 'chart-title-' + Math.random().toString(36).slice(2);
    const descId = titleId + '-desc';
    const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, 'data-points': points.length });
    root.appendChild(svg('title', { id: titleId }, t(history.range === '7d' ? 'client.chartTitle7d' : 'client.chartTitle24h', { room })));
    const parts = [];
    if (measured.length) {
      parts.push(t('client.measuredRange', { min: fmt(Math.min(...measured)), max: fmt(Math.max(...measured)), latest: fmt(measured[measured.length - 1]) }));
    }
    if (setpoints.length) parts.push(t('client.setpointRange', { min: fmt(Math.min(...setpoints)), max: fmt(Math.max(...setpoints)) }));
    root.appendChild(svg('desc', { id: descId }, parts.join('; ') + '.'));

    const step = niceStep(max - min);
    for (let v = Math.ceil(min / step) * step; v <= max; v += step) {
      root.appendChild(svg('line', { class: 'grid', x1: M.left, x2: WIDTH - M.right, y1: y(v), y2: y(v) }));
      root.appendChild(svg('text', { class: 'tick', x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, t('client.degrees', { value: new Intl.NumberFormat(locale).format(v) })));
    }
    const dayMode = history.range === '7d';
    const tickEvery = dayMode ? 86400 : 6 * 3600;
    const firstTick = Math.ceil(from / tickEvery) * tickEvery;
    for (let t = firstTick; t <= to; t += tickEvery) {
      const date = new Date(t * 1000);
      const label = dayMode
        ? date.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', timeZone: tz })
        : date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: tz });
      root.appendChild(svg('line', { class: 'grid', x1: x(t), x2: x(t), y1: M.top, y2: HEIGHT - M.bottom }));
      root.appendChild(svg('text', { class: 'tick', x: x(t), y: HEIGHT - 10, 'text-anchor': 'middle' }, label));
    }
    root.appendChild(svg('line', { class: 'axis', x1: M.left, x2: WIDTH - M.right, y1: HEIGHT - M.bottom, y2: HEIGHT - M.bottom }));

    for (const run of runs(points, 'setpoint')) {
      const coords = [];
      run.forEach((p, i) => {
        if (i > 0) coords.push(`${x(p.t).toFixed(1)},${y(run[i - 1].setpoint).toFixed(1)}`);
        coords.push(`${x(p.t).toFixed(1)},${y(p.setpoint).toFixed(1)}`);
      });
      root.appendChild(svg('polyline', { class: 'line-setpoint', points: coords.join(' ') }));
    }
    for (const run of runs(points, 'measured')) {
      const coords = run.map((p) => `${x(p.t).toFixed(1)},${y(p.measured).toFixed(1)}`);
      root.appendChild(svg('polyline', { class: 'line-measured', points: coords.join(' ') }));
    }

    const legend = document.createElement('ul');
    legend.className = 'legend';
    for (const [cls, text] of [['', t('client.legendMeasured')], ['setpoint', t('client.legendSetpoint')]]) {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch ${cls}`;
      swatch.setAttribute('aria-hidden', 'true');
      item.append(swatch, text);
      legend.appendChild(item);
    }
    container.replaceChildren(root, legend);
  }

  window.BridgeChart = { render };
})();
