// The faults a test can inject into the simulator and the record of each call it answered (the
// call log says which fault produced an answer).

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
