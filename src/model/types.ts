// Domain model of the bridge. Names are the project's own; Netatmo words (hg, max, home…) stay at
// the edge (src/model/normalise*.ts maps them in, src/sync/ maps commands back out).
// Everything here is plain JSON-serialisable data: it is stored in the data file and served as is
// by GET /api/v1/state (docs/lan-api.md). Times are ISO-8601 UTC strings or null; temperatures °C.

export type HomeMode = 'schedule' | 'away' | 'frostguard';

/** What a room's setpoint currently follows. away / frostguard are forced by the home mode. */
export type SetpointMode = 'schedule' | 'manual' | 'boost' | 'off' | 'away' | 'frostguard';

/** Modes a user can ask for on a room (away / frostguard are home-level). */
export type RoomCommandMode = 'schedule' | 'manual' | 'boost' | 'off';

/**
 * thermostat: a NATherm1 / OTM / BNS owns the room (supports Netatmo `max` and `off`).
 * valves: radiator valves only (no `max`, no `off`: emulated with manual setpoints).
 * mixed: thermostat plus valves; Netatmo treats it like a thermostat room.
 */
export type RoomKind = 'thermostat' | 'valves' | 'mixed';

/** Radio / Wi-Fi quality in words, from Netatmo's rf_strength / wifi_strength / rf_state. */
export type SignalQuality = 'excellent' | 'good' | 'fair' | 'poor' | 'unknown';

export interface Module {
  id: string;
  /** Netatmo product type, e.g. NATherm1, NRV, OTM, BNS, NAPlug, OTH. */
  type: string;
  reachable: boolean;
  /** Netatmo battery_state word (max|full|high|medium|low|very_low) or null when unknown. */
  batteryState: string | null;
  batteryPercent: number | null;
  /** Raw rf_strength (lower is better) or null. */
  rfStrength: number | null;
}

export interface Room {
  id: string;
  name: string;
  kind: RoomKind;
  reachable: boolean;
  measuredC: number | null;
  setpointC: number | null;
  setpointMode: SetpointMode;
  setpointEndsAt: string | null;
  /** true while heat is requested: boiler_status on thermostat rooms, power request > 0 on valve rooms. */
  heating: boolean | null;
  /** Valve demand 0–100 %, null on thermostat-only rooms. */
  heatingPowerRequest: number | null;
  openWindow: boolean | null;
  /** Lowest battery percent among the room's battery-powered modules. */
  batteryPercent: number | null;
  signal: SignalQuality;
  modules: Module[];
}

export interface Schedule {
  id: string;
  name: string;
  selected: boolean;
}

export interface Home {
  id: string;
  name: string;
  /** false while the relay is offline (homestatus errors code 6 with an empty home). */
  reachable: boolean;
  mode: HomeMode;
  modeEndsAt: string | null;
  /** Heating (therm) schedules only. */
  schedules: Schedule[];
  defaultOverrideMinutes: number;
  awayTempC: number;
  frostguardTempC: number;
  /** Homes with an OpenTherm modulating thermostat (OTM) or BTicino Smarther (BNS) need setstate writes. */
  requiresSetState: boolean;
  /** IANA time zone of the home, when Netatmo gave one. */
  timezone: string | null;
  rooms: Room[];
  /**
   * Why this home's values are not current, null while it polls fine: Netatmo refused it (a
   * shared or guest home: code 21 / 13; gone: code 9), its polls keep failing, or its relay is
   * offline. `at` is when this error was first seen in a row. Such a home is also unreachable.
   */
  error: HealthError | null;
}

/**
 * starting: this process has not finished its first poll yet (the homes are the last known ones
 * from the data file); degraded: failures in a row while the data is fresh, or some homes fail;
 * moved: the Netatmo connection was exported to another machine (the data stays, marked stale).
 */
export type NetatmoStatus = 'starting' | 'ok' | 'degraded' | 'down' | 'auth_required' | 'not_configured' | 'moved';

/** Kinds of failure, independent of transport; see src/netatmo/errors.ts for the mapping. */
export type NetatmoErrorKind =
  | 'auth' // access token invalid/expired and refresh did not help
  | 'invalid_grant' // refresh token dead: the user must reconnect
  | 'rate_limited' // code 26 (user/app usage reached)
  | 'overloaded' // code 11 / 429 without 26: Netatmo busy, retry later
  | 'server' // 5xx
  | 'timeout'
  | 'network'
  | 'malformed' // not JSON or not the expected shape
  | 'device_not_found' // code 9
  | 'bad_request' // code 10 / 21 / 25: we sent something Netatmo refused
  | 'forbidden' // code 13: missing scope
  | 'relay_offline' // homestatus errors code 6 on the relay
  | 'not_configured'
  | 'moved' // the connection was exported to another machine: no more calls from this one
  | 'unknown';

export interface HealthError {
  kind: NetatmoErrorKind;
  code: number | null;
  message: string;
  at: string;
}

export interface NetatmoHealth {
  status: NetatmoStatus;
  stale: boolean;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastError: HealthError | null;
  callsLastHour: number;
  callsLast10s: number;
  budgetPerHour: number;
  budgetPer10s: number;
  pollIntervalS: number;
  /** Poll interval in force now (stretched near the budget or during back-off). */
  effectivePollIntervalS: number;
  backoffUntil: string | null;
  /** false while the Netatmo sign-in in use exists only in memory (the data file refused it): a restart would lose it. */
  tokenSaved: boolean;
  /** Only while status is `moved`: when the connection was exported to another machine (ISO). */
  movedAt?: string;
}
