// How often the SSDP responder may answer. UDP senders can be forged, so every reply could be
// aimed at a victim: replies go only to LAN addresses, at most MAX_REPLIES_PER_S in total and one
// per address and second (a hub needs one answer per scan). Pure: the clock is injected.
import { KeyedSlidingWindows, SlidingWindow } from '../util/sliding-window.js';
import { isLanIPv4 } from './lan-address.js';

/** Replies per second at most: a spoofed M-SEARCH flood must not turn the bridge into an amplifier. */
export const MAX_REPLIES_PER_S = 20;
/** The same address is answered at most this often. */
export const PER_ADDRESS_INTERVAL_MS = 1_000;
const MAX_TRACKED_ADDRESSES = 1_000;

export class SsdpReplyLimiter {
  readonly #replies: SlidingWindow;
  readonly #perAddress: KeyedSlidingWindows;

  constructor(now: () => number = () => performance.now()) {
    this.#replies = new SlidingWindow({ windowMs: 1_000, capacity: MAX_REPLIES_PER_S, now });
    this.#perAddress = new KeyedSlidingWindows({ windowMs: PER_ADDRESS_INTERVAL_MS, capacity: 1, maxKeys: MAX_TRACKED_ADDRESSES, now });
  }

  /** True when a reply to this address may go out now (and counts it). */
  allow(address: string): boolean {
    if (!isLanIPv4(address)) return false;
    if (this.#perAddress.count(address) > 0) return false;
    if (!this.#replies.tryRecord()) return false;
    this.#perAddress.record(address);
    return true;
  }
}
