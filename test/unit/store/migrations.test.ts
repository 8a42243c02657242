import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileStore, StoreVersionError } from '../../../src/store/index.js';
import { migrate } from '../../../src/store/migrations.js';
import { silentLogger } from '../../../src/util/logger.js';
import { captureLogger, makeTempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const now = new Date('2025-06-01T12:00:00.000Z');

describe('migrations', () => {
  it('upgrades a version 0 file (no schemaVersion) and keeps the refresh token', async () => {
    const v0 = {
      tokens: { access_token: 'old-access', refresh_token: 'old-refresh', expires_at: 1_750_000_000, scope: 'read_thermostat write_thermostat' },
      client_id: 'cid',
      client_secret: 'csecret',
    };
    const v0Text = JSON.stringify(v0);
    await writeFile(path.join(dir, 'bridge.json'), v0Text);

    const { logger, at, text } = captureLogger();
    const store = await openFileStore({ dataDir: dir, logger, now: () => now });

    expect(store.data.schemaVersion).toBe(2);
    expect(store.data.netatmo.tokens).toEqual({
      accessToken: 'old-access',
      refreshToken: 'old-refresh',
      expiresAt: new Date(1_750_000_000 * 1000).toISOString(),
      scope: ['read_thermostat', 'write_thermostat'],
      obtainedAt: now.toISOString(),
    });
    expect(store.data.netatmo.credentials).toEqual({ clientId: 'cid', clientSecret: 'csecret' });
    expect(store.data.lanToken).toMatch(/^[0-9a-f]{64}$/);
    // On disk: upgraded, with the original kept next to it.
    const onDisk = JSON.parse(await readFile(store.filePath, 'utf8'));
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk.netatmo.tokens.refreshToken).toBe('old-refresh');
    expect(await readFile(path.join(dir, 'bridge.json.v0'), 'utf8')).toBe(v0Text);
    expect(at('info').some((line) => line.msg.includes('from format 0 to 2'))).toBe(true);
    expect(text()).not.toContain('old-refresh');

    const reopened = await openFileStore({ dataDir: dir, logger: silentLogger() });
    expect(reopened.data.netatmo.tokens?.refreshToken).toBe('old-refresh');
    expect(reopened.data.bridgeId).toBe(store.data.bridgeId);
  });

  it('treats a version 0 token with an unknown expiry as expired, a version 0 file without tokens as unconnected, and `{}` as damage', () => {
    const withToken = migrate({ tokens: { refresh_token: 'r' } }, { now });
    expect(withToken.kind).toBe('ok');
    if (withToken.kind === 'ok') {
      expect(withToken.fromVersion).toBe(0);
      expect((withToken.data.netatmo as { tokens: { expiresAt: string } }).tokens.expiresAt).toBe('1970-01-01T00:00:00.000Z');
    }
    const without = migrate({ client_id: 'cid', client_secret: 'secret' }, { now });
    expect(without.kind === 'ok' && (without.data.netatmo as { tokens: unknown }).tokens).toBeNull();
    expect(migrate({}, { now })).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('no format version') });
    expect(migrate({ hello: 'world', tokens: {} }, { now })).toMatchObject({ kind: 'invalid' });
  });

  it('upgrades a version 1 file to 2: everything kept, an empty store of learnt activity added, the original kept as .v1', async () => {
    const fresh = await openFileStore({ dataDir: dir, logger: silentLogger(), now: () => now });
    await fresh.update((draft) => {
      draft.settings = { pollIntervalS: 45 };
      draft.state.revision = 12;
    });
    const current = JSON.parse(await readFile(fresh.filePath, 'utf8'));
    const { polling: _added, ...v1 } = { ...current, schemaVersion: 1 };
    const v1Text = JSON.stringify(v1);
    await writeFile(fresh.filePath, v1Text);

    const { logger, at } = captureLogger();
    const store = await openFileStore({ dataDir: dir, logger, now: () => now });
    expect(store.data.schemaVersion).toBe(2);
    expect(store.data.polling).toEqual({ activity: {} });
    expect(store.data.settings).toEqual({ pollIntervalS: 45 });
    expect(store.data.state.revision).toBe(12);
    expect(store.data.bridgeId).toBe(current.bridgeId);
    expect(store.data.lanToken).toBe(current.lanToken);
    expect(await readFile(path.join(dir, 'bridge.json.v1'), 'utf8')).toBe(v1Text);
    expect(at('info').some((line) => line.msg.includes('from format 1 to 2'))).toBe(true);
  });

  it('rejects malformed versions and non-objects', () => {
    expect(migrate({ schemaVersion: 'one' }, { now })).toMatchObject({ kind: 'invalid' });
    expect(migrate({ schemaVersion: 1.5 }, { now })).toMatchObject({ kind: 'invalid' });
    expect(migrate([1, 2], { now })).toMatchObject({ kind: 'invalid' });
    expect(migrate(null, { now })).toMatchObject({ kind: 'invalid' });
  });

  it('refuses a file from a newer version and leaves it untouched', async () => {
    const newer = JSON.stringify({ schemaVersion: 99, bridgeId: 'x', whatever: { refreshToken: 'future' } });
    const file = path.join(dir, 'bridge.json');
    await writeFile(file, newer);

    const failure = openFileStore({ dataDir: dir, logger: silentLogger() });
    await expect(failure).rejects.toBeInstanceOf(StoreVersionError);
    await expect(failure).rejects.toThrow(/newer version of the bridge.*format 99.*up to 2/);
    expect(await readFile(file, 'utf8')).toBe(newer);
    expect(await readdir(dir)).toEqual(['bridge.json']);
  });

  it('keeps fields it does not know about (written by a newer minor release)', async () => {
    const store = await openFileStore({ dataDir: dir, logger: silentLogger() });
    const file = store.filePath;
    const withExtra = { ...JSON.parse(await readFile(file, 'utf8')), futureFeature: { on: true } };
    await writeFile(file, JSON.stringify(withExtra));
    const reopened = await openFileStore({ dataDir: dir, logger: silentLogger() });
    await reopened.update((draft) => {
      draft.state.revision = 3;
    });
    expect(JSON.parse(await readFile(file, 'utf8')).futureFeature).toEqual({ on: true });
  });
});
