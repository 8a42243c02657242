// DNS rebinding: every HTTP route answers only to names that cannot be an attacker's. Requests go
// to the real bridge on 127.0.0.1 with a forged Host header, as a rebound browser would send it.
import { connect } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { rawRequest } from '../helpers/raw-http.js';

let t: TestBridge;
let port: number;
const machine = os.hostname().toLowerCase();
const first = machine.split('.')[0]!;

beforeAll(async () => {
  t = await startTestBridge({ env: { PUBLIC_URL: 'https://bridge.example.com', ALLOWED_HOSTS: 'bridge.home.example,*.lan.example' } });
  port = t.bridge.port;
  // The pairing window is open after a first start: the moment a rebound page could take the token.
  expect(t.bridge.context.pairing.isOpen()).toBe(true);
});

afterAll(async () => {
  await t.stop();
});

describe('Host allow-list', () => {
  it('answers 421 with how to allow the name, on every kind of route, and leaks nothing', async () => {
    const routes: { method: string; path: string; headers?: Record<string, string>; body?: string }[] = [
      { method: 'GET', path: '/' },
      { method: 'GET', path: '/status.json' },
      { method: 'GET', path: '/admin' },
      { method: 'POST', path: '/api/v1/pair', headers: { 'content-type': 'application/json' }, body: '{}' },
      // The hub's poll, answered by the fast path before express when authorised.
      { method: 'GET', path: '/api/v1/state', headers: { authorization: `Bearer ${t.lanToken()}` } },
      { method: 'GET', path: '/api/v1/description' },
      { method: 'GET', path: '/metrics' },
      { method: 'GET', path: '/healthz' },
      { method: 'POST', path: '/smartapp', headers: { 'content-type': 'application/json' }, body: '{"lifecycle":"PING","pingData":{"challenge":"c"}}' },
      { method: 'POST', path: '/webhooks/netatmo', headers: { 'content-type': 'application/json' }, body: '{}' },
    ];
    for (const route of routes) {
      const response = await rawRequest(port, { ...route, host: `rebind.evil.example:${port}` });
      expect(response.status, `${route.method} ${route.path}`).toBe(421);
      expect(response.text).toContain('ALLOWED_HOSTS');
      expect(response.text).not.toContain(t.lanToken());
    }
    const api = await rawRequest(port, { path: '/api/v1/description', host: 'evil.example' });
    expect(JSON.parse(api.text)).toMatchObject({ error: { code: 'misdirected_request' } });
  });

  it.each([
    `127.0.0.1:PORT`,
    '192.168.1.20:5000',
    '[::1]:PORT',
    '[fe80::1]',
    'localhost:PORT',
    'LOCALHOST',
    'localhost.',
    'app.localhost',
    `${machine}`,
    `${first}.local`,
    `${first}.local.:PORT`,
    `printer.${first}.local`,
    'bridge.example.com',
    'bridge.example.com:443',
    'bridge.home.example',
    'a.lan.example',
    'deep.a.lan.example:PORT',
  ])('accepts %s', async (host) => {
    const response = await rawRequest(port, { path: '/api/v1/description', host: host.replace('PORT', String(port)) });
    expect(response.status).toBe(200);
  });

  it.each([
    'evil.example',
    `${first}.evil.example`,
    `${first}.local.evil.example`,
    'localhost.evil.example',
    '127.0.0.1.evil.example',
    '127.0.0.1.nip.io',
    'bridge.example.com.evil.example',
    'lan.example',
    'xbridge.home.example',
    '::1',
    '[::1',
    '[evil.example]',
    'evil.example:5000:1',
    'évil.example',
    '',
  ])('refuses %j', async (host) => {
    const response = await rawRequest(port, { path: '/api/v1/description', host });
    expect(response.status).toBe(421);
  });

  it('refuses names under a single-label machine name (they could be public domains)', async () => {
    if (machine.includes('.')) return;
    expect((await rawRequest(port, { path: '/api/v1/description', host: `evil.${machine}` })).status).toBe(421);
  });

  it('accepts a request without Host (HTTP/1.0 clients; browsers always send one)', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end('GET /api/v1/description HTTP/1.0\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(text.startsWith('HTTP/1.1 200')).toBe(true);
  });

  it('lets the Edge driver in: it calls the bridge by IP:port, as LuaSocket sends it', async () => {
    const response = await rawRequest(port, {
      path: '/api/v1/state',
      host: `127.0.0.1:${port}`,
      headers: { accept: 'application/json', authorization: `Bearer ${t.lanToken()}`, connection: 'close, TE', te: 'trailers' },
    });
    expect(response.status).toBe(200);
  });
});
