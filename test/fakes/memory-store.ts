// In-memory Store for tests. It keeps two copies: `data` (what the process sees) and `disk` (what
// the data file holds), so a test can play "another process rotated the tokens and wrote the
// file" with writeFromOtherProcess() and see whether reload() picks it up. Writes can be made to
// fail (failWrites) to test what happens when the disk is full.
import { createDefaultData } from '../../src/store/defaults.js';
import type { StoreProblem } from '../../src/store/errors.js';
import type { Store } from '../../src/store/store.js';
import type { NetatmoCredentials, NetatmoTokens, StoreData } from '../../src/store/types.js';

export class MemoryStore implements Store {
  readonly filePath = '/memory/bridge.json';
  /** Number of successful update() calls. */
  writeCount = 0;
  /** Number of reload() calls. */
  reloadCount = 0;
  /** Every tokens value written, in order (to check what was persisted when). */
  readonly tokenWrites: (NetatmoTokens | null)[] = [];
  private current: StoreData;
  private disk: StoreData;
  private failuresLeft = 0;
  private queue: Promise<void> = Promise.resolve();
  private gate: Promise<void> | null = null;
  /** update() calls currently held by holdWrites(). */
  waitingWrites = 0;
  private readonly writeWaiters: (() => void)[] = [];

  constructor(initial?: Partial<StoreData>) {
    this.current = { ...createDefaultData(new Date('2026-01-01T00:00:00Z'), 'ab'.repeat(32)), ...structuredClone(initial ?? {}) };
    this.disk = structuredClone(this.current);
  }

  get data(): Readonly<StoreData> {
    return this.current;
  }

  /** What the file on "disk" holds right now. */
  get diskData(): Readonly<StoreData> {
    return this.disk;
  }

  update(mutator: (draft: StoreData) => void): Promise<void> {
    const run = async (): Promise<void> => {
      await Promise.resolve();
      if (this.gate) {
        this.waitingWrites += 1;
        for (const resolve of this.writeWaiters.splice(0)) resolve();
        await this.gate;
        this.waitingWrites -= 1;
      }
      const draft = structuredClone(this.current);
      mutator(draft);
      if (this.failuresLeft > 0) {
        this.failuresLeft -= 1;
        throw new Error('simulated write failure (ENOSPC)');
      }
      this.current = draft;
      this.disk = structuredClone(draft);
      this.writeCount += 1;
      this.tokenWrites.push(structuredClone(draft.netatmo.tokens));
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  reload(): Promise<Readonly<StoreData>> {
    this.reloadCount += 1;
    this.current = structuredClone(this.disk);
    return Promise.resolve(this.current);
  }

  flush(): Promise<void> {
    return this.queue;
  }

  problem(): StoreProblem | null {
    return null;
  }

  /** Another process wrote the data file: only `disk` changes until reload(). */
  writeFromOtherProcess(mutator: (draft: StoreData) => void): void {
    const draft = structuredClone(this.disk);
    mutator(draft);
    this.disk = draft;
  }

  /** Resolves once an update() is held by holdWrites() (at once when one already is). */
  writeWaiting(): Promise<void> {
    if (this.waitingWrites > 0) return Promise.resolve();
    return new Promise((resolve) => this.writeWaiters.push(resolve));
  }

  /** Writes wait (like a slow disk) until the returned function is called. */
  holdWrites(): () => void {
    let release: () => void = () => undefined;
    this.gate = new Promise<void>((resolve) => {
      release = () => {
        this.gate = null;
        resolve();
      };
    });
    return release;
  }

  /** The next `count` update() calls fail (and roll back), like a full disk. */
  failWrites(count: number): void {
    this.failuresLeft = count;
  }
}

export const TEST_CREDENTIALS: NetatmoCredentials = { clientId: 'test-client-id', clientSecret: 'test-client-SECRET-9f8e7d' };

export function makeTokens(suffix: string, expiresAt: Date, obtainedAt = new Date(expiresAt.getTime() - 10_800_000)): NetatmoTokens {
  return {
    accessToken: `access-${suffix}`,
    refreshToken: `refresh-${suffix}`,
    expiresAt: expiresAt.toISOString(),
    scope: ['read_thermostat', 'write_thermostat'],
    obtainedAt: obtainedAt.toISOString(),
  };
}

/** A store with test credentials and, optionally, a token pair. */
export function storeWith(tokens: NetatmoTokens | null, credentials: NetatmoCredentials | null = TEST_CREDENTIALS): MemoryStore {
  const base = createDefaultData(new Date('2026-01-01T00:00:00Z'), 'ab'.repeat(32));
  return new MemoryStore({ netatmo: { ...base.netatmo, tokens, credentials } });
}
