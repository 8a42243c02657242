// Which hubs talk to the bridge and when they last polled: the status page's "hub link" and the
// doctor command read it. Kept in memory only (a restart simply waits for the next poll).
import { CLI_USER_AGENT_PREFIX, parseDriverHeader, type DriverInfo } from './driver-version.js';
export interface HubSeen {
  address: string;
  userAgent: string | null;
  lastSeenAt: string;
  paired: boolean;
  /** The Edge driver's version and LAN API level, from its X-Netatmo-Bridge-Driver header. */
  driver: DriverInfo;
}

/** Hubs not seen for this long drop off the list. */
export const HUB_FORGET_MS = 24 * 60 * 60_000;

export class HubActivity {
  readonly #hubs = new Map<string, { address: string; userAgent: string | null; lastSeenAt: number; paired: boolean; driver: DriverInfo }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** An authorised state read from this address. */
  recordPoll(address: string, userAgent: string | undefined, driverHeader?: string | string[]): void {
    if (userAgent?.startsWith(CLI_USER_AGENT_PREFIX)) return;
    const entry = this.#hubs.get(address);
    const driver = parseDriverHeader(driverHeader);
    this.#hubs.set(address, { address, userAgent: userAgent ?? entry?.userAgent ?? null, lastSeenAt: this.#now(), paired: entry?.paired ?? false, driver });
  }

  /** A successful pairing from this address. */
  recordPairing(address: string, userAgent: string | undefined, driverHeader?: string | string[]): void {
    this.#hubs.set(address, { address, userAgent: userAgent ?? null, lastSeenAt: this.#now(), paired: true, driver: parseDriverHeader(driverHeader) });
  }

  lastPollAt(): string | null {
    let latest = 0;
    for (const hub of this.#hubs.values()) latest = Math.max(latest, hub.lastSeenAt);
    return latest > 0 ? new Date(latest).toISOString() : null;
  }

  hubs(): HubSeen[] {
    const cutoff = this.#now() - HUB_FORGET_MS;
    const out: HubSeen[] = [];
    for (const [key, hub] of this.#hubs) {
      if (hub.lastSeenAt < cutoff) {
        this.#hubs.delete(key);
        continue;
      }
      out.push({ ...hub, lastSeenAt: new Date(hub.lastSeenAt).toISOString() });
    }
    return out.sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
  }
}
