// How often the SSDP responder may answer. UDP senders can be forged, so every reply could be
// aimed at a victim: replies go only to LAN addresses, at most MAX_REPLIES_PER_S in total and one
// per address and second (a hub needs one answer per scan). Pure: the clock is injected.
import { isLanIPv4 } from './lan-address.js';

/** Replies per second at most: a spoofed M-SEARCH flood must not turn the bridge into an amplifier. */
export const MAX_REPLIES_PER_S = 20;
/** The same address is answered at most this often. */
export const PER_ADDRESS_INTERVAL_MS = 1_000;
const MAX_TRACKED_ADDRESSES = 1_000;

export class SsdpReplyLimiter {
  readonly #now: () => number;
  #windowStart = 0;
  #repliesInWindow = 0;
  readonly #lastReply = new Map<string, number>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** True when a reply to this address may go out now (and counts it). */
  allow(address: string): boolean {
    if (!isLanIPv4(address)) return false;
    const now = this.#now();
    const last = this.#lastReply.get(address);
    if (last !== undefined && now - last < PER_ADDRESS_INTERVAL_MS) return false;
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#repliesInWindow = 0;
    }
    if (this.#repliesInWindow >= MAX_REPLIES_PER_S) return false;
    this.#repliesInWindow += 1;
    this.#lastReply.delete(address);
    this.#lastReply.set(address, now);
    for (const [oldest, at] of this.#lastReply) {
      if (this.#lastReply.size <= MAX_TRACKED_ADDRESSES && now - at < PER_ADDRESS_INTERVAL_MS) break;
      this.#lastReply.delete(oldest);
    }
    return true;
  }
}
