// Requests that are not valid HTTP never reach express; they still get the LAN API's error shape.
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

it('answers broken framing with a JSON 400 and keeps serving', async () => {
  t = await startTestBridge();
  const answer = await rawRequest(t.bridge.port, 'DELETE /api/v1/state HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n');
  expect(answer.startsWith('HTTP/1.1 400 Bad Request')).toBe(true);
  const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('invalid_request');
  expect(body.error.message.length).toBeGreaterThan(10);
  expect((await fetch(`${t.bridge.url}/healthz`)).status).toBe(200);
});

it('answers oversized headers with 431', async () => {
  t = await startTestBridge();
  const answer = await rawRequest(t.bridge.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  expect(answer.startsWith('HTTP/1.1 431')).toBe(true);
});
