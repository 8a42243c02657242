// The signing-key store against a key server on 127.0.0.1: what it fetches, what it refuses to
// follow or read, how long it keeps keys and failures, and how often it may fetch at all. And the
// replay guard's memory bound.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplayGuard } from '../../../src/smartthings/replay-guard.js';
import { KEY_CACHE_MS, SigningKeys } from '../../../src/smartthings/signing-keys.js';
import { silentLogger } from '../../../src/util/logger.js';
import { createLifecycleSigner } from '../../fakes/fake-smartthings.js';

const signer = createLifecycleSigner();
const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function keyServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

const servePem = (_req: IncomingMessage, res: ServerResponse) => res.end(signer.certificatePem);

function keys(url: string, clock: { now: number }) {
  return new SigningKeys({ appPublicKeyPem: undefined, keyBaseUrl: url, logger: silentLogger(), now: () => clock.now });
}

describe('SigningKeys', () => {
  it('fetches a certificate once and keeps its key for a day', async () => {
    const server = await keyServer(servePem);
    const clock = { now: 1_000_000 };
    const store = keys(server.url, clock);
    const [a, b] = await Promise.all([store.resolve('/pl/useast1/k1', 'platform'), store.resolve('/pl/useast1/k1', 'platform')]);
    expect(a?.asymmetricKeyType).toBe('rsa');
    expect(b).toBe(a);
    clock.now += KEY_CACHE_MS - 1;
    await store.resolve('/pl/useast1/k1', 'platform');
    expect(server.paths).toEqual(['/pl/useast1/k1']);
    clock.now += 2;
    await store.resolve('/pl/useast1/k1', 'platform');
    expect(server.paths).toHaveLength(2);
  });

  it('does not follow redirects (they could lead to any host)', async () => {
    const target = await keyServer(servePem);
    const server = await keyServer((_req, res) => {
      res.writeHead(302, { location: `${target.url}/cert.pem` });
      res.end();
    });
    expect(await keys(server.url, { now: 0 }).resolve('/pl/useast1/k1', 'platform')).toBeNull();
    expect(target.paths).toEqual([]);
  });

  it('refuses non-200 answers, oversized bodies and non-certificates, and remembers the failure for a while', async () => {
    const clock = { now: 0 };
    const missing = await keyServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    const store = keys(missing.url, clock);
    expect(await store.resolve('/pl/useast1/k1', 'platform')).toBeNull();
    expect(await store.resolve('/pl/useast1/k1', 'platform')).toBeNull();
    expect(missing.paths).toHaveLength(1);
    clock.now += 5 * 60_000 + 1;
    await store.resolve('/pl/useast1/k1', 'platform');
    expect(missing.paths).toHaveLength(2);

    const huge = await keyServer((_req, res) => res.end('x'.repeat(64 * 1024)));
    expect(await keys(huge.url, clock).resolve('/pl/useast1/k1', 'platform')).toBeNull();
    const chunked = await keyServer((_req, res) => {
      res.write('-----BEGIN CERTIFICATE-----\n');
      res.end('A'.repeat(40 * 1024));
    });
    expect(await keys(chunked.url, clock).resolve('/pl/useast1/k1', 'platform')).toBeNull();
    const notPem = await keyServer((_req, res) => res.end('hello'));
    expect(await keys(notPem.url, clock).resolve('/pl/useast1/k1', 'platform')).toBeNull();
  });

  it('fetches at most 10 unknown keys a minute (made-up key ids cannot pump requests)', async () => {
    const server = await keyServer(servePem);
    const clock = { now: 0 };
    const store = keys(server.url, clock);
    const results = [];
    for (let i = 0; i < 25; i += 1) results.push(await store.resolve(`/pl/useast1/k${i}`, 'platform'));
    expect(results.filter((key) => key !== null)).toHaveLength(10);
    expect(server.paths).toHaveLength(10);
    clock.now += 60_001;
    expect(await store.resolve('/pl/useast1/k99', 'platform')).not.toBeNull();
  });

  it('answers the app key from SMARTAPP_PUBLIC_KEY, and nothing when it is not set', async () => {
    const withKey = new SigningKeys({ appPublicKeyPem: signer.publicKeyPem, keyBaseUrl: 'https://key.smartthings.com', logger: silentLogger() });
    expect((await withKey.resolve('/SmartThings/test-key', 'app'))?.asymmetricKeyType).toBe('rsa');
    const without = new SigningKeys({ appPublicKeyPem: undefined, keyBaseUrl: 'https://key.smartthings.com', logger: silentLogger() });
    expect(await without.resolve('/SmartThings/test-key', 'app')).toBeNull();
  });
});

describe('ReplayGuard', () => {
  it('remembers a signature until its window closes', () => {
    let now = 0;
    const guard = new ReplayGuard({ now: () => now });
    expect(guard.claim('sig-a', 300_000)).toBe(true);
    expect(guard.used('sig-a')).toBe(true);
    expect(guard.claim('sig-a', 300_000)).toBe(false);
    now = 300_001;
    expect(guard.used('sig-a')).toBe(false);
    expect(guard.claim('sig-b', 600_000)).toBe(true);
    expect(guard.size).toBe(1);
  });

  it('keeps memory bounded under a flood of valid signatures', () => {
    const guard = new ReplayGuard({ now: () => 0, maxEntries: 100 });
    for (let i = 0; i < 1000; i += 1) guard.claim(`sig-${i}`, 300_000);
    expect(guard.size).toBe(100);
    expect(guard.used('sig-999')).toBe(true);
  });
});
