// Crash safety of the whole bridge process: kill -9 at random moments while it refreshes tokens
// and saves state, then start it again on the same data directory. The simulator's access tokens
// live 120 s, less than the bridge's 5-minute refresh margin, so EVERY Netatmo call refreshes (and
// Netatmo rotates the refresh token each time); setpoint commands make state writes at the same time.
//
// After every kill: the data file parses (and its backup), and the next start reconnects with the
// stored, rotated token — a poll succeeds and the token endpoint never says invalid_grant.
// One case is physically unavoidable and is told apart, not hidden: Netatmo has issued a new pair
// (the old one died at that instant) and the process dies before the pair reaches the disk. Then
// the stored token is dead; the test checks that the bridge had not USED the new pair (persist
// before use), and the next start falls back to NETATMO_REFRESH_TOKEN (fresh per round here).
//
// CRASH_BRIDGE_ROUNDS (default 3; `npm run test:proof` runs 100) and CRASH_USE_DIST=1 (spawn the
// built dist/main.js, ~0.3 s start, instead of src/main.ts through tsx).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import type { CallRecord } from '../../src/simulator/types.js';
import { parseStoreText } from '../../src/store/load.js';
import { bridgeEnv, REPO_ROOT } from '../helpers/spawned-bridge.js';

const ROUNDS = Number(process.env.CRASH_BRIDGE_ROUNDS ?? 3);
const USE_DIST = process.env.CRASH_USE_DIST === '1' && existsSync(path.join(REPO_ROOT, 'dist/main.js'));
const LAN_TOKEN = 'crash-test-lan-token-0123456789';
const TOKEN = 'oauth2/token';
const API_OK = new Set(['homesdata', 'homestatus', 'setroomthermpoint', 'setthermmode', 'switchhomeschedule', 'setstate']);

