// kill -9 at random moments while a child process rotates the token as fast as it can: after every
// kill the data file must parse, hold a consistent pair (token n with revision n), and not have
// lost a write the child had reported as done. CRASH_ROUNDS raises the count (npm run test:proof uses 100).
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileStore } from '../../../src/store/index.js';
import { parseStoreText } from '../../../src/store/load.js';
import { captureLogger, makeTempDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const childScript = path.join(here, 'crash-child.ts');
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

interface RoundResult {
  lastAcked: number;
  started: boolean;
}

/** Start the child, kill it with SIGKILL after a random delay, report the last write it confirmed. */
function runAndKill(round: number): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastAcked = -1;
    let started = false;
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const killLater = (ms: number) => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), ms);
    };
    // Every fourth round is killed without waiting for start-up (during open, migration, backup).
    if (round % 4 === 0) killLater(Math.random() * 600);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'ready') {
          started = true;
          killLater(Math.random() * 150);
        } else if (word === 'ok') {
          lastAcked = Number(value);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Safety net: never leave a child running, whatever happens.
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child exited by itself (code ${code}): ${stderr}`));
      else resolve({ lastAcked, started });
    });
  });
}

describe('crash safety (kill -9 during writes)', () => {
  it(`the data file always parses and keeps every confirmed token over ${ROUNDS} kills`, async () => {
    let highestAcked = 0;
    let killedMidRun = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { lastAcked } = await runAndKill(round);
      const text = await readFile(path.join(dir, 'bridge.json'), 'utf8').catch(() => null);
      if (text === null) {
        // Killed before the very first write finished: nothing was confirmed, nothing can be lost.
        expect(highestAcked).toBe(0);
        continue;
      }
      const parsed = parseStoreText(text, new Date());
      expect(parsed.kind, `round ${round}: data file does not parse`).toBe('ok');
      if (parsed.kind !== 'ok') return;
      const revision = parsed.data.state.revision;
      const token = parsed.data.netatmo.tokens?.refreshToken ?? null;
      // Consistent pair, never older than what the child confirmed, at most the one write in flight.
      expect(token).toBe(revision === 0 ? null : `rt-${revision}`);
      highestAcked = Math.max(highestAcked, lastAcked);
      expect(revision).toBeGreaterThanOrEqual(highestAcked);
      expect(revision).toBeLessThanOrEqual(highestAcked + 1);
      highestAcked = revision;
      if (lastAcked >= 0) killedMidRun++;

      const backup = await readFile(path.join(dir, 'bridge.json.bak'), 'utf8').catch(() => null);
      if (backup !== null) expect(parseStoreText(backup, new Date()).kind, `round ${round}: backup does not parse`).toBe('ok');
    }
    expect(killedMidRun).toBeGreaterThan(0);

    // A normal start afterwards: no recovery needed, last token in place, crash leftovers cleaned.
    const { logger, at } = captureLogger();
    const store = await openFileStore({ dataDir: dir, logger });
    expect(at('warn')).toEqual([]);
    expect(at('error')).toEqual([]);
    expect(store.data.netatmo.tokens?.refreshToken).toBe(highestAcked === 0 ? undefined : `rt-${highestAcked}`);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    console.log(`crash safety: ${ROUNDS} kills, ${killedMidRun} mid-run, last token rt-${highestAcked}`);
  }, 60_000 + ROUNDS * 5_000);
});
