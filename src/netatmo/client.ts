// The only code that calls the Netatmo API. Each call: ask the rate budget, get an access token,
// one HTTP exchange with a hard timeout, classify any failure by Netatmo's error.code first, feed
// the outcome back into the budget. On an auth error (code 2/3, bare 401) the token is refreshed
// once and the call retried once; a second auth error is returned as is (no loops).
// Reads are GET with query parameters (the documented method); writes are form-encoded POSTs
// except setstate, which takes JSON.
import type { NetatmoCallEvent } from '../core/events.js';
import type { RawHomeStatusBody, RawHomesDataBody } from '../model/netatmo-raw.js';
import type { Logger } from '../util/logger.js';
import type {
  CallOptions,
  GetRoomMeasureParams,
  NetatmoApi,
  RoomMeasurePoint,
  SetRoomThermPointParams,
  SetStateBody,
  SetThermModeParams,
  SwitchHomeScheduleParams,
} from './api.js';
import type { CallKind, RateBudget } from './budget.js';
import { classifyHttpResponse, localBudgetError, malformedError, NetatmoError, writeRefusedError } from './errors.js';
import { exchange, parseJson, type HttpRequestInit } from './http.js';
import { parseHomesDataBody, parseHomeStatusBody, parseRoomMeasureBody, parseSuccessEnvelope, parseWriteRefusal, type SchemaResult } from './schemas.js';
import { feedBudget } from './token-endpoint.js';
import type { TokenManager } from './tokens.js';

export type { NetatmoCallEvent } from '../core/events.js';

export interface NetatmoClientOptions {
  /** NETATMO_API_URL, e.g. https://api.netatmo.com (no trailing /api). */
  apiUrl: string;
  tokens: TokenManager;
  budget: RateBudget;
  logger: Logger;
  timeoutMs?: number;
  /** Called after every HTTP exchange with Netatmo (metrics, health). */
  onCall?: (event: NetatmoCallEvent) => void;
  now?: () => number;
}

type Params = Record<string, string | number | undefined>;

type RequestSpec =
  /** emptyBodyOk: status ok without a body is a valid, empty answer (homestatus of a home without modules). */
  | { kind: 'read'; query: Params; emptyBodyOk?: boolean }
  | { kind: 'form'; form: Params }
  | { kind: 'json'; json: unknown };

/** Netatmo code 7 "nothing to modify": the write asked for what is already in force. */
const NOTHING_TO_MODIFY = 7;

export class NetatmoClient implements NetatmoApi {
  private readonly baseUrl: string;
  private readonly tokens: TokenManager;
  private readonly budget: RateBudget;
  private readonly log: Logger;
  private readonly timeoutMs: number;
  private readonly onCall: ((event: NetatmoCallEvent) => void) | undefined;
  private readonly now: () => number;

  constructor(options: NetatmoClientOptions) {
    this.baseUrl = `${options.apiUrl.replace(/\/+$/, '')}/api/`;
    this.tokens = options.tokens;
    this.budget = options.budget;
    this.log = options.logger;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.onCall = options.onCall;
    this.now = options.now ?? Date.now;
  }

  async homesData(homeId?: string, options?: CallOptions): Promise<RawHomesDataBody> {
    const body = await this.call('homesdata', 'poll', { kind: 'read', query: { home_id: homeId } }, options);
    return this.shape('homesdata', parseHomesDataBody(body));
  }

  async homeStatus(homeId: string): Promise<RawHomeStatusBody> {
    // A home without any module answers {"status":"ok","time_server":…} with no body at all
    // (Home Assistant's capture homestatus_111111111111111111111401.json): an empty status.
    const body = await this.call('homestatus', 'poll', { kind: 'read', query: { home_id: homeId }, emptyBodyOk: true });
    return this.shape('homestatus', parseHomeStatusBody(body));
  }