let sim: RunningSimulator;
let dataDir: string;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false, accessTokenTtlS: 120 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'crash-bridge-'));
});
afterAll(async () => {
  await sim.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface Child {
  process: ChildProcess;
  port: Promise<number>;
  exited: Promise<void>;
}

function startChild(): Child {
  const entry = USE_DIST
    ? [path.join(REPO_ROOT, 'dist/main.js')]
    : ['--import', pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href, path.join(REPO_ROOT, 'src/main.ts')];
  const child = spawn(process.execPath, entry, {
    cwd: dataDir,
    env: bridgeEnv(sim, dataDir, { LAN_TOKEN, LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let resolvePort: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => (resolvePort = resolve));
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('status page')) continue;
      const entry = JSON.parse(line) as { port?: unknown };
      if (typeof entry.port === 'number') resolvePort(entry.port);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => resolvePort(-1));
  // Safety net: never leave a bridge running, whatever happens to the test.
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  void exited.then(() => clearTimeout(guard));
  return { process: child, port, exited };
}

const auth = { authorization: `Bearer ${LAN_TOKEN}`, 'content-type': 'application/json' };
const random = (maxMs: number): number => Math.floor(Math.random() * maxMs);

/** Commands (state writes) and refreshes (polls, each call a token rotation) until stopped. */
async function chaos(url: string, roomPath: string, stop: () => boolean): Promise<number> {
  let sent = 0;
  for (let i = 0; !stop(); i++) {
    const request =
      i % 3 === 2
        ? fetch(`${url}/api/v1/refresh`, { method: 'POST', headers: auth })
        : fetch(`${url}${roomPath}`, { method: 'POST', headers: auth, body: JSON.stringify({ temperatureC: 19 + (i % 6) * 0.5 }) });
    await request.then((res) => res.arrayBuffer()).catch(() => undefined);
    sent++;
  }
  return sent;
}

async function readDataFile(): Promise<ReturnType<typeof parseStoreText> | null> {
  const text = await readFile(path.join(dataDir, 'bridge.json'), 'utf8').catch(() => null);
  return text === null ? null : parseStoreText(text, new Date());
}

/** After the last rotation Netatmo answered in `calls`, was the new pair used for an API call? */
function usedAfterLastRotation(calls: CallRecord[]): boolean {
  const last = calls.map((c) => c.endpoint === TOKEN && c.httpStatus === 200).lastIndexOf(true);
  return last >= 0 && calls.slice(last + 1).some((c) => API_OK.has(c.endpoint) && c.httpStatus === 200);
}

describe('crash safety of the bridge process (kill -9 during token refresh and state writes)', () => {
  it(`${ROUNDS} random kills: the data file always parses and the bridge always reconnects with the rotated token`, async () => {
    let previousCalls: CallRecord[] = [];
    const stats = { verified: 0, startupKills: 0, lostInFlight: 0, rotations: 0, commands: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const mark = sim.calls.list().length;
      const child = startChild();
      let killed = false;
      const kill = (): void => {
        if (killed) return;
        killed = true;
        child.process.kill('SIGKILL');
      };

      if (round % 5 === 4) {
        // Killed during start-up: store open, first refresh, first homesdata/homestatus.
        stats.startupKills++;
        setTimeout(kill, random(USE_DIST ? 500 : 2500));
        await child.exited;
      } else {
        const port = await child.port;
        expect(port, `round ${round}: the bridge did not start`).toBeGreaterThan(0);
        const url = `http://127.0.0.1:${port}`;
        // Reconnect check: a poll with the stored token succeeds.
        const refresh = await fetch(`${url}/api/v1/refresh`, { method: 'POST', headers: auth });
        expect(refresh.status, `round ${round}: first poll after restart failed: ${await refresh.clone().text()}`).toBe(200);
        const verifyCalls = sim.calls.list().slice(mark);
        const refused = verifyCalls.filter((c) => c.endpoint === TOKEN && c.errorCode === 'invalid_grant');
        if (refused.length > 0) {
          // Only acceptable when the last kill fell between Netatmo's rotation and the write,
          // and the bridge had not used the pair it had not saved yet.
          expect(usedAfterLastRotation(previousCalls), `round ${round}: stored token dead although its successor was used`).toBe(false);
          stats.lostInFlight++;
        }
        stats.verified++;

        const state = (await (await fetch(`${url}/api/v1/state`, { headers: auth })).json()) as { homes: { id: string; rooms: { id: string; kind: string }[] }[] };
        const home = state.homes[0]!;
        const room = home.rooms.find((r) => r.kind === 'valves') ?? home.rooms[0]!;
        const chaosRun = chaos(url, `/api/v1/homes/${home.id}/rooms/${room.id}/setpoint`, () => killed);
        setTimeout(kill, random(600));
        stats.commands += await chaosRun;
        await child.exited;
      }

      previousCalls = sim.calls.list().slice(mark);
      stats.rotations += previousCalls.filter((c) => c.endpoint === TOKEN && c.httpStatus === 200).length;
      const parsed = await readDataFile();
      if (parsed === null) {
        expect(round, 'the data file vanished after it had been written').toBe(0);
        continue;
      }
      expect(parsed.kind, `round ${round}: data file does not parse`).toBe('ok');
      if (parsed.kind === 'ok') expect(parsed.data.lanToken).toBe(LAN_TOKEN);
      const backup = await readFile(path.join(dataDir, 'bridge.json.bak'), 'utf8').catch(() => null);
      if (backup !== null) expect(parseStoreText(backup, new Date()).kind, `round ${round}: backup does not parse`).toBe('ok');
    }

    // A last clean start: it reconnects, and the temp files of killed writers are cleaned up.
    const final = startChild();
    const port = await final.port;
    const mark = sim.calls.list().length;
    const last = await fetch(`http://127.0.0.1:${port}/api/v1/refresh`, { method: 'POST', headers: auth });
    expect(last.status).toBe(200);
    const refusedAtEnd = sim.calls.list().slice(mark).filter((c) => c.errorCode === 'invalid_grant').length;
    if (refusedAtEnd > 0) expect(usedAfterLastRotation(previousCalls)).toBe(false);
    final.process.kill('SIGTERM');
    await final.exited;
    expect((await readdir(dataDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(stats.verified).toBeGreaterThan(0);
    expect(stats.rotations).toBeGreaterThan(ROUNDS);
    // The unavoidable window is a few ms of each refresh (here: of every call); never the rule. Its
    // share of kills depends on machine load, so it is judged only over many rounds (test:proof);
    // with a few rounds the per-round check above (the new pair was never used) is the guarantee.
    if (stats.verified >= 20) expect(stats.lostInFlight).toBeLessThan(stats.verified / 2);
    console.log(
      `crash safety (bridge process${USE_DIST ? ', dist' : ', tsx'}): ${ROUNDS} kills (${stats.startupKills} during start-up), ` +
        `${stats.rotations} token rotations, ${stats.commands} LAN requests during chaos, ${stats.verified} reconnects verified, ` +
        `${stats.lostInFlight} kills between Netatmo's rotation and the write (token lost in flight; env token used)`,
    );
  }, 30_000 + ROUNDS * 8_000);
});
