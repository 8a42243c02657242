// Fault matrix, token side: an access token that expires in the middle of a poll, a refresh token
// Netatmo no longer accepts, and a refresh token rotated by another process sharing the data file.
// Real bridge + simulator over HTTP, fake clock; every token call is counted at the simulator.
import * as nodeFs from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RateBudget } from '../../src/netatmo/budget.js';
import { TokenManager } from '../../src/netatmo/tokens.js';
import { openFileStore, storeTokenRepository, type StoreFs } from '../../src/store/index.js';
import { silentLogger, type Logger } from '../../src/util/logger.js';
import { LogCapture } from '../helpers/bridge.js';
import { API_ENDPOINTS, rigTracker, type FaultRig } from './fault-rig.js';

const rigs = rigTracker();
afterEach(() => rigs.stopAll());

const TOKEN = 'oauth2/token';

async function storedRefreshToken(rig: FaultRig): Promise<string | undefined> {
  const file = JSON.parse(await readFile(path.join(rig.t.dataDir, 'bridge.json'), 'utf8')) as { netatmo: { tokens: { refreshToken: string } | null } };
  return file.netatmo.tokens?.refreshToken;
}

function grantTypes(rig: FaultRig, mark: number): unknown[] {
  return rig.sim.calls
    .list()
    .slice(mark)
    .filter((c) => c.endpoint === TOKEN)
    .map((c) => c.params.grant_type);
}


/** A second process on the same data directory (a second bridge, `doctor --refresh`): its own store and token manager. */
async function anotherProcess(
  rig: { t: { dataDir: string }; sim: { url: string; clientId: string; clientSecret: string }; now: () => number },
  seams: { fs?: StoreFs; logger?: Logger } = {},
) {
  const otherStore = await openFileStore({ dataDir: rig.t.dataDir, logger: seams.logger ?? silentLogger(), fs: seams.fs });
  const otherTokens = new TokenManager({
    repository: storeTokenRepository(otherStore),
    tokenUrl: `${rig.sim.url}/oauth2/token`,
    budget: new RateBudget({ now: rig.now }),
    logger: silentLogger(),
    envCredentials: { clientId: rig.sim.clientId, clientSecret: rig.sim.clientSecret },
    now: rig.now,
  });
  return { otherStore, otherTokens };
}

/** node:fs/promises whose renames onto bridge.json can be held (a slow disk) and are reported. */
function gatedDisk() {
  let armed = false;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reachedGate: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (reachedGate = resolve));
  const renamed: string[] = [];
  const fs: StoreFs = {
    ...nodeFs,
    rename: (async (from: string, to: string) => {
      if (armed && to.endsWith('bridge.json')) {
        armed = false;
        reachedGate();
        await released;
      }
      await nodeFs.rename(from, to);
      renamed.push(path.basename(to));
    }) as StoreFs['rename'],
  };
  return { fs, arm: () => (armed = true), reached, release, renamed };
}