  async getRoomMeasure(params: GetRoomMeasureParams): Promise<RoomMeasurePoint[]> {
    const body = await this.call('getroommeasure', 'poll', {
      kind: 'read',
      query: {
        home_id: params.homeId,
        room_id: params.roomId,
        scale: params.scale,
        type: params.types.join(','),
        date_begin: params.dateBegin,
        date_end: params.dateEnd,
        limit: params.limit,
      },
    });
    return this.shape('getroommeasure', parseRoomMeasureBody(body));
  }

  async setRoomThermPoint(params: SetRoomThermPointParams): Promise<void> {
    await this.call('setroomthermpoint', 'command', {
      kind: 'form',
      form: {
        home_id: params.homeId,
        room_id: params.roomId,
        mode: params.mode,
        // pyatmo sends the temperature as a string with one decimal ("20.5").
        temp: params.temp === undefined ? undefined : params.temp.toFixed(1),
        endtime: wholeSeconds(params.endtime),
      },
    });
  }

  async setThermMode(params: SetThermModeParams): Promise<void> {
    await this.call('setthermmode', 'command', {
      kind: 'form',
      form: { home_id: params.homeId, mode: params.mode, endtime: wholeSeconds(params.endtime) },
    });
  }

  async switchHomeSchedule(params: SwitchHomeScheduleParams): Promise<void> {
    await this.call('switchhomeschedule', 'command', {
      kind: 'form',
      form: { home_id: params.homeId, schedule_id: params.scheduleId },
    });
  }

  async setState(body: SetStateBody): Promise<void> {
    await this.call('setstate', 'command', { kind: 'json', json: body });
  }

  async addWebhook(url: string): Promise<void> {
    await this.call('addwebhook', 'command', { kind: 'form', form: { url } });
  }

  async dropWebhook(options?: CallOptions): Promise<void> {
    // pyatmo always sends app_types=app_security (pyatmo auth.py async_dropwebhook).
    await this.call('dropwebhook', 'command', { kind: 'form', form: { app_types: 'app_security' } }, options);
  }

  /**
   * One API call with budget, token, one auth retry and classification; returns `body` for reads.
   * A call aborted through `options.signal` rejects with the signal's reason and is not fed to
   * the budget as a Netatmo failure.
   */
  private async call(endpoint: string, kind: CallKind, spec: RequestSpec, options: CallOptions = {}): Promise<unknown> {
    let accessToken = await this.tokens.getAccessToken();
    try {
      return await this.attempt(endpoint, kind, spec, accessToken, options.signal);
    } catch (error) {
      if (!(error instanceof NetatmoError) || error.kind !== 'auth') throw error;
      this.log.info({ endpoint, code: error.code }, 'Netatmo rejected the access token: refreshing and retrying once');
      accessToken = await this.tokens.refreshAfterRejection(accessToken);
      return this.attempt(endpoint, kind, spec, accessToken, options.signal);
    }
  }

