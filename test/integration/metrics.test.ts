// GET /metrics over real HTTP on a bridge polling the simulator: the text parses as Prometheus
// exposition format and the counters match a known sequence of calls.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict-enough parser for the Prometheus text format (0.0.4): throws on any malformed line. */
function parsePrometheusText(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  // Values as Go's ParseFloat reads them (Prometheus): numbers, and NaN/Inf in any letter case.
  const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.eE+-]+|[Nn][Aa][Nn]|[+-]?[Ii]nf)( -?\d+)?$/;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) continue;
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      if (!name || !type || !['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type)) throw new Error(`bad TYPE line: ${line}`);
      types.set(name, type);
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    const labelText = match[3] ?? '';
    const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
    let consumed = 0;
    for (let m = labelPattern.exec(labelText); m; m = labelPattern.exec(labelText)) {
      labels[m[1] ?? ''] = (m[2] ?? '').replace(/\\"/g, '"').replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      consumed = labelPattern.lastIndex;
    }
    if (consumed !== labelText.length) throw new Error(`bad labels: ${line}`);
    const raw = (match[4] ?? '').toLowerCase();
    const parsed = raw === 'nan' ? Number.NaN : raw.endsWith('inf') ? (raw.startsWith('-') ? -Infinity : Infinity) : Number(raw);
    samples.push({ name: match[1] ?? '', labels, value: parsed });
  }
  return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe('GET /metrics', () => {
  let t: TestBridge | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('serves Prometheus text that counts a known sequence of Netatmo calls, polls, refreshes and LAN requests', async () => {
    t = await startTestBridge();
    const { poller } = t.bridge.context;
    expect((await poller.pollNow()).ok).toBe(true); // token refresh + homesdata + homestatus
    expect((await poller.pollNow()).ok).toBe(true); // homestatus
    t.simulator.faults.inject({ kind: 'server_error', endpoints: ['homestatus'], count: 1, httpStatus: 500 });
    expect((await poller.pollNow()).ok).toBe(false); // homestatus → server_error
    expect((await t.api('/api/v1/state')).status).toBe(200);
    expect((await fetch(`${t.bridge.url}/api/v1/state`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    t.bridge.context.events.emit('smartthingsPush', { status: 'ok', events: 5 });

    const response = await fetch(`${t.bridge.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const { samples, types } = parsePrometheusText(await response.text());

    // Netatmo requests by endpoint and outcome, as the simulator saw them.
    expect(t.simulator.calls.count('homestatus')).toBe(3);
    expect(value(samples, 'netatmo_requests_total', { endpoint: 'homestatus', outcome: 'ok' })).toBe(2);
    expect(value(samples, 'netatmo_requests_total', { endpoint: 'homesdata', outcome: 'ok' })).toBe(t.simulator.calls.count('homesdata'));
    const failed = samples.filter((s) => s.name === 'netatmo_requests_total' && s.labels.endpoint === 'homestatus' && s.labels.outcome !== 'ok');
    expect(failed.map((s) => s.value)).toEqual([1]);
    expect(value(samples, 'netatmo_token_refreshes_total')).toBe(t.simulator.calls.count('oauth2/token'));
    expect(value(samples, 'netatmo_token_refreshes_total')).toBe(1);

    // Budget use agrees with the bridge's own budget.
    expect(value(samples, 'netatmo_calls_last_hour')).toBe(t.bridge.context.budget.snapshot().callsLastHour);
    expect(value(samples, 'netatmo_budget_per_hour')).toBe(400);

    // Poll durations: a histogram with two ok polls and one failed.
    expect(types.get('bridge_poll_duration_seconds')).toBe('histogram');
    expect(value(samples, 'bridge_poll_duration_seconds_count', { result: 'ok' })).toBe(2);
    expect(value(samples, 'bridge_poll_duration_seconds_count', { result: 'failed' })).toBe(1);

    // Data age is known after a success and small.
    const age = value(samples, 'bridge_data_age_seconds');
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
    expect(value(samples, 'netatmo_status', { status: 'ok' })).toBe(1);

    // LAN requests by route pattern and status; /metrics itself is not yet counted (finish after).
    expect(value(samples, 'bridge_http_requests_total', { route: '/api/v1/state', method: 'GET', status: '200' })).toBe(1);
    expect(value(samples, 'bridge_http_requests_total', { status: '401' })).toBe(1);
    expect(value(samples, 'smartthings_pushes_total', { status: 'ok' })).toBe(1);
    expect(value(samples, 'smartthings_events_total', { status: 'ok' })).toBe(5);

    // Process metrics from prom-client's default collectors.
    expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it('labels requests by route pattern, not by the raw path (bounded cardinality)', async () => {
    t = await startTestBridge();
    for (const id of ['a1', 'b2', 'c3']) await fetch(`${t.bridge.url}/nothing-here/${id}`);
    await t.api('/api/v1/description');
    const { samples } = parsePrometheusText(await (await fetch(`${t.bridge.url}/metrics`)).text());
    const routes = samples.filter((s) => s.name === 'bridge_http_requests_total').map((s) => s.labels.route);
    expect(routes.some((r) => r?.includes('a1'))).toBe(false);
    expect(value(samples, 'bridge_http_requests_total', { route: 'unmatched', status: '404' })).toBe(3);
    expect(value(samples, 'bridge_http_requests_total', { route: '/api/v1/description', status: '200' })).toBe(1);
  });

  it('counts refused requests (401) under the route they were refused on, not "unmatched"', async () => {
    t = await startTestBridge();
    const wrong = { authorization: 'Bearer wrong-token-wrong-token' };
    expect((await fetch(`${t.bridge.url}/api/v1/state`, { headers: wrong })).status).toBe(401);
    expect((await fetch(`${t.bridge.url}/api/v1/state`)).status).toBe(401);
    const home = `${t.bridge.url}/api/v1/homes/abc123/rooms/42/setpoint`;
    expect((await fetch(home, { method: 'POST', headers: { ...wrong, 'content-type': 'application/json' }, body: '{"temperatureC":20}' })).status).toBe(401);
    const { samples } = parsePrometheusText(await (await fetch(`${t.bridge.url}/metrics`)).text());
    expect(value(samples, 'bridge_http_requests_total', { route: '/api/v1/state', method: 'GET', status: '401' })).toBe(2);
    expect(value(samples, 'bridge_http_requests_total', { route: '/api/v1/homes/:homeId/rooms/:roomId/setpoint', method: 'POST', status: '401' })).toBe(1);
    expect(samples.some((s) => s.name === 'bridge_http_requests_total' && s.labels.route === 'unmatched')).toBe(false);
  });

  it('is absent when METRICS=off', async () => {
    t = await startTestBridge({ env: { METRICS: 'off' } });
    expect((await fetch(`${t.bridge.url}/metrics`)).status).toBe(404);
  });
});
