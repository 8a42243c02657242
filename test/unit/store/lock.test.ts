// Two processes writing the same data file (a second bridge, `npm run auth`, `doctor --refresh`):
// every change of both survives, because each read-modify-write holds the data file's lock; and a
// lock left by a writer killed with SIGKILL does not keep the next start from saving. Real
// processes, real files.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileStore } from '../../../src/store/index.js';
import { silentLogger } from '../../../src/util/logger.js';
import { makeTempDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const childScript = path.join(here, 'writer-child.ts');

let dir: string;
let cleanup: () => Promise<void>;
const children: ChildProcess[] = [];
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await cleanup();
});

/** Spawns the writer child and resolves when it prints `word`. */
function child(args: string[], word: string): { process: ChildProcess; reached: Promise<void>; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const reached = new Promise<void>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split('\n').includes(word)) resolve();
    });
    void exited.then((code) => reject(new Error(`writer child exited (${code}) before "${word}": ${stderr}`)));
  });
  reached.catch(() => undefined);
  return { process: proc, reached, exited };
}

describe('file store: the data file lock', () => {
  it('two processes appending at the same time: not one change of either is lost', async () => {
    const COUNT = 40;
    const ours = await openFileStore({ dataDir: dir, logger: silentLogger() });
    const other = child(['append', dir, 'child', String(COUNT)], 'ready');
    await other.reached;
    for (let i = 0; i < COUNT; i++) {
      await ours.update((draft) => {
        draft.settings.homeIds = [...(draft.settings.homeIds ?? []), `parent-${i}`];
      });
    }
    expect(await other.exited).toBe(0);
    const onDisk = JSON.parse(await readFile(ours.filePath, 'utf8')) as { settings: { homeIds: string[] } };
    const ids = onDisk.settings.homeIds;
    expect(ids.filter((id) => id.startsWith('parent-'))).toHaveLength(COUNT);
    expect(ids.filter((id) => id.startsWith('child-'))).toHaveLength(COUNT);
    // Each process saw the other's writes: its own appear in order, interleaved with the other's.
    expect(ids.filter((id) => id.startsWith('child-'))).toEqual(Array.from({ length: COUNT }, (_, i) => `child-${i}`));
  }, 60_000);

  it('a lock left by a writer killed mid-write does not stop the next start from saving', async () => {
    const first = await openFileStore({ dataDir: dir, logger: silentLogger() });
    const killed = child(['hold', dir], 'holding');
    await killed.reached;
    const lock = await stat(`${first.filePath}.lock`);
    expect(lock.isDirectory()).toBe(true);
    killed.process.kill('SIGKILL');
    await killed.exited;

    const started = Date.now();
    const next = await openFileStore({ dataDir: dir, logger: silentLogger() });
    await next.update((draft) => void (draft.state.revision = 42));
    const waitedMs = Date.now() - started;
    expect(JSON.parse(await readFile(next.filePath, 'utf8')).state.revision).toBe(42);
    // Bounded by the lock's stale time (a few seconds), never "until someone removes it".
    expect(waitedMs).toBeLessThan(20_000);
    await expect(stat(`${first.filePath}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 60_000);
});
