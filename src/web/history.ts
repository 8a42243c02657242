// Temperature history for the status page's chart: getroommeasure for one room (measured and
// setpoint), last 24 h at 30-minute steps or 7 days at 3-hour steps. Fetched only when someone
// opens a chart, kept for 10 minutes per room and period, and capped per hour on top of the
// client's own rate budget, because the page is open to the LAN and the budget also feeds polling.
import type { GetRoomMeasureParams, NetatmoApi, RoomMeasureScale } from '../netatmo/api.js';

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
}

export class HistoryLimitError extends Error {
  constructor(readonly retryAfterS: number) {
    super(`Too many history charts were opened this hour; try again in about ${Math.ceil(retryAfterS / 60)} min.`);
    this.name = 'HistoryLimitError';
  }
}

export interface HistoryServiceOptions {
  api: Pick<NetatmoApi, 'getRoomMeasure'>;
  now?: () => number;
  ttlMs?: number;
  maxFetchesPerHour?: number;
}

export const HISTORY_CACHE_MS = 10 * 60_000;

export class HistoryService {
  readonly #api: Pick<NetatmoApi, 'getRoomMeasure'>;
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #maxPerHour: number;
  readonly #cache = new Map<string, { at: number; value: RoomHistory }>();
  readonly #inflight = new Map<string, Promise<RoomHistory>>();
  #fetches: number[] = [];

  constructor(options: HistoryServiceOptions) {
    this.#api = options.api;
    this.#now = options.now ?? Date.now;
    this.#ttlMs = options.ttlMs ?? HISTORY_CACHE_MS;
    this.#maxPerHour = options.maxFetchesPerHour ?? 30;
  }

  async get(homeId: string, roomId: string, range: HistoryRange): Promise<RoomHistory> {
    const key = JSON.stringify([homeId, roomId, range]);
    const cached = this.#cache.get(key);
    if (cached && this.#now() - cached.at < this.#ttlMs) return cached.value;
    const running = this.#inflight.get(key);
    if (running) return running;

    this.#reserveFetch();
    const fetching = this.#fetch(homeId, roomId, range)
      .then((value) => {
        this.#cache.set(key, { at: this.#now(), value });
        this.#dropExpired();
        return value;
      })
      .finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, fetching);
    return fetching;
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

  #reserveFetch(): void {
    const now = this.#now();
    this.#fetches = this.#fetches.filter((t) => t > now - 3600_000);
    if (this.#fetches.length >= this.#maxPerHour) {
      const oldest = this.#fetches[0] ?? now;
      throw new HistoryLimitError(Math.max(1, (oldest + 3600_000 - now) / 1000));
    }
    this.#fetches.push(now);
  }

  #dropExpired(): void {
    const now = this.#now();
    for (const [key, entry] of this.#cache) if (now - entry.at >= this.#ttlMs) this.#cache.delete(key);
  }
}

function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
