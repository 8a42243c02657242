// Decides where Netatmo data comes from: the real API (credentials in the environment or saved by
// the status page) or the built-in simulator (demo: `npm run demo`, or `npm start` with nothing
// configured). The demo keeps its own data file under DATA_DIR/simulator so simulated tokens and
// homes never mix with a real account.
import path from 'node:path';
import type { Config } from './config/index.js';
import type { RunningSimulator } from './simulator/index.js';
import { openFileStore, type NetatmoCredentials, type Store, type StoreFs } from './store/index.js';
import { moduleLogger, type Logger } from './util/logger.js';

export interface NetatmoSource {
  /** The data file the bridge runs on: the real one, or the demo's own (DATA_DIR/simulator). */
  store: Store;
  /** The real account's data file, opened once: `store` itself unless the demo runs. */
  realStore: Store;
  apiUrl: string;
  credentials: NetatmoCredentials | null;
  refreshToken: string | null;
  simulator: RunningSimulator | null;
}

export interface NetatmoSourceOptions {
  config: Config;
  logger: Logger;
  demo: boolean;
  /** Test seam: the file system the data file goes through (a disk that fails on demand). */
  storeFs?: StoreFs;
}

export async function prepareNetatmoSource(options: NetatmoSourceOptions): Promise<NetatmoSource> {
  const { config, logger } = options;
  const storeLogger = moduleLogger(logger, 'store');
  const realStore = await openFileStore({ dataDir: config.dataDir, logger: storeLogger, presetLanToken: config.lanToken, fs: options.storeFs });
  if (!useSimulator(options, realStore)) {
    const { clientId, clientSecret } = config.netatmo;
    return {
      store: realStore,
      realStore,
      apiUrl: config.netatmo.apiUrl,
      credentials: clientId && clientSecret ? { clientId, clientSecret } : null,
      refreshToken: config.netatmo.refreshToken ?? null,
      simulator: null,
    };
  }
  await realStore.flush();
  // Loaded only for the demo: a bridge on a real account never carries the simulator's code.
  const { startSimulator } = await import('./simulator/index.js');
  const simulator = await startSimulator({ host: '127.0.0.1', port: config.simulatorPort });
  try {
    const demoStore = await openFileStore({
      dataDir: path.join(config.dataDir, 'simulator'),
      logger: storeLogger,
      presetLanToken: config.lanToken ?? realStore.data.lanToken,
    });
    // The simulator starts afresh each run, so tokens from an earlier demo are meaningless.
    await demoStore.update((data) => {
      data.netatmo.tokens = null;
      data.netatmo.credentials = null;
      data.bridgeId = realStore.data.bridgeId;
    });
    moduleLogger(logger, 'netatmo').warn(
      { simulator: simulator.url },
      'No Netatmo account is configured: running against the built-in SIMULATED home. Connect Netatmo on the status page or set NETATMO_CLIENT_ID / NETATMO_CLIENT_SECRET / NETATMO_REFRESH_TOKEN.',
    );
    return {
      store: demoStore,
      realStore,
      apiUrl: simulator.url,
      credentials: { clientId: simulator.clientId, clientSecret: simulator.clientSecret },
      refreshToken: simulator.issueRefreshToken(),
      simulator,
    };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}

function useSimulator(options: NetatmoSourceOptions, store: Store): boolean {
  if (options.demo || options.config.simulator === 'on') return true;
  if (options.config.simulator === 'off') return false;
  const configured = Boolean(options.config.netatmo.clientId) || store.data.netatmo.credentials !== null || store.data.netatmo.tokens !== null;
  return !configured;
}
