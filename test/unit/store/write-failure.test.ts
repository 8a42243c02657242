// A full or read-only disk must never corrupt the data file or lose the in-memory data: the write
// is refused with a plain StoreWriteError and the next write after the disk recovers goes through.
// Tests run as root in CI, where chmod 0500 does not stop writes, so most cases inject a failing
// file system through the adapter's `fs` seam; the chmod case runs only as a normal user.
import * as realFs from 'node:fs/promises';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileStore, StoreReadError, StoreWriteError, type StoreFs, type StoreWriteFailureReason } from '../../../src/store/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import { captureLogger, makeTempDir, sampleTokens } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(async () => {
  await realFs.chmod(dir, 0o700).catch(() => undefined);
  await cleanup();
});

/** A real file system whose temp-file writes fail with `code` while `failing` is true. */
function failingFs(code: string) {
  const control = { failing: false };
  const fs: StoreFs = {
    ...realFs,
    open: (async (file: string, flags?: string, mode?: number) => {
      const handle = await realFs.open(file, flags, mode);
      if (!control.failing || !String(file).endsWith('.tmp')) return handle;
      // Fail the way a full disk does: part of the data reaches the temp file, then the write errors.
      return new Proxy(handle, {
        get(target, prop, receiver) {
          if (prop === 'writeFile') {
            return async (data: string) => {
              await target.write(data.slice(0, 10));
              throw Object.assign(new Error(`${code}: simulated failure, write`), { code });
            };
          }
          const value: unknown = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    }) as StoreFs['open'],
  };
  return { fs, control };
}

const cases: Array<[string, StoreWriteFailureReason, RegExp]> = [
  ['EROFS', 'read_only', /read-only/],
  ['ENOSPC', 'disk_full', /disk is full/],
  ['EACCES', 'permission', /permission denied/],
  ['EIO', 'io', /input\/output error \(EIO\)/],
];

describe('file store: write failures', () => {
  it.each(cases)('%s: rejects with a StoreWriteError, keeps memory and file, recovers afterwards', async (code, reason, wording) => {
    const { fs, control } = failingFs(code);
    const { logger, at, text } = captureLogger();
    const store = await openFileStore({ dataDir: dir, logger, fs });
    await store.update((draft) => {
      draft.netatmo.tokens = sampleTokens('before-failure');
    });
    const fileBefore = await readFile(store.filePath, 'utf8');

    control.failing = true;
    const failure = store.update((draft) => {
      draft.netatmo.tokens = sampleTokens('lost-in-failure');
    });
    await expect(failure).rejects.toBeInstanceOf(StoreWriteError);
    const error = (await failure.catch((e: unknown) => e)) as StoreWriteError;
    expect(error.reason).toBe(reason);
    expect(error.code).toBe(code);
    expect(error.message).toContain(store.filePath);
    expect(error.message).toMatch(wording);
    expect(error.message).not.toContain('lost-in-failure');

    // Memory rolled back, file intact, no temp file left behind.
    expect(store.data.netatmo.tokens?.refreshToken).toBe('before-failure');
    expect(await readFile(store.filePath, 'utf8')).toBe(fileBefore);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // A second failure is not logged again as an error (no log flood while the disk stays full).
    await expect(store.update((draft) => void (draft.state.revision = 5))).rejects.toBeInstanceOf(StoreWriteError);
    expect(at('error')).toHaveLength(1);

    control.failing = false;
    await store.update((draft) => {
      draft.netatmo.tokens = sampleTokens('after-recovery');
    });
    expect(store.data.netatmo.tokens?.refreshToken).toBe('after-recovery');
    expect(JSON.parse(await readFile(store.filePath, 'utf8')).netatmo.tokens.refreshToken).toBe('after-recovery');
    expect(at('info').some((line) => line.msg.includes('works again'))).toBe(true);
    expect(text()).not.toMatch(/before-failure|lost-in-failure|after-recovery/);
  });

  it('starts on a read-only data directory with the data it holds', async () => {
    const first = await openFileStore({ dataDir: dir, logger: silentLogger() });
    await first.update((draft) => {
      draft.netatmo.tokens = sampleTokens('readonly-start');
    });
    const { fs, control } = failingFs('EROFS');
    control.failing = true;
    const store = await openFileStore({ dataDir: dir, logger: silentLogger(), fs, presetLanToken: 'x'.repeat(32) });
    expect(store.data.netatmo.tokens?.refreshToken).toBe('readonly-start');
    // LAN_TOKEN still applies in memory; it is saved once the disk is writable again.
    expect(store.data.lanToken).toBe('x'.repeat(32));
    control.failing = false;
    await store.update((draft) => void (draft.state.revision = 1));
    expect(JSON.parse(await readFile(store.filePath, 'utf8')).lanToken).toBe('x'.repeat(32));
  });

  it('reports a data directory that cannot be created', async () => {
    const blocked = path.join(dir, 'file-not-dir');
    await realFs.writeFile(blocked, '');
    await expect(openFileStore({ dataDir: path.join(blocked, 'data'), logger: silentLogger() })).rejects.toBeInstanceOf(StoreWriteError);
  });

  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot)('a real read-only directory (chmod 0500) refuses writes and recovers (skipped as root)', async () => {
    const store = await openFileStore({ dataDir: dir, logger: silentLogger() });
    const fileBefore = await readFile(store.filePath, 'utf8');
    await realFs.chmod(dir, 0o500);
    const error = (await store.update((draft) => void (draft.state.revision = 1)).catch((e: unknown) => e)) as StoreWriteError;
    expect(error).toBeInstanceOf(StoreWriteError);
    expect(error.reason).toBe('permission');
    expect(store.data.state.revision).toBe(0);
    expect(await readFile(store.filePath, 'utf8')).toBe(fileBefore);
    await realFs.chmod(dir, 0o700);
    await store.update((draft) => void (draft.state.revision = 2));
    expect(store.data.state.revision).toBe(2);
  });
});

describe('file store: unreadable data file', () => {
  it('refuses to start with a StoreReadError naming the file, and leaves it alone', async () => {
    // A directory where the data file should be: unreadable as root too (EISDIR).
    await realFs.mkdir(path.join(dir, 'bridge.json'));
    const failure = openFileStore({ dataDir: dir, logger: silentLogger() });
    await expect(failure).rejects.toBeInstanceOf(StoreReadError);
    await expect(failure).rejects.toThrow(`${path.join(dir, 'bridge.json')} (EISDIR)`);
    expect((await realFs.stat(path.join(dir, 'bridge.json'))).isDirectory()).toBe(true);
  });
});
