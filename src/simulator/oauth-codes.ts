// Authorization codes the simulator's consent page hands out: single use, valid ten minutes, bound
// to the client and redirect URI they were issued for.
import { randomBytes } from 'node:crypto';

const CODE_TTL_MS = 10 * 60_000;

export interface PendingCode {
  clientId: string;
  redirectUri: string;
  scope: string[];
  expiresAtMs: number;
}

export class AuthorizationCodes {
  readonly #codes = new Map<string, PendingCode>();

  constructor(private readonly nowMs: () => number) {}

  issue(grant: Omit<PendingCode, 'expiresAtMs'>): string {
    const code = randomBytes(16).toString('hex');
    this.#codes.set(code, { ...grant, expiresAtMs: this.nowMs() + CODE_TTL_MS });
    return code;
  }

  /** The code's grant, forgotten at once (single use, even when the exchange then fails). */
  take(code: string): PendingCode | undefined {
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    return pending;
  }
}
