// The bridge's one copy of the heating state. The poller replaces the homes; everything that
// serves SmartThings (LAN API, SmartApp, status page) reads from here and listens for changes.
// The revision rises only when something a client shows changed: the homes, or the link health
// (Netatmo status, stale flag, hub link; see health-signal.ts), so an ETag'd client still learns
// that a link broke. Every rise is announced on the change event (long polls, SmartApp, disk).
import { EventEmitter } from 'node:events';
import { homesEqual } from '../model/equality.js';
import type { Home, NetatmoStatus } from '../model/types.js';

export interface StateChange {
  revision: number;
  previous: readonly Home[];
  homes: readonly Home[];
  /** true when the homes changed (not only the health). */
  homesChanged: boolean;
}

export interface StateServiceOptions {
  revision: number;
  homes: Home[];
  changedAt: string | null;
  now?: () => number;
}

export interface HealthKey {
  status: NetatmoStatus;
  stale: boolean;
  /** A hub polled the LAN API recently. */
  hubLinked: boolean;
  /** false while the Netatmo sign-in lives only in memory (absent = saved). */
  tokenSaved?: boolean;
}

export class StateService {
  #revision: number;
  #homes: Home[];
  #changedAt: string | null;
  #healthKey: HealthKey | null = null;
  readonly #now: () => number;
  readonly #events = new EventEmitter<{ change: [StateChange] }>();
  #overlay: ((homes: Home[]) => Home[]) | null = null;

  constructor(options: StateServiceOptions) {
    this.#revision = options.revision;
    this.#homes = options.homes;
    this.#changedAt = options.changedAt;
    this.#now = options.now ?? Date.now;
  }

  get revision(): number {
    return this.#revision;
  }

  get homes(): readonly Home[] {
    return this.#homes;
  }

  get changedAt(): string | null {
    return this.#changedAt;
  }

  home(homeId: string): Home | undefined {
    return this.#homes.find((h) => h.id === homeId);
  }

  /**
   * Extension point for the command service (src/sync/optimistic.ts): every replaceHomes (poll
   * results) passes through it, so values written moments ago survive a poll that predates them.
   */
  setOverlay(overlay: ((homes: Home[]) => Home[]) | null): void {
    this.#overlay = overlay;
  }

  /** Replace the homes (poll results; through the overlay); bumps and notifies only when they differ. */
  replaceHomes(homes: Home[]): boolean {
    return this.#set(this.#overlay ? this.#overlay(homes) : homes);
  }

  #set(homes: Home[]): boolean {
    if (homesEqual(this.#homes, homes)) return false;
    const previous = this.#homes;
    this.#homes = homes;
    this.#bump(previous, true);
    return true;
  }

  /** Replace one home (optimistic command results, webhook patches). */
  replaceHome(home: Home): boolean {
    const index = this.#homes.findIndex((h) => h.id === home.id);
    const next = [...this.#homes];
    if (index === -1) next.push(home);
    else next[index] = home;
    // Not through the overlay: the caller already holds the newest values of this home.
    return this.#set(next);
  }

  /** The link health clients see (the first call sets the baseline); bumps when any part changed. */
  noteHealth(key: HealthKey): boolean {
    const previous = this.#healthKey;
    this.#healthKey = key;
    const same = (a: HealthKey, b: HealthKey): boolean => a.status === b.status && a.stale === b.stale && a.hubLinked === b.hubLinked && (a.tokenSaved ?? true) === (b.tokenSaved ?? true);
    if (previous === null || same(previous, key)) return false;
    this.#bump(this.#homes, false);
    return true;
  }

  onChange(listener: (change: StateChange) => void): () => void {
    this.#events.on('change', listener);
    return () => this.#events.off('change', listener);
  }

  #bump(previous: readonly Home[], homesChanged: boolean): void {
    this.#revision += 1;
    if (homesChanged) this.#changedAt = new Date(this.#now()).toISOString();
    this.#events.emit('change', { revision: this.#revision, previous, homes: this.#homes, homesChanged });
  }
}
