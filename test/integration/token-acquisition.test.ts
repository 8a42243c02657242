// Every way of connecting Netatmo goes through the token manager: the status page's OAuth callback
// and the SmartApp's typed refresh token store client id/secret and tokens in ONE write, and when
// the data directory refuses the write the new sign-in is kept and used from memory while the
// status page and the state API say "token not saved" until it is written. Real bridge, real
// simulator over loopback HTTP, real files (the store's file-system seam fails writes on demand).
import * as nodeFs from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SmartAppContextStore } from '../../src/smartthings/context-store.js';
import { connectNetatmoAccount } from '../../src/smartthings/netatmo-account.js';
import type { StoreData, StoreFs } from '../../src/store/index.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

const PASSWORD = 'token-acquisition-pass';
const bridges: TestBridge[] = [];
afterEach(async () => {
  for (const tb of bridges.splice(0)) await tb.stop();
});

/** node:fs/promises that records every version of bridge.json it writes, and can refuse writes (EROFS). */
function recordingDisk() {
  let failing = false;
  const written: StoreData[] = [];
  const refuse = (): Error => Object.assign(new Error('EROFS: simulated read-only file system'), { code: 'EROFS' });
  const fs: StoreFs = {
    ...nodeFs,
    open: ((file: string, flags?: string, mode?: number) => {
      if (failing && flags !== undefined && flags !== 'r') return Promise.reject(refuse());
      return nodeFs.open(file, flags, mode);
    }) as StoreFs['open'],
    rename: (async (from: string, to: string) => {
      if (failing) throw refuse();
      const text = to.endsWith('bridge.json') ? await nodeFs.readFile(from, 'utf8') : null;
      await nodeFs.rename(from, to);
      if (text !== null) written.push(JSON.parse(text) as StoreData);
    }) as StoreFs['rename'],
  };
  return { fs, written, fail: (on: boolean) => (failing = on) };
}

async function unconnectedBridge(disk: ReturnType<typeof recordingDisk>): Promise<TestBridge> {
  // Client id and secret in the environment, no refresh token: the user has to connect.
  const tb = await startTestBridge({ withRefreshToken: false, env: { ADMIN_PASSWORD: PASSWORD }, bridge: { storeFs: disk.fs } });
  bridges.push(tb);
  return tb;
}

function form(fields: Record<string, string>, cookie?: string): RequestInit {
  return {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  };
}

