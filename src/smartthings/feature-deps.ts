// What the SmartApp feature uses of the bridge (every file of src/smartthings/ that needs a bridge
// service takes this, never the composition root's whole set).
import type { Config } from '../config/index.js';
import type { BridgeEventBus } from '../core/events.js';
import type { NetatmoHealth } from '../model/types.js';
import type { NetatmoApi } from '../netatmo/api.js';
import type { TokenManager } from '../netatmo/tokens.js';
import type { Store } from '../store/index.js';
import type { CommandService } from '../sync/command-types.js';
import type { Poller } from '../sync/poller.js';
import type { StateService } from '../sync/state-service.js';
import type { Logger } from '../util/logger.js';

export interface SmartAppFeatureDeps {
  config: Config;
  logger: Logger;
  store: Store;
  state: StateService;
  poller: Poller;
  tokens: TokenManager;
  api: NetatmoApi;
  commands: CommandService;
  events: BridgeEventBus;
  /** The health block clients see. */
  netatmoHealth(): NetatmoHealth;
  /** A hub read the LAN state in the last 5 minutes. */
  hubLinked(): boolean;
  /** The port the HTTP server listens on (the connect page's link). */
  httpPort(): number;
  now: () => number;
}
