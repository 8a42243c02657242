// What the metrics feature (./metrics-feature.ts, ./metrics.ts) uses of the bridge.
import type { Config } from '../config/index.js';
import type { BridgeEventBus } from '../core/events.js';
import type { BridgeInfo } from '../lan/state-document.js';
import type { NetatmoHealth } from '../model/types.js';
import type { RateBudget } from '../netatmo/budget.js';
import type { HealthTracker } from '../sync/health.js';
import type { StateService } from '../sync/state-service.js';

/** What the metrics feature uses of the bridge. */
export interface MetricsFeatureDeps {
  config: Pick<Config, 'metrics'>;
  events: Pick<BridgeEventBus, 'on'>;
  state: Pick<StateService, 'revision'>;
  budget: Pick<RateBudget, 'snapshot'>;
  health: Pick<HealthTracker, 'snapshot'>;
  bridgeInfo(): BridgeInfo;
  netatmoHealth(): NetatmoHealth;
  now: () => number;
}
