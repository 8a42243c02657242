// The bridge's process-wide events and their payloads. The emitters (sync/poller, netatmo/client,
// the HTTP server, the features) and the listeners (metrics, watchdog, SmartApp, webhook …) both
// depend on this module, never on each other. Imports only model/ and util/.
import type { HealthError, NetatmoErrorKind } from '../model/types.js';
import type { TypedEvents } from '../util/typed-events.js';

/** One poll of Netatmo, as the poller reports it when it ends. */
export interface PollResult {
  ok: boolean;
  startedAt: number;
  durationMs: number;
  changed: boolean;
  /** The poll did not run because the local budget or a back-off deferred it. */
  deferred: boolean;
  error?: HealthError;
}

/** One call to the Netatmo API (metrics count them by endpoint and outcome). */
export interface NetatmoCallEvent {
  endpoint: string;
  outcome: 'ok' | NetatmoErrorKind;
  durationMs: number;
  httpStatus: number | null;
}

/** One answered HTTP request; route = the matched route pattern, never the raw path. */
export interface HttpRequestRecord {
  route: string;
  method: string;
  status: number;
  durationMs: number;
}

/** Process-wide events features may listen to (metrics, watchdog, SmartApp pushes …). */
// A type alias (not an interface) so it satisfies TypedEvents' index-signature constraint.
export type BridgeEvents = {
  pollFinished: [PollResult];
  netatmoCall: [NetatmoCallEvent];
  tokenRefreshed: [];
  /** route = the matched route pattern (e.g. /api/v1/homes/:homeId/mode), never the raw path. */
  lanRequest: [HttpRequestRecord];
  /** One push of capability events to SmartThings (SmartApp): status 'ok' or an error kind. */
  smartthingsPush: [{ status: string; events: number }];
  /** The SmartApp was installed, updated or uninstalled: how many installations remain. */
  smartappInstallations: [{ installed: number }];
  /** The watchdog restarted the poll heartbeat, abandoned a stuck poll or saw the wall clock step. */
  watchdogAction: [{ action: 'heartbeat_restarted' | 'poll_abandoned' | 'clock_stepped'; reason: string }];
};

/** The bus itself; a feature registers its listeners with itself as owner (see core/feature.ts). */
export type BridgeEventBus = TypedEvents<BridgeEvents>;
