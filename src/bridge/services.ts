// Every service of one running bridge, as the composition root built it (src/bridge/build.ts).
// Features never see this whole set: each declares the few members it uses (its own `…Deps`
// interface) and src/bridge/features.ts hands it exactly those. Tests reach it as bridge.context.
import type { Config } from '../config/index.js';
import type { DiagnosticsRecorder } from '../diagnostics/recorder.js';
import type { BridgeEventBus } from '../core/events.js';
import type { NetatmoHealth } from '../model/types.js';
import type { NetatmoApi } from '../netatmo/api.js';
import type { RateBudget } from '../netatmo/budget.js';
import type { TokenManager } from '../netatmo/tokens.js';
import type { HubActivity } from '../lan/hub-activity.js';
import type { LongPolls } from '../lan/long-poll.js';
import type { PairingWindow } from '../lan/pairing.js';
import type { BridgeInfo } from '../lan/state-document.js';
import type { PollHeartbeat } from '../ops/poll-heartbeat.js';
import type { RunningSimulator } from '../simulator/index.js';
import type { Store } from '../store/index.js';
import type { CommandService } from '../sync/command-types.js';
import type { HealthTracker } from '../sync/health.js';
import type { Poller } from '../sync/poller.js';
import type { StateService } from '../sync/state-service.js';
import type { Logger } from '../util/logger.js';

export interface BridgeServices {
  config: Config;
  logger: Logger;
  /** The data file the bridge runs on (the demo's own file while the simulator runs). */
  store: Store;
  /**
   * The real account's data file: the same as `store`, except in the demo, where it is the real file
   * opened once at start (admin password, a Netatmo account connected from the demo, moving).
   */
  realStore: Store;
  state: StateService;
  health: HealthTracker;
  budget: RateBudget;
  tokens: TokenManager;
  api: NetatmoApi;
  poller: Poller;
  events: BridgeEventBus;
  /** Open while a hub may fetch the LAN token with POST /api/v1/pair. */
  pairing: PairingWindow;
  /** Hubs that polled the LAN API (status page: hub link). */
  hubs: HubActivity;
  /** Held GET /api/v1/state?wait=S reads (long poll); `size` is how many are held now. */
  longPolls: LongPolls;
  /** Every write to Netatmo (LAN API, SmartApp): rules, optimistic state, rollback on refusal. */
  commands: CommandService;
  /** The poller's node-cron heartbeat (not started with manualPolling); the watchdog restarts it. */
  heartbeat: PollHeartbeat;
  /** The simulator when the bridge runs the demo (no Netatmo credentials), else null. */
  simulator: RunningSimulator | null;
  /** Recent health changes and polls, for the diagnostics bundle. */
  recorder: DiagnosticsRecorder;
  /** Identity and version as served to clients. */
  bridgeInfo(): BridgeInfo;
  /** The health block clients see (src/sync/health-report.ts). */
  netatmoHealth(): NetatmoHealth;
  /** A hub read the LAN state in the last 5 minutes (hubLink closed; monotonic clock). */
  hubLinked(): boolean;
  /** The port the HTTP server listens on (known after start; 0 before). */
  httpPort(): number;
  /**
   * Ask the process to stop this bridge and start it again with the same configuration (e.g. after
   * Netatmo was connected from the demo: the next start uses the real account). Returns false when
   * the process cannot restart in place (tests, embedded use).
   */
  requestRestart(reason: string): boolean;
  /** Wall clock (ms epoch): times shown to people and stored. */
  now: () => number;
  /** Monotonic clock (ms): durations, due times, ages (a wall clock may step backwards). */
  monotonicNow: () => number;
}
