// The account's homes as homesdata describes them, read at start, hourly, when marked dirty (a
// schedule switch, a webhook `schedule` event, code 9) and when homestatus names a room homesdata
// lacks — but for the same unknown room at most once an hour: real accounts have rooms homesdata
// never lists (seen in Home Assistant's captures), and re-reading on every poll would double the
// calls for nothing. Only homes with a heating module are kept (see hasHeatingModule), so homes
// with only cameras, weather stations or no device at all are neither polled nor listed.
import { hasHeatingModule, unknownStatusRoomIds } from '../model/index.js';
import type { RawHomeStatusBody, RawTopologyHome } from '../model/netatmo-raw.js';
import type { NetatmoApi } from '../netatmo/api.js';
import type { Logger } from '../util/logger.js';

export const TOPOLOGY_REFRESH_MS = 60 * 60 * 1000;
/** The same unknown room causes a homesdata re-read at most this often. */
export const UNKNOWN_ROOM_RECHECK_MS = 60 * 60 * 1000;

export interface TopologyCacheOptions {
  api: Pick<NetatmoApi, 'homesData'>;
  logger: Logger;
  /** Monotonic clock (ms). */
  now: () => number;
  /** Only these homes (settings); undefined or empty = every home of the account. */
  homeIds?: () => readonly string[] | undefined;
}

interface UnknownRoom {
  /** Last homesdata read made while this room was known to be missing from it. */
  checkedAt: number;
  /** Last homestatus that named it. */
  seenAt: number;
}

export class TopologyCache {
  #homes: RawTopologyHome[] | null = null;
  #readAt = 0;
  #dirty = false;
  #skippedKey = '';
  readonly #unknownRooms = new Map<string, UnknownRoom>();

  constructor(private readonly options: TopologyCacheOptions) {}

  /** Heating homes in homesdata order, or null before the first read. */
  get homes(): readonly RawTopologyHome[] | null {
    return this.#homes;
  }

  home(homeId: string): RawTopologyHome | undefined {
    return this.#homes?.find((h) => h.id === homeId);
  }

  needsRefresh(): boolean {
    return this.#homes === null || this.#dirty || this.options.now() - this.#readAt >= TOPOLOGY_REFRESH_MS;
  }

  markDirty(): void {
    this.#dirty = true;
  }

  async refresh(): Promise<void> {
    const body = await this.options.api.homesData();
    const now = this.options.now();
    const wanted = this.options.homeIds?.();
    const chosen = (body.homes ?? []).filter((h) => h.id && (!wanted || wanted.length === 0 || wanted.includes(h.id)));
    const heating = chosen.filter(hasHeatingModule);
    this.#logSkipped(chosen.filter((h) => !hasHeatingModule(h)));
    this.#homes = heating;
    this.#readAt = now;
    this.#dirty = false;
    // This read looked at every unknown room again; forget the ones no homestatus named lately.
    for (const [key, room] of this.#unknownRooms) {
      if (now - room.seenAt > 2 * UNKNOWN_ROOM_RECHECK_MS) this.#unknownRooms.delete(key);
      else room.checkedAt = now;
    }
  }

  /**
   * homestatus named rooms homesdata lacks: true when homesdata should be read again now, i.e. one
   * of them was not looked for within the last hour. Records the sighting either way.
   */
  shouldRereadFor(topology: RawTopologyHome, status: RawHomeStatusBody): boolean {
    const unknown = unknownStatusRoomIds(topology, status);
    if (unknown.length === 0) return false;
    const now = this.options.now();
    let due = false;
    for (const roomId of unknown) {
      const key = `${topology.id ?? ''}/${roomId}`;
      const known = this.#unknownRooms.get(key);
      if (!known) {
        this.#unknownRooms.set(key, { checkedAt: Number.NEGATIVE_INFINITY, seenAt: now });
        due = true;
      } else {
        known.seenAt = now;
        if (now - known.checkedAt >= UNKNOWN_ROOM_RECHECK_MS) due = true;
      }
    }
    return due;
  }

  #logSkipped(skipped: RawTopologyHome[]): void {
    const key = skipped.map((h) => h.id).join(',');
    if (key === this.#skippedKey) return;
    this.#skippedKey = key;
    if (skipped.length > 0) {
      this.options.logger.info({ homeIds: skipped.map((h) => h.id) }, `${skipped.length} home(s) without thermostat, valve or OpenTherm module: not polled, not listed`);
    }
  }
}
