// Runs the real bridge process (src/main.ts through tsx, no build needed) against a simulator in
// the test process: for what only a process can show — signals, exit codes, stdout logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunningSimulator } from '../../src/simulator/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface SpawnedBridge {
  child: ChildProcess;
  dataDir: string;
  /** Every stdout/stderr line so far. */
  lines: string[];
  /** Parsed JSON log entries so far. */
  entries(): Record<string, unknown>[];
  /** Resolves with the first log entry (so far or to come) that `match` accepts. */
  logged(match: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves with the port from the welcome line. */
  port: Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url(): Promise<string>;
}

export function bridgeEnv(simulator: RunningSimulator, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    NETATMO_API_URL: simulator.url,
    NETATMO_CLIENT_ID: simulator.clientId,
    NETATMO_CLIENT_SECRET: simulator.clientSecret,
    NETATMO_REFRESH_TOKEN: simulator.issueRefreshToken(),
    SIMULATOR: 'off',
    SSDP: 'off',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface SpawnOptions {
  dataDir?: string;
  env?: Record<string, string>;
  /** Extra modules loaded before the bridge (e.g. one that throws later, to test crash handling). */
  preload?: string[];
}

export async function spawnBridge(simulator: RunningSimulator, options: SpawnOptions = {}): Promise<SpawnedBridge> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'bridge-proc-')));
  const preload = (options.preload ?? []).flatMap((file) => ['--import', pathToFileURL(file).href]);
  // cwd = the data dir, so no developer .env in the repository is read.
  const child = spawn(process.execPath, ['--import', TSX_LOADER, ...preload, path.join(REPO_ROOT, 'src/main.ts')], {
    cwd: dataDir,
    env: bridgeEnv(simulator, dataDir, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { match: (entry: Record<string, unknown>) => boolean; resolve: (entry: Record<string, unknown>) => void }[] = [];
  let resolvePort: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => {
    resolvePort = resolve;
  });
  const onLine = (line: string): void => {
    lines.push(line);
    const entry = parseEntry(line);
    if (!entry) return;
    if (line.includes('status page') && typeof entry.port === 'number') resolvePort(entry.port);
    for (const waiter of [...waiters]) {
      if (!waiter.match(entry)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(entry);
    }
  };
  // A line can arrive in two chunks: each stream keeps its unfinished tail until the rest comes.
  for (const stream of [child.stdout, child.stderr]) {
    let tail = '';
    stream?.on('data', (chunk: Buffer) => {
      const parts = (tail + chunk.toString('utf8')).split('\n');
      tail = parts.pop() ?? '';
      for (const line of parts) if (line) onLine(line);
    });
    stream?.on('end', () => {
      if (tail) onLine(tail);
      tail = '';
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  void exited.then(() => resolvePort(-1));
  return {
    child,
    dataDir,
    lines,
    entries: () =>
      lines.flatMap((l): Record<string, unknown>[] => {
        const entry = parseEntry(l);
        return entry ? [entry] : [];
      }),
    logged: (match) => {
      const seen = lines.map(parseEntry).find((entry) => entry && match(entry));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    port,
    exited,
    url: async () => `http://127.0.0.1:${await port}`,
  };
}

function parseEntry(line: string): Record<string, unknown> | null {
  try {
    const entry: unknown = JSON.parse(line);
    return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
