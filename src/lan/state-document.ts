// Builds the GET /api/v1/state document (docs/lan-api.md) and caches its serialised bytes: the hub
// polls every few seconds, and most answers are the same document or a 304.
import type { Home, NetatmoHealth } from '../model/types.js';

export interface BridgeInfo {
  id: string;
  name: string;
  version: string;
  startedAt: string;
  preferredPath: 'lan' | 'cloud';
  /** true when the bridge runs against the built-in Netatmo simulator (demo). */
  simulated: boolean;
}

export interface StateDocument {
  revision: number;
  generatedAt: string;
  bridge: BridgeInfo;
  netatmo: NetatmoHealth;
  homes: readonly Home[];
}

export interface StateSource {
  revision(): number;
  homes(): readonly Home[];
  health(): NetatmoHealth;
  bridge(): BridgeInfo;
  now?: () => number;
  /** Measures the cache age (a wall clock stepping back must not freeze the counters). */
  monotonicNow?: () => number;
}

/** How long a serialised document is reused for the same revision (keeps counters near-live). */
export const DOCUMENT_CACHE_MS = 1000;

export function buildStateDocument(source: StateSource, now: number): StateDocument {
  return {
    revision: source.revision(),
    generatedAt: new Date(now).toISOString(),
    bridge: source.bridge(),
    netatmo: source.health(),
    homes: source.homes(),
  };
}

export class StateDocumentCache {
  #revision = -1;
  #builtAt = 0;
  #body = '';
  readonly #now: () => number;
  readonly #mono: () => number;

  constructor(private readonly source: StateSource) {
    this.#now = source.now ?? Date.now;
    this.#mono = source.monotonicNow ?? this.#now;
  }

  /** The current revision as an ETag value (quoted, as HTTP wants). */
  etag(): string {
    return `"${this.source.revision()}"`;
  }

  /** Serialised document for the current revision, rebuilt at most once per DOCUMENT_CACHE_MS. */
  body(): string {
    const age = this.#mono() - this.#builtAt;
    const revision = this.source.revision();
    if (revision !== this.#revision || age >= DOCUMENT_CACHE_MS || age < 0) {
      this.#body = JSON.stringify(buildStateDocument(this.source, this.#now()));
      this.#revision = revision;
      this.#builtAt = this.#mono();
    }
    return this.#body;
  }
}

/** True when an If-None-Match header names the current ETag (or is "*"). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  // The hub sends back exactly the ETag it got: answer that without splitting.
  if (ifNoneMatch === etag) return true;
  return ifNoneMatch
    .split(',')
    .map((part) => part.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === etag || candidate === '*');
}
