// The public keys lifecycle signatures are checked with. The app's own key comes from
// SMARTAPP_PUBLIC_KEY; SmartThings' platform certificates are fetched from the configured key host
// only (see key-id.ts for the URL rules), never following a redirect, with a size cap and a
// timeout, cached for a day, at most a few fetches a minute so made-up key ids cannot turn the
// bridge into a request pump, and failures remembered for a while.
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { Logger } from '../util/logger.js';
import { SlidingWindow } from '../util/sliding-window.js';
import { platformKeyUrl, type KeyIdKind } from './key-id.js';

export const KEY_CACHE_MS = 24 * 3600_000;
const FAILURE_MEMORY_MS = 5 * 60_000;
const MAX_CACHED_KEYS = 32;
const MAX_FETCHES_PER_MINUTE = 10;
const FETCH_TIMEOUT_MS = 5_000;
const MAX_CERTIFICATE_BYTES = 16 * 1024;

export interface SigningKeysOptions {
  /** PEM of the app's own public key (SMARTAPP_PUBLIC_KEY), for `/SmartThings/…` key ids. */
  appPublicKeyPem: string | undefined;
  /** Base URL of SmartThings' key host, e.g. https://key.smartthings.com. */
  keyBaseUrl: string;
  logger: Logger;
  now?: () => number;
  fetch?: typeof fetch;
}

export class SigningKeys {
  readonly #appKey: KeyObject | null;
  readonly #keyBaseUrl: string;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #fetch: typeof fetch;
  readonly #cache = new Map<string, { key: KeyObject; until: number }>();
  readonly #failures = new Map<string, number>();
  readonly #inflight = new Map<string, Promise<KeyObject | null>>();
  readonly #fetches: SlidingWindow;

  constructor(options: SigningKeysOptions) {
    this.#appKey = options.appPublicKeyPem ? createPublicKey(options.appPublicKeyPem) : null;
    this.#keyBaseUrl = options.keyBaseUrl;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#fetch = options.fetch ?? fetch;
    this.#fetches = new SlidingWindow({ windowMs: 60_000, capacity: MAX_FETCHES_PER_MINUTE, now: this.#now });
  }

  /** The key for a keyId already checked by keyIdKind(); null when there is none to trust. */
  async resolve(keyId: string, kind: KeyIdKind): Promise<KeyObject | null> {
    if (kind === 'app') {
      if (!this.#appKey) this.#logger.warn({ keyId }, 'a SmartApp call is signed with the app key, but SMARTAPP_PUBLIC_KEY is not set');
      return this.#appKey;
    }
    const cached = this.#cache.get(keyId);
    if (cached && cached.until > this.#now()) return cached.key;
    const running = this.#inflight.get(keyId);
    if (running) return running;
    const failedUntil = this.#failures.get(keyId);
    if (failedUntil !== undefined && failedUntil > this.#now()) return null;
    if (!this.#fetches.tryRecord()) {
      this.#logger.warn({ keyId }, 'SmartThings key not fetched: too many key look-ups this minute');
      return null;
    }
    const fetching = this.#fetchKey(keyId).finally(() => this.#inflight.delete(keyId));
    this.#inflight.set(keyId, fetching);
    return fetching;
  }

  async #fetchKey(keyId: string): Promise<KeyObject | null> {
    const url = platformKeyUrl(keyId, this.#keyBaseUrl);
    if (!url) return null;
    try {
      const pem = await this.#download(url);
      const key = new X509Certificate(pem).publicKey;
      this.#remember(keyId, key);
      return key;
    } catch (error) {
      this.#failures.set(keyId, this.#now() + FAILURE_MEMORY_MS);
      if (this.#failures.size > MAX_CACHED_KEYS) this.#dropOldest(this.#failures);
      this.#logger.warn({ err: error, url: url.href }, 'could not fetch the SmartThings signing certificate');
      return null;
    }
  }

  async #download(url: URL): Promise<string> {
    // redirect 'error': a redirect could lead to any host, which is what the URL checks prevent.
    const response = await this.#fetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/x-pem-file, text/plain' } });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`key host answered ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_CERTIFICATE_BYTES) {
      await response.body?.cancel();
      throw new Error(`certificate larger than ${MAX_CERTIFICATE_BYTES} bytes`);
    }
    return readLimited(response, MAX_CERTIFICATE_BYTES);
  }

  #remember(keyId: string, key: KeyObject): void {
    this.#failures.delete(keyId);
    this.#cache.delete(keyId);
    this.#cache.set(keyId, { key, until: this.#now() + KEY_CACHE_MS });
    if (this.#cache.size > MAX_CACHED_KEYS) this.#dropOldest(this.#cache);
  }

  #dropOldest(map: Map<string, unknown>): void {
    const first = map.keys().next();
    if (!first.done) map.delete(first.value);
  }
}

async function readLimited(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new Error(`certificate larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
