// Public contract of the Netatmo simulator. Tests, `npm run demo` and `npm start` without
// credentials code against these types; keep them stable.
import type { CallLog } from './call-log.js';
import type { FaultController } from './faults.js';
import type { DeliveryOptions, DeliveryOutcome } from './webhook-sender.js';
import type { SimWorld } from './world.js';

export interface SimulatorOptions {
  /** Default '127.0.0.1'. Anything that is not a loopback address is refused. */
  host?: string;
  /** Default 0 (random free port). */
  port?: number;
  /** ms epoch, default Date.now. ALL simulated time comes from it (tokens, physics, limits). */
  clock?: () => number;
  /** Deterministic randomness: same seed → same ids, same noise. Default 1. */
  seed?: number;
  /**
   * demo = one home; multi-home adds an OpenTherm home (OTH + OTM + valves, needs setstate);
   * smarther adds a home with a BTicino Smarther (BNS) room beside a Smart Thermostat room and a
   * valve room (setstate for the BNS and valve rooms, setroomthermpoint for the thermostat room).
   */
  scenario?: 'demo' | 'multi-home' | 'smarther';
  clientId?: string;
  clientSecret?: string;
  /** Default 10800 (3 h), as Netatmo. */
  accessTokenTtlS?: number;
  /**
   * continuous (default): a room's temperature at the very moment it is asked for; module-reports:
   * as of the room's latest module report (each module every 5–20 min, at its own phase), as on
   * real hardware (src/simulator/module-reports.ts).
   */
  measurements?: 'continuous' | 'module-reports';
  /** Per-user limits (Netatmo: 50 per 10 s, 500 per hour); false disables them. */
  rateLimits?: { per10s: number; perHour: number } | false;
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:41234 — use as NETATMO_API_URL. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** A fresh valid refresh token, as the dev-portal token generator would issue. */
  issueRefreshToken(): string;
  world: SimWorld;
  faults: FaultController;
  calls: CallLog;
  webhooks: {
    registered(): string[];
    /** Posts one event (any JSON object) now and waits for the answers; signed unless told otherwise. */
    deliver(event: Record<string, unknown>, options?: DeliveryOptions): Promise<DeliveryOutcome[]>;
  };
  /** Every current access token answers code 3 "Access token expired" from now on. */
  expireAccessTokens(): void;
  /** Every refresh token answers invalid_grant from now on. */
  revokeRefreshTokens(): void;
  /** Steps the simulated clock by `ms` (negative = backwards, as an NTP correction would). */
  jumpClock(ms: number): number;
  stop(): Promise<void>;
}

export type { CallRecord, FaultKind, FaultSpec, RefusalCode } from './fault-types.js';