  private async attempt(endpoint: string, kind: CallKind, spec: RequestSpec, accessToken: string, signal: AbortSignal | undefined): Promise<unknown> {
    signal?.throwIfAborted();
    const permit = this.budget.tryAcquire(kind);
    if (!permit.ok) {
      this.log.debug({ endpoint, retryAfterMs: permit.retryAfterMs, reason: permit.reason }, 'netatmo call held back by the local budget');
      throw localBudgetError(endpoint, permit.retryAfterMs, permit.reason);
    }

    let answer;
    const started = performance.now();
    try {
      answer = await exchange({ endpoint, ...this.buildRequest(endpoint, spec, accessToken), timeoutMs: this.timeoutMs, signal });
    } catch (error) {
      if (error instanceof NetatmoError) this.fail(error, performance.now() - started);
      throw error;
    }

    const json = parseJson(answer.text);
    const hasError = json.ok && typeof json.value === 'object' && json.value !== null && 'error' in json.value;
    if (!answer.ok || hasError) {
      const error = classifyHttpResponse(endpoint, answer.status, answer.text, answer.headers, this.now());
      if (spec.kind !== 'read' && error.code === NOTHING_TO_MODIFY) {
        this.succeed(endpoint, permit.ticket, answer.status, answer.durationMs);
        return undefined;
      }
      this.fail(error, answer.durationMs);
      throw error;
    }
    if (!json.ok) {
      const error = malformedError(endpoint, answer.status, 'the answer is not JSON');
      this.fail(error, answer.durationMs);
      throw error;
    }
    if (spec.kind !== 'read') {
      // 200 "ok" with body.errors: Netatmo did not do it. A refusal, never a success.
      const refusal = parseWriteRefusal(json.value);
      if (refusal) {
        const error = writeRefusedError(endpoint, answer.status, refusal);
        this.fail(error, answer.durationMs);
        throw error;
      }
      // Writes answer {"status":"ok"}; anything else without an error is logged but accepted.
      const status = typeof json.value === 'object' && json.value !== null && 'status' in json.value ? json.value.status : undefined;
      if (status !== 'ok') this.log.warn({ endpoint, status: String(status) }, 'Netatmo write answered without status ok');
      this.succeed(endpoint, permit.ticket, answer.status, answer.durationMs);
      return undefined;
    }
    if (spec.emptyBodyOk && isBodylessOk(json.value)) {
      this.succeed(endpoint, permit.ticket, answer.status, answer.durationMs);
      return {};
    }
    const envelope = parseSuccessEnvelope(json.value);
    if (!envelope.ok) {
      const error = malformedError(endpoint, answer.status, envelope.issue);
      this.fail(error, answer.durationMs);
      throw error;
    }
    this.succeed(endpoint, permit.ticket, answer.status, answer.durationMs);
    return envelope.value.body;
  }

  private buildRequest(endpoint: string, spec: RequestSpec, accessToken: string): { url: string; init: HttpRequestInit } {
    const headers: Record<string, string> = { authorization: `Bearer ${accessToken}`, accept: 'application/json' };
    switch (spec.kind) {
      case 'read': {
        const query = toSearchParams(spec.query).toString();
        return { url: `${this.baseUrl}${endpoint}${query ? `?${query}` : ''}`, init: { method: 'GET', headers } };
      }
      case 'form':
        return {
          url: `${this.baseUrl}${endpoint}`,
          init: { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, body: toSearchParams(spec.form).toString() },
        };
      case 'json':
        return {
          url: `${this.baseUrl}${endpoint}`,
          init: { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(spec.json) },
        };
    }
  }

  private shape<T>(endpoint: string, result: SchemaResult<T>): T {
    if (result.ok) return result.value;
    // The call itself succeeded (and was counted as such); only the body shape is unusable.
    throw malformedError(endpoint, 200, result.issue);
  }

  private succeed(endpoint: string, ticket: number, httpStatus: number, durationMs: number): void {
    this.budget.noteSuccess(ticket);
    this.report({ endpoint, outcome: 'ok', durationMs, httpStatus });
  }

  private fail(error: NetatmoError, durationMs: number): void {
    feedBudget(this.budget, error);
    this.report({ endpoint: error.endpoint, outcome: error.kind, durationMs, httpStatus: error.httpStatus });
  }

  private report(event: NetatmoCallEvent): void {
    const rounded = { ...event, durationMs: Math.round(event.durationMs) };
    this.log.debug(rounded, 'netatmo call');
    try {
      this.onCall?.(rounded);
    } catch (error) {
      this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'onCall listener failed');
    }
  }
}

/** `{"status":"ok", …}` with no `body` key. */
function isBodylessOk(json: unknown): boolean {
  return typeof json === 'object' && json !== null && !('body' in json) && 'status' in json && json.status === 'ok';
}

function toSearchParams(params: Params): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search;
}

function wholeSeconds(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.floor(value);
}
