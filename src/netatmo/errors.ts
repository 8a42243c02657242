// Netatmo failures as one error class with a kind the rest of the bridge can act on, plus the pure
// classification of an HTTP answer. Netatmo's own `error.code` decides first, the HTTP status
// second: code 26 moved from 403 to 429 in 2025 and 429 now also carries code 11 (a global
// overload that is not our quota), so the status alone misleads (docs/netatmo.md#error-codes).
// Messages are written for the user of the status page; they never contain tokens, secrets or
// URLs. Netatmo's own code and text stay available in fields for logs and support.
import type { NetatmoErrorKind } from '../model/types.js';

export interface NetatmoErrorInit {
  kind: NetatmoErrorKind;
  message: string;
  endpoint: string;
  code?: number | null;
  httpStatus?: number | null;
  retryAfterS?: number | null;
  netatmoMessage?: string | null;
  cause?: unknown;
}

export class NetatmoError extends Error {
  override readonly name = 'NetatmoError';
  readonly kind: NetatmoErrorKind;
  /** Netatmo's numeric error.code, when it sent one. */
  readonly code: number | null;
  readonly httpStatus: number | null;
  /** Endpoint name such as "homestatus" or "oauth2/token" (never a full URL). */
  readonly endpoint: string;
  /** How long to wait before trying again, when known (Retry-After or our own budget). */
  readonly retryAfterS: number | null;
  /** Netatmo's own error text (or OAuth error word), secrets removed. */
  readonly netatmoMessage: string | null;

