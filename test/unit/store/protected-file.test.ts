// A data file the bridge must not overwrite: one without a valid format version at start-up (e.g.
// `{}`: damage, recovered from the backup), and one changed meanwhile at run time by a newer bridge
// or by hand (saving stops, the bridge keeps its data in memory and says why). Real files.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileStore, StoreWriteError, type Store } from '../../../src/store/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import { captureLogger, makeTempDir, sampleTokens } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const corruptFiles = async () => (await readdir(dir)).filter((name) => name.startsWith('bridge.json.corrupt-'));

async function storeWithTokens(refreshToken: string, logger = silentLogger()): Promise<Store> {
  const store = await openFileStore({ dataDir: dir, logger });
  await store.update((draft) => {
    draft.netatmo.tokens = sampleTokens(refreshToken);
  });
  return store;
}

describe('file store: a file without a valid format version is damage', () => {
  it.each([
    ['an empty object', '{}'],
    ['an object of unknown fields', '{"hello":"world"}'],
  ])('%s at start-up: moved aside, recovered from the backup, the backup keeps the token', async (_label, text) => {
    const original = await storeWithTokens('precious-refresh');
    const backupBefore = await readFile(`${original.filePath}.bak`, 'utf8');
    await writeFile(original.filePath, text);

    const { logger, at } = captureLogger();
    const store = await openFileStore({ dataDir: dir, logger });

    expect(store.data.netatmo.tokens?.refreshToken).toBe('precious-refresh');
    expect(store.data.bridgeId).toBe(original.data.bridgeId);
    const aside = await corruptFiles();
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(dir, aside[0]!), 'utf8')).toBe(text);
    expect(at('warn').some((line) => line.msg.includes('no format version') && line.msg.includes('Restored from the backup'))).toBe(true);
    // A few seconds later (more writes) the backup still holds the refresh token.
    for (let i = 1; i <= 12; i++) await store.update((draft) => void (draft.state.revision = i));
    expect(JSON.parse(await readFile(`${original.filePath}.bak`, 'utf8')).netatmo.tokens.refreshToken).toBe('precious-refresh');
    expect(JSON.parse(backupBefore).netatmo.tokens.refreshToken).toBe('precious-refresh');
    expect(await readdir(dir)).not.toContain('bridge.json.v0');
  });
});

describe('file store: a file changed at run time by a newer bridge or by hand is never overwritten', () => {
  const newerFile = (bridgeId: string) => `${JSON.stringify({ schemaVersion: 99, bridgeId, netatmo: { tokens: { refreshToken: 'newer-bridge-token' } } }, null, 2)}\n`;

  it.each([
    ['written by a newer bridge', 'newer_file', (store: Store) => newerFile(store.data.bridgeId), /newer version of the bridge/],
    ['damaged by hand', 'damaged_file', () => '{"schemaVersion": 1, "bridgeId": ', /damaged/],
  ] as const)('%s: saving stops, memory and file are kept, the reason is told, saving resumes once fixed', async (_label, reason, content, wording) => {
    const { logger, at } = captureLogger();
    const store = await storeWithTokens('ours', logger);
    const good = await readFile(store.filePath, 'utf8');
    const foreign = content(store);
    await writeFile(store.filePath, foreign);

    const failure = (await store.update((draft) => void (draft.state.revision = 5)).catch((e: unknown) => e)) as StoreWriteError;
    expect(failure).toBeInstanceOf(StoreWriteError);
    expect(failure.reason).toBe(reason);
    expect(failure.message).toMatch(wording);
    // The file is exactly what the other writer left; nothing moved aside, no backup over it.
    expect(await readFile(store.filePath, 'utf8')).toBe(foreign);
    expect(await corruptFiles()).toEqual([]);
    expect(JSON.parse(await readFile(`${store.filePath}.bak`, 'utf8')).netatmo.tokens.refreshToken).toBe('ours');
    // The bridge keeps running from memory and says why it does not save.
    expect(store.data.netatmo.tokens?.refreshToken).toBe('ours');
    expect(store.problem()).toMatchObject({ reason });
    expect(store.problem()?.message).toMatch(wording);
    expect(at('error').filter((line) => wording.test(line.msg))).toHaveLength(1);

    // A re-read (the token manager after invalid_grant) does not overwrite it either.
    await store.reload();
    await store.update((draft) => void (draft.state.revision = 6)).catch(() => undefined);
    expect(await readFile(store.filePath, 'utf8')).toBe(foreign);
    expect(at('error').filter((line) => wording.test(line.msg))).toHaveLength(1);

    // Fixed by hand (the good content put back): the next change is saved again.
    await writeFile(store.filePath, good);
    await store.update((draft) => void (draft.state.revision = 7));
    expect(JSON.parse(await readFile(store.filePath, 'utf8')).state.revision).toBe(7);
    expect(store.problem()).toBeNull();
  });

  it('a file that disappeared at run time is written again from memory', async () => {
    const store = await storeWithTokens('kept');
    await rm(store.filePath);
    await store.reload();
    expect(JSON.parse(await readFile(store.filePath, 'utf8')).netatmo.tokens.refreshToken).toBe('kept');
    expect(store.problem()).toBeNull();
  });
});

describe('file store: start-up words', () => {
  it('a first start writes the new file without any warning', async () => {
    const { logger, at } = captureLogger();
    await openFileStore({ dataDir: dir, logger });
    expect(at('warn')).toEqual([]);
    expect(at('error')).toEqual([]);
  });
});
