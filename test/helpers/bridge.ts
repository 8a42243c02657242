// Starts a real bridge against a real simulator, both on 127.0.0.1 with random ports, in a temp
// data directory — the way integration tests exercise the product end to end.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { startBridge, type Bridge, type BridgeOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { createLogger, type Logger } from '../../src/util/logger.js';

/** Captures every log line (JSON) so tests can assert on them — and that no secret leaks. */
export class LogCapture {
  readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

  logger(level = 'debug'): Logger {
    return createLogger({ level, destination: this.stream });
  }

  text(): string {
    return this.lines.join('\n');
  }

  /** Parsed log entries whose message contains `fragment`. */
  find(fragment: string): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => typeof e.msg === 'string' && e.msg.includes(fragment));
  }
}

export interface TestBridgeOptions {
  simulator?: SimulatorOptions;
  /** Reuse a running simulator (restart tests). */
  existingSimulator?: RunningSimulator;
  /** Reuse a data directory (restart tests). */
  dataDir?: string;
  env?: Record<string, string>;
  /** Pass the simulator's refresh token as NETATMO_REFRESH_TOKEN (default true). */
  withRefreshToken?: boolean;
  /** Explicit env refresh token (e.g. a dead one after rotation). */
  refreshToken?: string;
  bridge?: Partial<Omit<BridgeOptions, 'config' | 'logger'>>;
  logs?: LogCapture;
}

export interface TestBridge {
  bridge: Bridge;
  simulator: RunningSimulator;
  dataDir: string;
  config: Config;
  logs: LogCapture;
  lanToken(): string;
  /** fetch against the bridge with the LAN token. */
  api(pathname: string, init?: RequestInit): Promise<Response>;
  /** Stops the bridge (and the simulator unless it was passed in); removes the data dir unless kept. */
  stop(options?: { keepData?: boolean; keepSimulator?: boolean }): Promise<void>;
}

export function testConfig(dataDir: string, env: Record<string, string>): Config {
  const loaded = loadConfig({
    env: { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', SSDP: 'off', SIMULATOR: 'off', LOG_FORMAT: 'json', LOG_LEVEL: 'debug', ...env },
    envFile: false,
    stdoutIsTTY: false,
  });
  if (!loaded.ok) throw new Error(`test config invalid: ${loaded.problems.join('; ')}`);
  return loaded.config;
}

export async function startTestBridge(options: TestBridgeOptions = {}): Promise<TestBridge> {
  const simulator = options.existingSimulator ?? (await startSimulator({ rateLimits: false, ...options.simulator }));
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'bridge-test-')));
  const env: Record<string, string> = {
    NETATMO_API_URL: simulator.url,
    NETATMO_CLIENT_ID: simulator.clientId,
    NETATMO_CLIENT_SECRET: simulator.clientSecret,
    ...options.env,
  };
  const refreshToken = options.refreshToken ?? (options.withRefreshToken === false ? undefined : simulator.issueRefreshToken());
  if (refreshToken) env.NETATMO_REFRESH_TOKEN = refreshToken;
  const config = testConfig(dataDir, env);
  const logs = options.logs ?? new LogCapture();
  const bridge = await startBridge({ config, logger: logs.logger(), manualPolling: true, ...options.bridge });
  return {
    bridge,
    simulator,
    dataDir,
    config,
    logs,
    lanToken: () => bridge.context.store.data.lanToken,
    api: (pathname, init) =>
      fetch(`${bridge.url}${pathname}`, {
        ...init,
        headers: { authorization: `Bearer ${bridge.context.store.data.lanToken}`, ...(init?.headers as Record<string, string> | undefined) },
      }),
    async stop(stopOptions = {}) {
      await bridge.stop();
      if (!options.existingSimulator && !stopOptions.keepSimulator) await simulator.stop();
      if (!options.dataDir && !stopOptions.keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