  constructor(init: NetatmoErrorInit) {
    super(redactSecrets(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.endpoint = init.endpoint;
    this.retryAfterS = init.retryAfterS ?? null;
    this.netatmoMessage = init.netatmoMessage == null ? null : redactSecrets(init.netatmoMessage).slice(0, 300);
  }
}

export function isNetatmoError(value: unknown): value is NetatmoError {
  return value instanceof NetatmoError;
}

/** Anything with a case-insensitive `get`, e.g. fetch's Headers. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** Retry-After as seconds (delta-seconds or HTTP date); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (value == null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * Removes anything that looks like a Netatmo token (`<24 hex>|<32 hex>`), a bearer value or a
 * long opaque secret from a text, so a message echoed by Netatmo or a proxy can be shown safely.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/[0-9a-f]{24}\|[0-9a-f]{16,}/gi, '[redacted]')
    .replace(/Bearer\s+\S+/gi, 'Bearer [redacted]')
    .replace(/((?:access_token|refresh_token|client_secret|code)=)[^&\s"]+/gi, '$1[redacted]');
}

interface CodeRule {
  kind: NetatmoErrorKind;
  explain: string;
}

const RECONNECT = 'reconnect Netatmo on the status page';

// Netatmo error codes (docs/netatmo.md#error-codes).
const CODE_RULES: Record<number, CodeRule> = {
  1: { kind: 'auth', explain: 'Netatmo says the request carried no access token' },
  2: { kind: 'auth', explain: 'Netatmo rejected the access token as invalid' },
  3: { kind: 'auth', explain: 'Netatmo says the access token has expired' },
  5: { kind: 'forbidden', explain: `Netatmo says this application has been deactivated: check the app on dev.netatmo.com, then ${RECONNECT}` },
  9: { kind: 'device_not_found', explain: 'Netatmo does not know this home, room or device any more; the bridge will re-read your homes' },
  10: { kind: 'bad_request', explain: 'Netatmo says a required value was missing from the request' },
  11: { kind: 'overloaded', explain: 'Netatmo is busy or had an internal error; the bridge will try again later' },
  13: { kind: 'forbidden', explain: `Netatmo refused the operation: the connection lacks the thermostat permissions; ${RECONNECT} and allow read and write access to the thermostat` },
  19: { kind: 'forbidden', explain: 'Netatmo refused the request from this IP address' },
  21: { kind: 'bad_request', explain: 'Netatmo refused a value in the request' },
  22: { kind: 'forbidden', explain: `Netatmo no longer knows this application; ${RECONNECT}` },
  23: { kind: 'forbidden', explain: `Netatmo no longer knows this user; ${RECONNECT}` },
  25: { kind: 'bad_request', explain: 'Netatmo refused the date or end time in the request' },
  26: { kind: 'rate_limited', explain: 'Netatmo says the usage limit of this account was reached; the bridge pauses its requests for at least 30 minutes' },
  28: { kind: 'overloaded', explain: 'Netatmo is limiting requests for a moment; the bridge will try again later' },
  29: { kind: 'overloaded', explain: 'Netatmo has temporarily restricted requests; the bridge will try again later' },
  30: { kind: 'invalid_grant', explain: `Netatmo says the refresh token is no longer valid (it was used or revoked): ${RECONNECT}` },
  31: { kind: 'bad_request', explain: 'Netatmo does not know this API method' },
  35: { kind: 'server', explain: 'Netatmo could not carry out the request; the bridge will try again later' },
  36: { kind: 'bad_request', explain: 'Netatmo refused a text in the request' },
  40: { kind: 'bad_request', explain: 'Netatmo could not read the request body' },
  41: { kind: 'relay_offline', explain: 'Netatmo cannot reach the device: check that the relay or gateway is online' },
};

// RFC 6749 error words from /oauth2/token (and the legacy too_many_connections).
const OAUTH_RULES: Record<string, CodeRule> = {
  invalid_grant: { kind: 'invalid_grant', explain: `Netatmo says the refresh token is no longer valid (it was used or revoked): ${RECONNECT}` },
  invalid_client: { kind: 'auth', explain: 'Netatmo does not accept the client id or client secret: check them on the status page (dev.netatmo.com → My apps)' },
  unauthorized_client: { kind: 'auth', explain: 'Netatmo does not allow this client id to use this sign-in method: check the app on dev.netatmo.com' },
  invalid_request: { kind: 'bad_request', explain: 'Netatmo refused the sign-in request as incomplete' },
  unsupported_grant_type: { kind: 'bad_request', explain: 'Netatmo refused the sign-in method' },
  invalid_scope: { kind: 'forbidden', explain: `Netatmo refused the requested permissions; ${RECONNECT}` },
  redirect_uri_mismatch: { kind: 'bad_request', explain: 'Netatmo says the redirect address does not match the one registered for the app on dev.netatmo.com' },
  access_denied: { kind: 'forbidden', explain: 'Access was denied on the Netatmo page' },
  too_many_connections: { kind: 'overloaded', explain: 'Netatmo reports too many connections; the bridge will try again later' },
};

function ruleForStatus(status: number, hasJson: boolean): CodeRule {
  if (status === 401) return { kind: 'auth', explain: 'Netatmo did not accept the access token' };
  if (status === 429) return { kind: 'overloaded', explain: 'Netatmo asked the bridge to slow down; it will try again later' };
  if (status >= 500) return { kind: 'server', explain: `Netatmo had a server problem (HTTP ${status}); the bridge will try again later` };
  if (status === 403) return { kind: 'forbidden', explain: 'Netatmo refused the request' };
  if (status >= 400) return { kind: 'bad_request', explain: `Netatmo refused the request (HTTP ${status})` };
  if (!hasJson) return { kind: 'malformed', explain: 'Netatmo sent an answer the bridge could not read' };
  return { kind: 'unknown', explain: `Netatmo answered with an error the bridge does not know (HTTP ${status})` };
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface ExtractedError {
  code: number | null;
  word: string | null;
  message: string | null;
}

function extractError(json: unknown): ExtractedError | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return null;
  const error: unknown = json.error;
  const description = 'error_description' in json && typeof json.error_description === 'string' ? json.error_description : null;
  if (typeof error === 'string') return { code: null, word: error, message: description ?? error };
  if (typeof error === 'object' && error !== null) {
    const rawCode = 'code' in error ? error.code : undefined;
    const code = typeof rawCode === 'number' ? rawCode : typeof rawCode === 'string' && /^-?\d+$/.test(rawCode) ? Number(rawCode) : null;
    const message = 'message' in error && typeof error.message === 'string' ? error.message : description;
    return { code, word: null, message };
  }
  return null;
}

/**
 * Turns a Netatmo answer that is not a success into a NetatmoError. Pure: the caller passes what
 * it received. Works for API endpoints (`{"error":{"code":…}}`) and the OAuth endpoint
 * (`{"error":"invalid_grant"}`).
 */
export function classifyHttpResponse(
  endpoint: string,
  httpStatus: number,
  bodyText: string,
  headers: HeaderLookup,
  nowMs: number = Date.now(),
): NetatmoError {
  const json = tryParseJson(bodyText);
  const extracted = extractError(json);
  const retryAfterS = parseRetryAfter(headers.get('retry-after'), nowMs);

  let rule: CodeRule | undefined;
  if (extracted?.code != null) rule = CODE_RULES[extracted.code];
  if (!rule && extracted?.word != null) rule = OAUTH_RULES[extracted.word];
  rule ??= ruleForStatus(httpStatus, json !== undefined);

  const codeText = extracted?.code != null ? `code ${extracted.code}, ` : '';
  const where = `${endpoint}: ${codeText}HTTP ${httpStatus}`;
  return new NetatmoError({
    kind: rule.kind,
    message: `${rule.explain} (${where})`,
    endpoint,
    code: extracted?.code ?? null,
    httpStatus,
    retryAfterS,
    netatmoMessage: extracted?.message ?? extracted?.word ?? null,
  });
}

/** The request took longer than the timeout. */
export function timeoutError(endpoint: string, timeoutMs: number, cause?: unknown): NetatmoError {
  return new NetatmoError({
    kind: 'timeout',
    message: `Netatmo did not answer within ${Math.round(timeoutMs / 100) / 10} s (${endpoint}); the bridge will try again later`,
    endpoint,
    cause,
  });
}

/** The request never reached Netatmo (DNS, refused connection, reset…). */
export function networkError(endpoint: string, cause?: unknown): NetatmoError {
  const detail = cause instanceof Error && typeof (cause as { code?: unknown }).code === 'string' ? ` [${String((cause as { code?: unknown }).code)}]` : '';
  return new NetatmoError({
    kind: 'network',
    message: `The bridge could not reach Netatmo (${endpoint})${detail}: check the internet connection`,
    endpoint,
    cause,
  });
}

/** A success status whose body was not JSON or not the expected shape. */
export function malformedError(endpoint: string, httpStatus: number | null, detail: string): NetatmoError {
  return new NetatmoError({
    kind: 'malformed',
    message: `Netatmo sent an answer the bridge could not read (${endpoint}: ${detail})`,
    endpoint,
    httpStatus,
  });
}

/** Netatmo's code for a device it cannot reach (homestatus `errors`, also seen on writes). */
const UNREACHABLE_CODE = 6;

/**
 * A write answered HTTP 200 with `body.errors`: Netatmo did not carry it out. Reported as a refusal
 * with the first entry's code and message (a 502 `netatmo_error` for the LAN API).
 */
export function writeRefusedError(endpoint: string, httpStatus: number, entries: readonly { code?: number; message?: string; id?: string }[]): NetatmoError {
  const first = entries[0] ?? {};
  const code = first.code ?? null;
  const what = entries.length === 1 ? (first.id ? `for ${first.id}` : '') : `for ${entries.length} devices or rooms`;
  const unreachable = code === UNREACHABLE_CODE;
  const explain = unreachable ? 'Netatmo could not reach the device' : 'Netatmo did not carry out the command';
  return new NetatmoError({
    kind: unreachable ? 'relay_offline' : 'bad_request',
    message: `${explain}${what ? ` ${what}` : ''} (${endpoint}: ${code === null ? '' : `code ${code}, `}HTTP ${httpStatus} with errors)`,
    endpoint,
    code,
    httpStatus,
    netatmoMessage: first.message ?? null,
  });
}

/** Our own rate budget refused the call: Netatmo was not contacted. */
export function localBudgetError(endpoint: string, retryAfterMs: number, reason: string): NetatmoError {
  const retryAfterS = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new NetatmoError({
    kind: 'rate_limited',
    message: `The bridge is holding back requests to Netatmo (${reason}); next try in about ${formatDuration(retryAfterS)} (${endpoint})`,
    endpoint,
    retryAfterS,
  });
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}
