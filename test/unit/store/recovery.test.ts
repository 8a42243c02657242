import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileStore, type Store } from '../../../src/store/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import { captureLogger, makeTempDir, sampleTokens } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const corruptFiles = async (prefix = 'bridge.json.corrupt-') =>
  (await readdir(dir)).filter((name) => name.startsWith(prefix)).sort();

/** A store holding a refresh token, with an up-to-date backup. */
async function storeWithTokens(refreshToken: string): Promise<Store> {
  const store = await openFileStore({ dataDir: dir, logger: silentLogger() });
  await store.update((draft) => {
    draft.netatmo.tokens = sampleTokens(refreshToken);
  });
  return store;
}

describe('file store: damaged data file', () => {
  it.each([
    ['garbage', () => 'this is not json at all'],
    ['a truncated file', (good: string) => good.slice(0, Math.floor(good.length / 2))],
    ['an empty file', () => ''],
    ['valid JSON of the wrong shape', () => JSON.stringify({ schemaVersion: 1, bridgeId: 5 })],
  ])('moves %s aside, restores from the backup and says so', async (_label, damage) => {
    const original = await storeWithTokens('precious-refresh');
    const good = await readFile(original.filePath, 'utf8');
    const backupTime = new Date('2025-03-04T05:06:07.000Z');
    await utimes(`${original.filePath}.bak`, backupTime, backupTime);
    const damaged = damage(good);
    await writeFile(original.filePath, damaged);

    const { logger, at, text } = captureLogger();
    const store = await openFileStore({ dataDir: dir, logger });

    expect(store.data.netatmo.tokens?.refreshToken).toBe('precious-refresh');
    expect(store.data.bridgeId).toBe(original.data.bridgeId);
    // The damaged file is kept, byte for byte.
    const aside = await corruptFiles();
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(dir, aside[0]!), 'utf8')).toBe(damaged);
    // The main file is good again.
    expect(JSON.parse(await readFile(store.filePath, 'utf8')).netatmo.tokens.refreshToken).toBe('precious-refresh');
    const warning = at('warn').find((line) => line.msg.includes('Restored from the backup'));
    expect(warning?.msg).toContain('The data file was damaged');
    expect(warning?.msg).toContain('2025-03-04T05:06:07.000Z');
    expect(warning?.msg).toContain('your Netatmo connection is kept');
    expect(warning?.msg).toContain(aside[0]);
    expect(text()).not.toContain('precious-refresh');
  });

  it('starts fresh with an error asking to reconnect when there is no backup, keeping the bad file', async () => {
    const original = await storeWithTokens('lost-refresh');
    await rm(`${original.filePath}.bak`);
    await writeFile(original.filePath, '{"schemaVersion":1,"netatmo":{"tokens":');

    const { logger, at } = captureLogger();
    const store = await openFileStore({ dataDir: dir, logger });

    expect(store.data.netatmo.tokens).toBeNull();
    expect(store.data.bridgeId).not.toBe(original.data.bridgeId);
    expect(await corruptFiles()).toHaveLength(1);
    const errors = at('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain('no usable backup');
    expect(errors[0]!.msg).toContain('reconnect Netatmo');
  });

  it('moves a damaged backup aside as well when both copies are bad', async () => {
    const original = await storeWithTokens('gone');
    await writeFile(original.filePath, 'xx');
    await writeFile(`${original.filePath}.bak`, 'yy');

    const { logger, at } = captureLogger();
    const store = await openFileStore({ dataDir: dir, logger });

    expect(store.data.netatmo.tokens).toBeNull();
    expect(await corruptFiles()).toHaveLength(1);
    const backupAside = await corruptFiles('bridge.json.bak.corrupt-');
    expect(backupAside).toHaveLength(1);
    expect(await readFile(path.join(dir, backupAside[0]!), 'utf8')).toBe('yy');
    expect(at('warn').some((line) => line.msg.includes('backup of the data file is damaged'))).toBe(true);
    expect(at('error')).toHaveLength(1);
  });

  it('restores from the backup when the data file is missing', async () => {
    const original = await storeWithTokens('from-backup');
    await rm(original.filePath);

    const { logger, at } = captureLogger();
    const store = await openFileStore({ dataDir: dir, logger });

    expect(store.data.netatmo.tokens?.refreshToken).toBe('from-backup');
    expect(at('warn').some((line) => line.msg.includes('was missing'))).toBe(true);
    expect(JSON.parse(await readFile(store.filePath, 'utf8')).netatmo.tokens.refreshToken).toBe('from-backup');
  });

  it('two damaged starts in the same millisecond keep both bad files', async () => {
    const original = await storeWithTokens('t');
    const fixedNow = () => new Date('2025-01-01T00:00:00.000Z');
    await writeFile(original.filePath, 'first');
    await openFileStore({ dataDir: dir, logger: silentLogger(), now: fixedNow });
    await writeFile(original.filePath, 'second');
    await openFileStore({ dataDir: dir, logger: silentLogger(), now: fixedNow });
    const aside = await corruptFiles();
    expect(aside).toHaveLength(2);
    const contents = await Promise.all(aside.map((name) => readFile(path.join(dir, name), 'utf8')));
    expect(contents.sort()).toEqual(['first', 'second']);
  });
});

describe('file store: backup policy', () => {
  it('backs up irreplaceable changes at once and state-only changes every few writes', async () => {
    const store = await storeWithTokens('r1');
    const backup = () => readFile(`${store.filePath}.bak`, 'utf8').then((t) => JSON.parse(t));
    await store.update((draft) => {
      draft.state.revision = 1;
    });
    expect((await backup()).state.revision).toBe(0);
    for (let i = 2; i <= 12; i++) {
      await store.update((draft) => {
        draft.state.revision = i;
      });
    }
    expect((await backup()).state.revision).toBeGreaterThan(1);
    await store.update((draft) => {
      draft.netatmo.tokens = sampleTokens('r2');
    });
    expect((await backup()).netatmo.tokens.refreshToken).toBe('r2');
  });
});
