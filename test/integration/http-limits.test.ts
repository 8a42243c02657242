// Idle and slow connections over real sockets on 127.0.0.1: the bridge caps concurrent
// connections, drops a client that never finishes its headers (slowloris) or never sends any,
// and still lets a response take longer than the request limit (the hub's long poll).
import { connect, type Socket } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp, listen, SERVER_LIMITS, type RunningHttpServer } from '../../src/http-server.js';
import { silentLogger } from '../../src/util/logger.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

const sockets: Socket[] = [];
let server: RunningHttpServer | undefined;
let bridge: TestBridge | undefined;

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
  await bridge?.stop();
  bridge = undefined;
});

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    sockets.push(socket);
  });
}

/** What the server does with this socket: 'closed' (with anything it wrote first) within the wait. */
function outcome(socket: Socket, waitMs: number): Promise<{ closed: boolean; text: string }> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const timer = setTimeout(() => resolve({ closed: false, text }), waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, text });
    });
  });
}

/** Sends one request on this connection and resolves once the answer's status line is in. */
function answered(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('utf8');
      if (!text.includes('\r\n')) return;
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  });
}

async function smallServer(): Promise<RunningHttpServer> {
  const slow = express.Router();
  slow.get('/slow', (_req, res) => void setTimeout(() => res.json({ done: true }), 1_500));
  const app = createHttpApp({ open: [slow], lanAuth: (_req, _res, next) => next(), lan: [] }, silentLogger());
  return listen(app, '127.0.0.1', 0, [], {
    limits: { maxConnections: 4, headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 400, checkIntervalMs: 50 },
  });
}

describe('HTTP server limits', () => {
  it('keeps the long poll working: requestTimeout above 65 s, keep-alive above a 60 s poll, headers in seconds', () => {
    expect(SERVER_LIMITS.requestTimeoutMs).toBeGreaterThan(65_000);
    expect(SERVER_LIMITS.keepAliveTimeoutMs).toBeGreaterThan(60_000);
    expect(SERVER_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(15_000);
    expect(SERVER_LIMITS.maxConnections).toBeGreaterThanOrEqual(64);
  });

  it('drops a client that trickles its headers, and one that sends nothing, after headersTimeout', async () => {
    server = await smallServer();
    const trickle = await open(server.port);
    trickle.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const timer = setInterval(() => trickle.writable && trickle.write('X-Slow: 1\r\n'), 50);
    const silent = await open(server.port);
    const [a, b] = await Promise.all([outcome(trickle, 5_000), outcome(silent, 5_000)]);
    clearInterval(timer);
    expect(a.closed).toBe(true);
    expect(a.text).toMatch(/^HTTP\/1\.1 408/);
    expect(b.closed).toBe(true);
  });

  it('lets a response take longer than requestTimeout once the request is in (long poll)', async () => {
    server = await smallServer();
    const response = await fetch(`http://127.0.0.1:${server.port}/slow`);
    expect(await response.json()).toEqual({ done: true });
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    server = await smallServer();
    const socket = await open(server.port);
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const result = await outcome(socket, 5_000);
    expect(result.text).toMatch(/^HTTP\/1\.1 200/);
    expect(result.closed).toBe(true);
  });

  it('caps concurrent connections: the real bridge refuses one more than SERVER_LIMITS.maxConnections, then recovers', async () => {
    bridge = await startTestBridge();
    const port = bridge.bridge.port;
    const held: Socket[] = [];
    for (let i = 0; i < SERVER_LIMITS.maxConnections; i += 1) held.push(await open(port));
    // The server counts a connection once it accepted it. Accepts go in order, so an answer on the
    // last one means all of them are counted (and it stays open: keep-alive).
    await answered(held[held.length - 1]!);
    await expect(fetch(`${bridge.bridge.url}/healthz`)).rejects.toThrow();
    for (const socket of held) socket.destroy();
    await expect.poll(async () => (await fetch(`${bridge!.bridge.url}/healthz`).catch(() => null))?.status, { timeout: 5_000 }).toBe(200);
  });
});
