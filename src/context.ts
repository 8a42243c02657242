// What every feature of the bridge receives from the composition root (src/app.ts), and what a
// feature gives back. A feature (LAN commands, SSDP, SmartApp, web pages, metrics …) adds routes
// and may have start/stop steps; app.ts starts features in order and stops them in reverse.
import type { Router } from 'express';
import type { Config } from './config/index.js';
import type { NetatmoHealth } from './model/types.js';
import type { NetatmoApi } from './netatmo/api.js';
import type { NetatmoCallEvent } from './netatmo/client.js';
import type { RateBudget } from './netatmo/budget.js';
import type { TokenManager } from './netatmo/tokens.js';
import type { HubActivity } from './lan/hub-activity.js';
import type { LongPolls } from './lan/long-poll.js';
import type { PairingWindow } from './lan/pairing.js';
import type { BridgeInfo } from './lan/state-document.js';
import type { PollHeartbeat } from './ops/poll-heartbeat.js';
import type { RunningSimulator } from './simulator/index.js';
import type { Store } from './store/index.js';
import type { CommandService } from './sync/command-types.js';
import type { HealthTracker } from './sync/health.js';
import type { Poller, PollResult } from './sync/poller.js';
import type { StateService } from './sync/state-service.js';
import type { Logger } from './util/logger.js';
import type { TypedEvents } from './util/typed-events.js';

/** Process-wide events features may listen to (metrics, watchdog, SmartApp pushes …). */
// A type alias (not an interface) so it satisfies TypedEvents' index-signature constraint.
export type BridgeEvents = {
  pollFinished: [PollResult];
  netatmoCall: [NetatmoCallEvent];
  tokenRefreshed: [];
  /** route = the matched route pattern (e.g. /api/v1/homes/:homeId/mode), never the raw path. */
  lanRequest: [{ route: string; method: string; status: number; durationMs: number }];
  /** One push of capability events to SmartThings (SmartApp): status 'ok' or an error kind. */
  smartthingsPush: [{ status: string; events: number }];
  /** The SmartApp was installed, updated or uninstalled: how many installations remain. */
  smartappInstallations: [{ installed: number }];
  /** The watchdog restarted the poll heartbeat, abandoned a stuck poll or saw the wall clock step. */
  watchdogAction: [{ action: 'heartbeat_restarted' | 'poll_abandoned' | 'clock_stepped'; reason: string }];
};

export interface BridgeContext {
  config: Config;
  logger: Logger;
  store: Store;
  state: StateService;
  health: HealthTracker;
  budget: RateBudget;
  tokens: TokenManager;
  api: NetatmoApi;
  poller: Poller;
  events: TypedEvents<BridgeEvents>;
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
  /** Identity and version as served to clients. */
  bridgeInfo(): BridgeInfo;
  /** The health block clients see (status, stale, counters, intervals). */
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

export interface FeatureRoutes {
  /** No LAN auth (pages, pairing, SmartApp webhook, metrics …). */
  open?: Router[];
  /** Under /api/v1 behind the LAN bearer token. */
  lan?: Router[];
}

export interface Feature {
  name: string;
  routes?: FeatureRoutes;
  /** Runs after the HTTP server listens. */
  start?(): Promise<void> | void;
  /** Runs in reverse order on shutdown; must finish quickly. */
  stop?(): Promise<void> | void;
}

export type FeatureFactory = (context: BridgeContext) => Feature | Promise<Feature>;
