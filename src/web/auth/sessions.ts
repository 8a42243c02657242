// Admin sessions: random ids kept in memory only (a restart signs everyone out, which is fine for
// a single-user appliance), each with its own CSRF token, an idle timeout and a hard maximum age.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface Flash {
  kind: 'success' | 'error' | 'info';
  text: string;
}

/** A Netatmo connection the admin started and has not finished (OAuth `state` and where it returns). */
export interface PendingConnect {
  state: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** 'bridge': Netatmo returns to /oauth/callback; 'paste': the user pastes the address they land on. */
  mode: 'bridge' | 'paste';
  startedAt: number;
}

export interface Session {
  readonly id: string;
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
  flash: Flash | null;
  connect: PendingConnect | null;
}

export interface SessionStoreOptions {
  now?: () => number;
  idleMs?: number;
  maxAgeMs?: number;
  /** Oldest sessions are dropped beyond this (bounds memory whatever happens). */
  maxSessions?: number;
  /** A started connection is forgotten after this (Netatmo's codes live 10 minutes). */
  connectTtlMs?: number;
}

export const SESSION_IDLE_MS = 2 * 3600_000;
export const SESSION_MAX_AGE_MS = 12 * 3600_000;

export class SessionStore {
  readonly idleMs: number;
  readonly maxAgeMs: number;
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;
  readonly #maxSessions: number;
  readonly #connectTtlMs: number;

  constructor(options: SessionStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.idleMs = options.idleMs ?? SESSION_IDLE_MS;
    this.maxAgeMs = options.maxAgeMs ?? SESSION_MAX_AGE_MS;
    this.#maxSessions = options.maxSessions ?? 50;
    this.#connectTtlMs = options.connectTtlMs ?? 15 * 60_000;
  }

  create(): Session {
    this.#prune();
    while (this.#sessions.size >= this.#maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest === undefined) break;
      this.#sessions.delete(oldest);
    }
    const now = this.#now();
    const session: Session = { id: randomToken(32), csrfToken: randomToken(24), createdAt: now, lastSeenAt: now, flash: null, connect: null };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id (and marks it used), or null when unknown or expired. */
  get(id: string | undefined): Session | null {
    if (!id) return null;
    const session = this.#sessions.get(id);
    if (!session) return null;
    if (this.#expired(session)) {
      this.#sessions.delete(id);
      return null;
    }
    session.lastSeenAt = this.#now();
    this.#dropOldConnect(session);
    return session;
  }

  destroy(id: string): void {
    this.#sessions.delete(id);
  }

  /** The session that started the connection with this OAuth state (the callback may lack the cookie). */
  findByConnectState(state: string): Session | null {
    this.#prune();
    for (const session of this.#sessions.values()) {
      this.#dropOldConnect(session);
      if (session.connect && sameSecret(session.connect.state, state)) return session;
    }
    return null;
  }

  get size(): number {
    return this.#sessions.size;
  }

  #expired(session: Session): boolean {
    const now = this.#now();
    return now - session.lastSeenAt > this.idleMs || now - session.createdAt > this.maxAgeMs;
  }

  #dropOldConnect(session: Session): void {
    if (session.connect && this.#now() - session.connect.startedAt > this.#connectTtlMs) session.connect = null;
  }

  #prune(): void {
    for (const [id, session] of this.#sessions) if (this.#expired(session)) this.#sessions.delete(id);
  }
}

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Constant-time comparison of two secrets (false when the lengths differ). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
