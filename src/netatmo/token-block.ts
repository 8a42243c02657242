// "Stop calling Netatmo": after invalid_grant (a dead refresh token) or invalid_client, repeating
// the same request cannot help. The block holds until the store has another refresh token or other
// client credentials than when it began — stored by the status page, the SmartApp, the CLI or
// another process.
import type { NetatmoCredentials } from './token-repository.js';

interface BlockedOn {
  refreshToken: string | null;
  credentialsKey: string;
  at: number;
}

export class RefreshBlock {
  private blocked: BlockedOn | null = null;

  get active(): boolean {
    return this.blocked !== null;
  }

  begin(refreshToken: string | null, credentials: NetatmoCredentials | null, at: number): void {
    this.blocked = { refreshToken, credentialsKey: credentialsKey(credentials), at };
  }

  clear(): void {
    this.blocked = null;
  }

  /** Still blocked for these tokens and credentials? False once they changed (clear() then ends it). */
  holdsFor(refreshToken: string | null, credentials: NetatmoCredentials | null): boolean {
    if (!this.blocked) return false;
    return refreshToken === this.blocked.refreshToken && credentialsKey(credentials) === this.blocked.credentialsKey;
  }

  /** True when the data file is due for another look while blocked; the next look is due one interval later. */
  startRecheckIfDue(now: number, intervalMs: number): boolean {
    if (!this.blocked || now - this.blocked.at < intervalMs) return false;
    this.blocked.at = now;
    return true;
  }
}

/** Only used to notice a change; the secret itself is never kept outside the store. */
function credentialsKey(credentials: NetatmoCredentials | null): string {
  return credentials ? `${credentials.clientId}:${credentials.clientSecret.length}:${hash(credentials.clientSecret)}` : '';
}

/** Tiny non-cryptographic fingerprint (FNV-1a) so the secret itself is not kept around. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