describe('fault matrix: tokens', () => {
  it('access token expired mid-poll: one refresh, one retry, the poll succeeds and the new pair is on disk', async () => {
    const rig = await rigs.start();
    const before = await storedRefreshToken(rig);
    const mark = rig.mark();
    // homesdata is due again (hourly): it passes with the token, then homestatus says "expired".
    rig.ctx.poller.markTopologyDirty();
    rig.sim.faults.inject({ kind: 'token_expired', endpoints: ['homestatus'], count: 1 });

    const result = await rig.nextPoll();
    expect(result.ok).toBe(true);
    const calls = rig.sim.calls.list().slice(mark);
    expect(calls.map((c) => `${c.endpoint}:${c.httpStatus}`)).toEqual(['homesdata:200', 'homestatus:403', `${TOKEN}:200`, 'homestatus:200']);
    expect(calls[1]?.errorCode).toBe(3);
    const after = await storedRefreshToken(rig);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    expect((await rig.state()).netatmo).toMatchObject({ status: 'ok', consecutiveFailures: 0, lastError: null });
  });

  it('invalid_grant: auth_required in words, no loop of token or API calls, recovery once new tokens are saved', async () => {
    const rig = await rigs.start();
    const before = await rig.state();
    rig.sim.revokeRefreshTokens();
    rig.sim.expireAccessTokens();
    const mark = rig.mark();

    const failed = await rig.nextPoll();
    expect(failed.ok).toBe(false);
    expect(failed.error?.kind).toBe('invalid_grant');
    const during = await rig.state();
    expect(during.netatmo.status).toBe('auth_required');
    expect(during.netatmo.lastError?.message).toMatch(/refresh token is no longer valid.*reconnect Netatmo on the status page/);
    expect(during.homes).toEqual(before.homes);

    // Two simulated hours of heartbeats: not one more call to Netatmo, token endpoint included.
    const polls = await rig.tickFor(2 * 60 * 60_000, 5_000);
    expect(polls.length).toBeGreaterThan(50);
    expect(polls.every((p) => !p.ok)).toBe(true);
    // One refused refresh; the stored and the env refresh tokens are each tried once at most.
    expect(rig.callsTo([TOKEN], mark)).toBeLessThanOrEqual(2);
    expect(rig.sim.calls.list().slice(mark).filter((c) => c.endpoint === TOKEN && c.httpStatus === 200)).toHaveLength(0);
    expect(rig.callsTo(API_ENDPOINTS, mark)).toBe(1); // the homestatus that answered "expired"
    expect(rig.ctx.netatmoHealth().status).toBe('auth_required');

    // The user reconnects on the status page (the OAuth callback stores the new pair): the
    // running bridge leaves auth_required on its own, no restart.
    await rig.ctx.tokens.storeNewTokens({
      accessToken: 'not-yet-issued',
      refreshToken: rig.sim.issueRefreshToken(),
      expiresAt: new Date(rig.now() - 1000).toISOString(),
      scope: ['read_thermostat', 'write_thermostat'],
      obtainedAt: new Date(rig.now()).toISOString(),
    });
    const healed = await rig.nextPoll();
    expect(healed.ok).toBe(true);
    expect(rig.ctx.netatmoHealth()).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    expect(grantTypes(rig, mark).every((g) => g === 'refresh_token')).toBe(true);
  });

  it('refresh token rotated by another process: the bridge re-reads the data file and carries on, no re-auth', async () => {
    const rig = await rigs.start();
    const mark = rig.mark();

    // Another process on the same data directory (a second bridge, the CLI's doctor --refresh)
    // refreshes: Netatmo rotates, our in-memory pair dies, the new one is only in the file.
    const { otherStore, otherTokens } = await anotherProcess(rig);
    const oldAccess = otherStore.data.netatmo.tokens?.accessToken ?? '';
    await otherTokens.refreshAfterRejection(oldAccess);
    const rotated = otherStore.data.netatmo.tokens?.refreshToken;
    expect(await storedRefreshToken(rig)).toBe(rotated);
    expect(rig.ctx.store.data.netatmo.tokens?.refreshToken).not.toBe(rotated);

    const result = await rig.nextPoll();
    expect(result.ok).toBe(true);
    expect(rig.ctx.netatmoHealth()).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    // The bridge took the other process's pair: nothing rotated it again, no sign-in was needed.
    expect(rig.ctx.store.data.netatmo.tokens?.refreshToken).toBe(rotated);
    expect(await storedRefreshToken(rig)).toBe(rotated);
    const tokenCalls = rig.sim.calls.list().slice(mark).filter((c) => c.endpoint === TOKEN);
    // The other process's refresh (200), then the bridge's try with its dead token (invalid_grant).
    expect(tokenCalls.map((c) => c.errorCode ?? c.httpStatus)).toEqual([200, 'invalid_grant']);
    expect(grantTypes(rig, mark).every((g) => g === 'refresh_token')).toBe(true);

    // And it keeps working on the following polls without any further token call.
    for (let i = 0; i < 3; i++) expect((await rig.nextPoll()).ok).toBe(true);
    expect(rig.callsTo([TOKEN], mark)).toBe(2);
  });

  it('refresh token rotated by another process while the bridge saves its state: the rotated pair survives', async () => {
    const rig = await rigs.start();
    const { otherStore, otherTokens } = await anotherProcess(rig);
    await otherTokens.refreshAfterRejection(otherStore.data.netatmo.tokens?.accessToken ?? '');
    const rotated = otherStore.data.netatmo.tokens?.refreshToken;

    // Before the bridge's next Netatmo call succeeds it saves its state (a failed poll is saved at
    // once): that write must not put the dead pair back over the other process's new one.
    rig.sim.faults.inject({ kind: 'server_error', endpoints: ['homestatus'], count: 1 });
    expect((await rig.nextPoll()).ok).toBe(false);
    await rig.ctx.store.flush();
    expect(await storedRefreshToken(rig)).toBe(rotated);
    const next = await rig.nextPoll();
    expect(next.error?.message ?? 'ok').toBe('ok');
    expect(rig.ctx.netatmoHealth().status).toBe('ok');
  });

  it('the interleaving that lost the rotated pair: the state save read the file, the other process rotated and wrote, the save landed last', async () => {
    const bridgeDisk = gatedDisk();
    const rig = await rigs.start({ storeFs: bridgeDisk.fs });
    const otherDisk = gatedDisk();
    const otherLogs = new LogCapture();
    const { otherStore, otherTokens } = await anotherProcess(rig, { fs: otherDisk.fs, logger: otherLogs.logger() });
    const before = await storedRefreshToken(rig);

    // The bridge saves its state after a failed poll; its write is held just before the rename.
    bridgeDisk.arm();
    rig.sim.faults.inject({ kind: 'server_error', endpoints: ['homestatus'], count: 1 });
    expect((await rig.nextPoll()).ok).toBe(false);
    await bridgeDisk.reached;

    // Meanwhile the other process refreshes (Netatmo rotates) and saves. The held write goes on as
    // soon as the other one has landed — or is waiting for the data file's lock.
    const otherWaits = async (): Promise<void> => {
      while (otherLogs.find('locked by another writer').length === 0 && !otherDisk.renamed.includes('bridge.json')) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const rotation = otherTokens.refreshAfterRejection(otherStore.data.netatmo.tokens?.accessToken ?? '');
    await otherWaits();
    bridgeDisk.release();
    await rotation;
    await rig.ctx.store.flush();

    const rotated = otherStore.data.netatmo.tokens?.refreshToken;
    expect(rotated).not.toBe(before);
    expect(await storedRefreshToken(rig)).toBe(rotated);
    // And the bridge carries on with the other process's pair.
    expect((await rig.nextPoll()).ok).toBe(true);
    expect(rig.ctx.netatmoHealth().status).toBe('ok');
    expect(await storedRefreshToken(rig)).toBe(rig.ctx.store.data.netatmo.tokens?.refreshToken);
  });
});
