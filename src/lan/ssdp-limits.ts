// How often the SSDP responder may answer. UDP senders can be forged, so every reply could be
// aimed at a victim: replies go only to LAN addresses, at most MAX_REPLIES_PER_S in total and one
// per address and second (a hub needs one answer per scan). Pure: the clock is injected.

/** Replies per second at most: a spoofed M-SEARCH flood must not turn the bridge into an amplifier. */
export const MAX_REPLIES_PER_S = 20;
/** The same address is answered at most this often. */
export const PER_ADDRESS_INTERVAL_MS = 1_000;
const MAX_TRACKED_ADDRESSES = 1_000;

function ipv4Parts(address: string): number[] | null {
  const parts = address.split('.').map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return parts.length === 4 && parts.every((p) => p <= 255) ? parts : null;
}

/** Private (RFC 1918), link-local and loopback IPv4 addresses: where a hub can be. */
export function replyAllowedTo(address: string): boolean {
  const p = ipv4Parts(address);
  if (!p) return false;
  const [a = 0, b = 0] = p;
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

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
    if (!replyAllowedTo(address)) return false;
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
