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

export type FaultKind =
  | 'server_error'
  | 'rate_limit'
  | 'overloaded'
  | 'hang'
  | 'malformed'
  | 'relay_offline'
  | 'token_expired'
  | 'invalid_grant'
  | 'write_errors'
  | 'refused'
  | 'hold';

/** Netatmo codes a `refused` fault answers with: 21 invalid id, 13 forbidden, 9 device not found. */
export type RefusalCode = 9 | 13 | 21;

export interface FaultSpec {
  kind: FaultKind;
  /** Endpoint names ('homestatus', 'setroomthermpoint', 'oauth2/token' …). Default: every API endpoint. */
  endpoints?: string[];
  /** How many requests it affects. Default unlimited (token_expired: 1). */
  count?: number;
  /** Active for this long (simulator clock). Default until cleared. */
  durationMs?: number;
  /** server_error only: 500 answers a JSON error envelope, 502/503/504 an HTML page. Default 503. */
  httpStatus?: 500 | 502 | 503 | 504;
  /** Only requests naming one of these homes (home_id); default every request. */
  homeIds?: string[];
  /** refused only: the Netatmo error code (default 21 "Invalid id"). */
  errorCode?: RefusalCode;
  /** write_errors only: the code and message of each `body.errors` entry. Default 21 / "Invalid value". */
  netatmoCode?: number;
  netatmoMessage?: string;
}

export interface CallRecord {
  /** ms epoch from the simulator clock. */
  at: number;
  /** 'homestatus', 'oauth2/token', 'oauth2/authorize', 'webhook' (outgoing delivery) … */
  endpoint: string;
  method: string;
  /** Query + form/JSON parameters, secrets masked. */
  params: Record<string, unknown>;
  /** 0 = never answered (hang) or delivery failed before a status. */
  httpStatus: number;
  /** Netatmo error.code, or the OAuth error string. */
  errorCode?: number | string;
  /** The injected fault that produced this answer, if any. */
  fault?: FaultKind;
}
