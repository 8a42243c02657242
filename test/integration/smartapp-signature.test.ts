// Signature checks of POST /smartapp over real HTTP, against a real bridge (cloud path). A caller
// must not choose where the signing key comes from: key ids of any other form than SmartThings'
// own are refused without a single request leaving the bridge, platform certificates come from the
// configured key host only (a key server on 127.0.0.1) and are cached, and a signature counts once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SmartApp } from '@smartthings/smartapp';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLifecycleSigner, type LifecycleSigner, type SignOptions } from '../fakes/fake-smartthings.js';
import { configurationBody, startCloudRig, type CloudRig } from './smartapp-helpers.js';

interface CertServer {
  url: string;
  host: string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves one certificate for every path and records what was asked for. */
async function certServer(pem: string): Promise<CertServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/x-pem-file' });
    res.end(pem);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// The attacker's key pair: its certificate is served by every key server in these tests.
const attacker: LifecycleSigner = createLifecycleSigner({ keyId: '/pl/useast1/1e-1b-cd-10' });
let keyHost: CertServer;
let otherHost: CertServer;
let rig: CloudRig;

beforeAll(async () => {
  keyHost = await certServer(attacker.certificatePem);
  otherHost = await certServer(attacker.certificatePem);
  rig = await startCloudRig({ env: { SMARTTHINGS_KEY_URL: keyHost.url } });
});

afterAll(async () => {
  await rig.stop();
  await keyHost.close();
  await otherHost.close();
});

afterEach(() => {
  keyHost.requests.length = 0;
  otherHost.requests.length = 0;
});

function send(body: unknown, options: SignOptions = {}, signer: LifecycleSigner = attacker): { text: string; headers: Record<string, string> } {
  const text = JSON.stringify(body);
  return { text, headers: signer.headers('/smartapp', text, options) };
}

function post(call: { text: string; headers: Record<string, string> }): Promise<Response> {
  return fetch(`${rig.t.bridge.url}/smartapp`, { method: 'POST', headers: call.headers, body: call.text });
}

/** A header value carrying these characters as UTF-8 bytes (what a raw client can send). */
function utf8Bytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

describe('SmartApp signatures: key ids', () => {
  it('refuses key ids of any other form with 401, and no request leaves the bridge', async () => {
    const other = otherHost.host;
    const forms = [
      `@${other}/cert.pem`,
      `.${other}/x`,
      `//${other}/x`,
      `:${other.split(':')[1]}/x`,
      '/SmartThings/../x',
      '/SmartThings/../../pl/useast1/x',
      '/pl/../x',
      '/pl/%2e%2e/%2e%2e/x',
      '/pl/useast1/%2e%2e%2f%2e%2e%2fx',
      `${otherHost.url}/cert.pem`,
      `/pl/useast1\\..\\..\\x`,
      `\\\\${other}\\x`,
      utf8Bytes('/pl/ｕseast1/x'),
      utf8Bytes(`/pl/useast1/x\u2215..\u2215${other}`),
      `/pl/useast1/${'a'.repeat(300)}`,
    ];
    for (const keyId of forms) {
      const response = await post(send(configurationBody('INITIALIZE'), { keyId }));
      expect(response.status, keyId).toBe(401);
    }
    expect(keyHost.requests).toEqual([]);
    expect(otherHost.requests).toEqual([]);
    // Not the SmartThings API host either (the SDK would have looked under it).
    expect(rig.st.calls).toEqual([]);
  });

  it('fetches a platform certificate from the configured key host only, once, and accepts what it signs', async () => {
    const first = await post(send(configurationBody('INITIALIZE')));
    expect(first.status).toBe(200);
    expect(((await first.json()) as { configurationData: object }).configurationData).toHaveProperty('initialize');
    const second = await post(send(configurationBody('INITIALIZE'), { date: new Date(Date.now() + 1000) }));
    expect(second.status).toBe(200);
    expect(keyHost.requests).toEqual(['/pl/useast1/1e-1b-cd-10']);
    expect(otherHost.requests).toEqual([]);
  });

  it('refuses a platform key id signed with another key than the certificate', async () => {
    const impostor = createLifecycleSigner({ keyId: '/pl/useast1/1e-1b-cd-10' });
    expect((await post(send(configurationBody('INITIALIZE'), {}, impostor))).status).toBe(401);
  });

  it('still accepts the app key (/SmartThings/…) checked against SMARTAPP_PUBLIC_KEY, and nothing else with that form', async () => {
    expect((await rig.lifecycle(configurationBody('INITIALIZE'))).status).toBe(200);
    expect((await post(send(configurationBody('INITIALIZE'), { keyId: '/SmartThings/test-key' }))).status).toBe(401);
    expect(keyHost.requests).toEqual([]);
  });
});

// Signed with the app key (/SmartThings/…, SMARTAPP_PUBLIC_KEY), which the SDK can check too.
describe('SmartApp signatures: digest, date, algorithm, replay', () => {
  const signed = (body: unknown, options: SignOptions = {}) => send(body, options, rig.signer);

  it('refuses a body without a Digest header, or whose digest is not signed', async () => {
    const body = configurationBody('INITIALIZE');
    expect((await post(signed(body))).status).toBe(200);
    expect((await post(signed(body, { digest: null, signedHeaders: ['(request-target)', 'date'] }))).status).toBe(401);
    expect((await post(signed(body, { signedHeaders: ['(request-target)', 'date'] }))).status).toBe(401);
    expect((await post(signed(body, { signedHeaders: ['digest', 'date'] }))).status).toBe(401);
    expect((await post(signed(body, { digest: 'SHA256=' }))).status).toBe(401);
  });

  it('refuses a Date that does not parse or lies outside the 5-minute window', async () => {
    const body = configurationBody('INITIALIZE');
    expect((await post(signed(body, { dateText: 'not a date' }))).status).toBe(401);
    expect((await post(signed(body, { date: new Date(Date.now() - 6 * 60_000) }))).status).toBe(401);
    expect((await post(signed(body, { date: new Date(Date.now() + 6 * 60_000) }))).status).toBe(401);
    // SmartThings writes "UTC" where HTTP says "GMT": accepted.
    expect((await post(signed(body, { dateText: new Date().toUTCString().replace('GMT', 'UTC') }))).status).toBe(200);
  });

  it('refuses other algorithms than rsa-sha256', async () => {
    const call = signed(configurationBody('INITIALIZE'));
    call.headers.authorization = call.headers.authorization!.replace('rsa-sha256', 'rsa-sha1');
    expect((await post(call)).status).toBe(401);
  });

  it('accepts a signature once: a replay is refused, also when both copies arrive at once', async () => {
    const call = signed(configurationBody('INITIALIZE'));
    expect((await post(call)).status).toBe(200);
    expect((await post(call)).status).toBe(401);

    const twin = signed(configurationBody('INITIALIZE'), { date: new Date(Date.now() - 2000) });
    const statuses = (await Promise.all([post(twin), post(twin), post(twin)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401]);
    expect(rig.t.logs.find('a replay').length).toBeGreaterThanOrEqual(3);
  });
});

describe('the SDK on its own (why the bridge never lets it check a signature)', () => {
  it("fetches the caller's certificate from any host:port named in the key id, and trusts it", async () => {
    const sdk = new SmartApp({ keyApiHost: keyHost.url, logUnhandledRejections: false, logger: { log: () => undefined } as never });
    const app = express();
    app.use(express.json());
    app.post('/smartapp', (req, res) => void sdk.handleHttpCallback(req, res));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const call = send(configurationBody('INITIALIZE'), { keyId: `@${otherHost.host}/cert.pem` });
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/smartapp`, { method: 'POST', headers: call.headers, body: call.text });
      expect(response.status).toBe(200);
      expect(otherHost.requests).toEqual(['/cert.pem']);
      expect(keyHost.requests).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
