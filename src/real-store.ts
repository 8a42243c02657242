// The data file of the real Netatmo account, shared by the features that need it. The demo runs on
// its own data file (DATA_DIR/simulator), but the admin password, a Netatmo account connected from
// the demo, an export and an import belong in the real one. One store per bridge, opened once.
import type { BridgeContext } from './context.js';
import { openFileStore, type Store } from './store/index.js';
import { moduleLogger } from './util/logger.js';

const opened = new WeakMap<BridgeContext['store'], Promise<Store>>();

export function realStoreOf(context: BridgeContext): Promise<Store> {
  if (!context.simulator) return Promise.resolve(context.store);
  let store = opened.get(context.store);
  if (!store) {
    store = openFileStore({ dataDir: context.config.dataDir, logger: moduleLogger(context.logger, 'store'), presetLanToken: context.config.lanToken });
    opened.set(context.store, store);
  }
  return store;
}