/** Sign in, start "Connect Netatmo", allow on the simulator's consent page, land on /oauth/callback. */
async function connectFromStatusPage(tb: TestBridge): Promise<Response> {
  const signIn = await fetch(`${tb.bridge.url}/admin/sign-in`, form({ password: PASSWORD }));
  const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('bridge_admin='))!.split(';')[0]!;
  const admin = await (await fetch(`${tb.bridge.url}/admin`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(admin)![1]!;
  const start = await fetch(`${tb.bridge.url}/admin/netatmo/connect`, form({ _csrf: csrf, clientId: tb.simulator.clientId, clientSecret: tb.simulator.clientSecret, redirectMode: 'bridge' }, cookie));
  const authorize = new URL(start.headers.get('location')!);
  const consent = new URLSearchParams(authorize.searchParams);
  consent.set('decision', 'allow');
  const allowed = await fetch(`${authorize.origin}/oauth2/authorize`, form(Object.fromEntries(consent)));
  return fetch(allowed.headers.get('location')!);
}

async function health(tb: TestBridge): Promise<{ status: string; tokenSaved: boolean }> {
  return ((await (await tb.api('/api/v1/state')).json()) as { netatmo: { status: string; tokenSaved: boolean } }).netatmo;
}

async function statusPage(tb: TestBridge): Promise<{ netatmo: { headline: string; explanation: string; tokenSaved: boolean } }> {
  return (await (await fetch(`${tb.bridge.url}/status.json`)).json()) as { netatmo: { headline: string; explanation: string; tokenSaved: boolean } };
}

const changedNetatmo = (written: StoreData[]) =>
  written.filter((data, i) => i === 0 || JSON.stringify(data.netatmo) !== JSON.stringify(written[i - 1]!.netatmo));

describe('connecting Netatmo goes through the token manager', () => {
  it('status page: client id/secret and tokens reach the data file in one write', async () => {
    const disk = recordingDisk();
    const tb = await unconnectedBridge(disk);
    const before = disk.written.length;

    const callback = await connectFromStatusPage(tb);
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('Netatmo connected');

    const netatmoWrites = changedNetatmo(disk.written.slice(before - 1)).slice(1);
    // Never a file with the new credentials but not the new pair (or the other way round).
    expect(netatmoWrites).toHaveLength(1);
    expect(netatmoWrites[0]!.netatmo.credentials).toEqual({ clientId: tb.simulator.clientId, clientSecret: tb.simulator.clientSecret });
    expect(netatmoWrites[0]!.netatmo.tokens?.refreshToken).toBe(tb.bridge.context.store.data.netatmo.tokens?.refreshToken);
    expect(await health(tb)).toMatchObject({ status: 'ok', tokenSaved: true });
  });

  it('status page with a data directory that refuses writes: connected from memory, "not saved" until it is written', async () => {
    const disk = recordingDisk();
    const tb = await unconnectedBridge(disk);
    disk.fail(true);

    const callback = await connectFromStatusPage(tb);
    expect(callback.status).toBe(200);
    const page = await callback.text();
    expect(page).toContain('could not save the new sign-in');
    expect(page).toContain('read-only');

    // The only valid pair Netatmo issued is used from memory: polls work.
    expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);
    expect(await health(tb)).toMatchObject({ status: 'ok', tokenSaved: false });
    const shown = await statusPage(tb);
    expect(shown.netatmo.headline).not.toBe('Connected to Netatmo');
    expect(shown.netatmo.headline).toMatch(/not saved/);
    expect(shown.netatmo.explanation).toMatch(/restart/);
    const onDiskWhileFailing = JSON.parse(await readFile(path.join(tb.dataDir, 'bridge.json'), 'utf8')) as StoreData;
    expect(onDiskWhileFailing.netatmo.tokens).toBeNull();

    // The disk takes writes again: the next Netatmo request saves credentials and pair together.
    disk.fail(false);
    expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);
    const onDisk = JSON.parse(await readFile(path.join(tb.dataDir, 'bridge.json'), 'utf8')) as StoreData;
    expect(onDisk.netatmo.credentials).toEqual({ clientId: tb.simulator.clientId, clientSecret: tb.simulator.clientSecret });
    expect(onDisk.netatmo.tokens?.refreshToken).toBe(tb.bridge.context.store.data.netatmo.tokens?.refreshToken);
    // The change raised the revision, so a hub polling with an ETag learns it too.
    expect(await health(tb)).toMatchObject({ status: 'ok', tokenSaved: true });
    expect((await statusPage(tb)).netatmo).toMatchObject({ headline: 'Connected to Netatmo', tokenSaved: true });
  });

  it('SmartApp page: a typed refresh token is used once, stored with its credentials in one write, and kept in memory when the disk refuses', async () => {
    const disk = recordingDisk();
    const tb = await unconnectedBridge(disk);
    const contexts = new SmartAppContextStore(tb.bridge.context.store);
    const typed = tb.simulator.issueRefreshToken();
    disk.fail(true);

    const check = await connectNetatmoAccount(tb.bridge.context, contexts, 'app-1', {
      useBridgeAccount: false,
      clientId: tb.simulator.clientId,
      clientSecret: tb.simulator.clientSecret,
      refreshToken: typed,
    });
    expect(check.ok).toBe(true);
    expect(check.message).toMatch(/could not save them/);
    expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);
    expect(await health(tb)).toMatchObject({ status: 'ok', tokenSaved: false });

    const before = disk.written.length;
    disk.fail(false);
    expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);
    const netatmoWrites = changedNetatmo(disk.written.slice(before - 1)).slice(1);
    expect(netatmoWrites).toHaveLength(1);
    expect(netatmoWrites[0]!.netatmo.credentials?.clientId).toBe(tb.simulator.clientId);
    expect(netatmoWrites[0]!.netatmo.tokens?.refreshToken).not.toBe(typed);
    expect(tb.bridge.context.netatmoHealth().tokenSaved).toBe(true);
    // One token request in all: the typed token, once; the polls used the pair it gave.
    expect(tb.simulator.calls.list({ endpoint: 'oauth2/token' }).map((c) => `${String(c.params.grant_type)}:${c.httpStatus}`)).toEqual(['refresh_token:200']);
  });
});
