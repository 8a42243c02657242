// Temperature history for the status page's chart: getroommeasure for one room (measured and
// setpoint), last 24 h at 30-minute steps or 7 days at 3-hour steps. Fetched only when someone
// opens a chart and kept for 10 minutes per room and period. The page is open to the LAN without
// sign-in and the Netatmo budget also feeds polling, so fetches are capped per client and per hour
// on top of the client's own rate budget; past a cap (or when Netatmo fails) a chart fetched
// earlier is served as it was, marked `stale`, for up to a day.
import type { GetRoomMeasureParams, NetatmoApi, RoomMeasureScale } from '../netatmo/api.js';
import { KeyedSlidingWindows, SlidingWindow } from '../util/sliding-window.js';
import { addressKey } from './auth/throttle.js';

export const HISTORY_RANGES = {
  '24h': { scale: '30min', spanS: 24 * 3600 },
  '7d': { scale: '3hours', spanS: 7 * 24 * 3600 },
} as const satisfies Record<string, { scale: RoomMeasureScale; spanS: number }>;

export type HistoryRange = keyof typeof HISTORY_RANGES;

export interface HistoryPoint {
  /** Unix seconds. */
  t: number;
  measured: number | null;
  setpoint: number | null;
}

export interface RoomHistory {
  homeId: string;
  roomId: string;
  range: HistoryRange;
  scale: RoomMeasureScale;
  from: number;
  to: number;
  fetchedAt: string;
  points: HistoryPoint[];
  /** Set when served past its 10 minutes because a fetch was not allowed or failed. */
  stale?: true;
}

export class HistoryLimitError extends Error {
  constructor(
    readonly retryAfterS: number,
    /** Whose hourly cap was reached: this device's, or everyone's. */
    readonly who: 'client' | 'everyone' = 'everyone',
  ) {
    super(`Too many history charts were opened ${who === 'client' ? 'from this device ' : ''}this hour; try again in about ${Math.ceil(retryAfterS / 60)} min.`);
    this.name = 'HistoryLimitError';
  }
}

export interface HistoryServiceOptions {
  api: Pick<NetatmoApi, 'getRoomMeasure'>;
  now?: () => number;
  ttlMs?: number;
  maxFetchesPerHour?: number;
  maxFetchesPerClientPerHour?: number;
}

export const HISTORY_CACHE_MS = 10 * 60_000;
/** A chart past its 10 minutes is still served for this long when no new fetch is allowed. */
export const HISTORY_STALE_MS = 24 * 3600_000;
export const HISTORY_FETCHES_PER_HOUR = 30;
export const HISTORY_FETCHES_PER_CLIENT_PER_HOUR = 8;
const MAX_CACHED_CHARTS = 256;
const MAX_CLIENTS = 1_000;
const HOUR_MS = 3600_000;

export class HistoryService {
  readonly #api: Pick<NetatmoApi, 'getRoomMeasure'>;
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #maxPerHour: number;
  readonly #maxPerClient: number;
  readonly #fetches: SlidingWindow;
  readonly #clientFetches: KeyedSlidingWindows;
  readonly #cache = new Map<string, { at: number; value: RoomHistory }>();
  readonly #inflight = new Map<string, Promise<RoomHistory>>();

  constructor(options: HistoryServiceOptions) {
    this.#api = options.api;
    this.#now = options.now ?? Date.now;
    this.#ttlMs = options.ttlMs ?? HISTORY_CACHE_MS;
    this.#maxPerHour = options.maxFetchesPerHour ?? HISTORY_FETCHES_PER_HOUR;
    this.#maxPerClient = options.maxFetchesPerClientPerHour ?? HISTORY_FETCHES_PER_CLIENT_PER_HOUR;
    this.#fetches = new SlidingWindow({ windowMs: HOUR_MS, capacity: Math.max(1, this.#maxPerHour), now: this.#now });
    this.#clientFetches = new KeyedSlidingWindows({ windowMs: HOUR_MS, capacity: Math.max(1, this.#maxPerClient), maxKeys: MAX_CLIENTS, now: this.#now });
  }

  /** `client` is the requester's address: its fetches count against its own hourly cap. */
  async get(homeId: string, roomId: string, range: HistoryRange, client = 'local'): Promise<RoomHistory> {
    const key = JSON.stringify([homeId, roomId, range]);
    const cached = this.#cache.get(key);
    if (cached && this.#now() - cached.at < this.#ttlMs) return cached.value;
    const running = this.#inflight.get(key);
    if (running) return running;

    const refusal = this.#reserveFetch(addressKey(client));
    if (refusal) {
      if (cached) return { ...cached.value, stale: true };
      throw refusal;
    }
    const fetching = this.#fetch(homeId, roomId, range)
      .then((value) => {
        this.#remember(key, value);
        return value;
      })
      .finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, fetching);
    try {
      return await fetching;
    } catch (error) {
      if (cached) return { ...cached.value, stale: true };
      throw error;
    }
  }

  async #fetch(homeId: string, roomId: string, range: HistoryRange): Promise<RoomHistory> {
    const { scale, spanS } = HISTORY_RANGES[range];
    const to = Math.floor(this.#now() / 1000);
    const from = to - spanS;
    const params: GetRoomMeasureParams = { homeId, roomId, scale, types: ['temperature', 'sp_temperature'], dateBegin: from, dateEnd: to };
    const rows = await this.#api.getRoomMeasure(params);
    const points = rows
      .map((row) => ({ t: row.time, measured: finite(row.values[0]), setpoint: finite(row.values[1]) }))
      .filter((p) => p.t >= from - 3600 && (p.measured !== null || p.setpoint !== null))
      .sort((a, b) => a.t - b.t);
    return { homeId, roomId, range, scale, from, to, fetchedAt: new Date(this.#now()).toISOString(), points };
  }

  /** Counts a fetch for this client and for everyone, or says why it may not happen now. */
  #reserveFetch(client: string): HistoryLimitError | null {
    if (this.#clientFetches.count(client) >= this.#maxPerClient) return new HistoryLimitError(waitS(this.#clientFetches.retryAfterMs(client, this.#maxPerClient)), 'client');
    if (this.#fetches.count() >= this.#maxPerHour) return new HistoryLimitError(waitS(this.#fetches.retryAfterMs(this.#maxPerHour)));
    this.#clientFetches.record(client);
    this.#fetches.record();
    return null;
  }

  #remember(key: string, value: RoomHistory): void {
    const now = this.#now();
    this.#cache.delete(key);
    this.#cache.set(key, { at: now, value });
    for (const [oldKey, entry] of this.#cache) {
      if (this.#cache.size <= MAX_CACHED_CHARTS && now - entry.at < HISTORY_STALE_MS) break;
      this.#cache.delete(oldKey);
    }
  }
}

/** A wait in whole seconds, at least one. */
function waitS(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
