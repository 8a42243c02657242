// The pairing window: while open, POST /api/v1/pair hands the LAN token to a hub that asks, so
// nobody has to type a 64-character token into the SmartThings app. It opens for 10 minutes after
// the very first start and for 5 minutes when the user asks (status page or `npm run pair`).
export const FIRST_START_WINDOW_MS = 10 * 60_000;
export const REQUESTED_WINDOW_MS = 5 * 60_000;

export type PairingReason = 'first_start' | 'requested';

export class PairingWindow {
  #closesAt = 0;
  #reason: PairingReason | null = null;
  readonly #now: () => number;

  constructor(options: { now?: () => number; dataFileCreatedAt: string }) {
    this.#now = options.now ?? Date.now;
    const created = Date.parse(options.dataFileCreatedAt);
    if (Number.isFinite(created) && created + FIRST_START_WINDOW_MS > this.#now()) {
      this.#closesAt = created + FIRST_START_WINDOW_MS;
      this.#reason = 'first_start';
    }
  }

  isOpen(): boolean {
    return this.#now() < this.#closesAt;
  }

  /** Opens (or extends) the window; returns when it closes (ms epoch). */
  open(durationMs: number = REQUESTED_WINDOW_MS, reason: PairingReason = 'requested'): number {
    this.#closesAt = Math.max(this.#closesAt, this.#now() + durationMs);
    this.#reason = reason;
    return this.#closesAt;
  }

  close(): void {
    this.#closesAt = 0;
    this.#reason = null;
  }

  /** ISO close time while open, else null. */
  closesAt(): string | null {
    return this.isOpen() ? new Date(this.#closesAt).toISOString() : null;
  }

  reason(): PairingReason | null {
    return this.isOpen() ? this.#reason : null;
  }
}
