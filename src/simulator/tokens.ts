// OAuth token bookkeeping with Netatmo's rotation rule (docs/netatmo.md#tokens): every refresh issues a
// new access + refresh pair and the former ones die at once. Tokens belong to a lineage (one
// grant, followed through its rotations); rate limits are counted per lineage.
import { randomBytes } from 'node:crypto';
import { SIM_USER_ID } from './topology-view.js';

export const DEFAULT_SCOPE = ['read_thermostat', 'write_thermostat'];

interface AccessEntry {
  lineage: string;
  expiresAtMs: number;
  scope: string[];
  /** Set when the pair was rotated away: the token then answers code 2. */
  revoked: boolean;
}

interface RefreshEntry {
  lineage: string;
  scope: string[];
  alive: boolean;
}

export type AccessCheck = { ok: true; lineage: string; scope: string[] } | { ok: false; reason: 'invalid' | 'expired' };

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  scope: string[];
  expires_in: number;
  expire_in: number;
}

function newToken(): string {
  // Same look as Netatmo's: "<24-hex user id>|<32 hex>".
  return `${SIM_USER_ID}|${randomBytes(16).toString('hex')}`;
}

export class TokenRegistry {
  private readonly access = new Map<string, AccessEntry>();
  private readonly refresh = new Map<string, RefreshEntry>();
  private lineageCounter = 0;

  constructor(
    private readonly nowMs: () => number,
    private readonly accessTtlS: number,
  ) {}

  /** A refresh token for a new lineage, as the dev-portal token generator gives. */
  issueRefreshToken(scope: string[] = DEFAULT_SCOPE): string {
    const token = newToken();
    this.refresh.set(token, { lineage: `lineage-${++this.lineageCounter}`, scope, alive: true });
    return token;
  }

  /** Issues a brand-new pair for a new lineage (authorization_code grant). */
  issuePair(scope: string[]): TokenPair {
    const refreshToken = this.issueRefreshToken(scope);
    return this.rotate(refreshToken) ?? this.fail();
  }

  private fail(): never {
    throw new Error('freshly issued refresh token was not accepted');
  }

  /** Refresh grant: undefined = invalid_grant. */
  rotate(refreshToken: string): TokenPair | undefined {
    const entry = this.refresh.get(refreshToken);
    if (!entry?.alive) return undefined;
    entry.alive = false;
    for (const access of this.access.values()) if (access.lineage === entry.lineage) access.revoked = true;
    const accessToken = newToken();
    const nextRefresh = newToken();
    this.access.set(accessToken, { lineage: entry.lineage, scope: entry.scope, expiresAtMs: this.nowMs() + this.accessTtlS * 1000, revoked: false });
    this.refresh.set(nextRefresh, { lineage: entry.lineage, scope: entry.scope, alive: true });
    return { access_token: accessToken, refresh_token: nextRefresh, scope: entry.scope, expires_in: this.accessTtlS, expire_in: this.accessTtlS };
  }

  checkAccess(token: string): AccessCheck {
    const entry = this.access.get(token);
    if (!entry || entry.revoked) return { ok: false, reason: 'invalid' };
    if (entry.expiresAtMs <= this.nowMs()) return { ok: false, reason: 'expired' };
    return { ok: true, lineage: entry.lineage, scope: entry.scope };
  }

  expireAllAccessTokens(): void {
    for (const entry of this.access.values()) entry.expiresAtMs = Math.min(entry.expiresAtMs, this.nowMs());
  }

  revokeAllRefreshTokens(): void {
    for (const entry of this.refresh.values()) entry.alive = false;
  }

  counts(): { liveAccessTokens: number; liveRefreshTokens: number } {
    const now = this.nowMs();
    return {
      liveAccessTokens: [...this.access.values()].filter((a) => !a.revoked && a.expiresAtMs > now).length,
      liveRefreshTokens: [...this.refresh.values()].filter((r) => r.alive).length,
    };
  }
}
