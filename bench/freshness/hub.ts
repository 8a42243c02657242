// The SmartThings hub's side of the benchmark. A hub holding a long poll is a real HTTP client of
// the bridge (GET /api/v1/state?wait=30 with If-None-Match, the Edge driver's request), and each
// answer is stamped with the simulated time it arrived. A hub polling every H seconds reads the
// state as it is at its poll times, so when it first holds a revision is worked out from when the
// bridge reached that revision.

export interface Receipt {
  /** Simulated time (ms epoch) the hub had this revision. */
  at: number;
  revision: number;
}

export class LongPollHub {
  readonly receipts: Receipt[] = [];
  #etag: string | null = null;
  #stopped = false;
  #waiters: { revision: number; resolve: () => void }[] = [];
  readonly #abort = new AbortController();
  #loop: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly clock: () => number,
  ) {}

  get lastRevision(): number {
    return this.receipts[this.receipts.length - 1]?.revision ?? -1;
  }

  start(): void {
    this.#loop = this.#run().catch((error: unknown) => {
      if (!this.#stopped) throw error;
    });
  }

  /** Resolves once the hub holds `revision` or a later one (fails after `timeoutMs` of real time). */
  waitFor(revision: number, timeoutMs = 10_000): Promise<void> {
    if (this.lastRevision >= revision) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the hub did not receive revision ${revision} within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({ revision, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
      if (this.#etag) headers['if-none-match'] = this.#etag;
      const res = await fetch(`${this.url}/api/v1/state?wait=30`, { headers, signal: this.#abort.signal });
      await res.arrayBuffer();
      if (res.status === 304) continue;
      if (res.status !== 200) throw new Error(`the bridge answered the hub's long poll with ${res.status}`);
      this.#etag = res.headers.get('etag');
      const revision = Number((this.#etag ?? '').replace(/"/g, ''));
      this.receipts.push({ at: this.clock(), revision });
      const ready = this.#waiters.filter((w) => w.revision <= revision);
      this.#waiters = this.#waiters.filter((w) => w.revision > revision);
      for (const waiter of ready) waiter.resolve();
    }
  }
}

/** The first poll time of a hub polling every `periodMs` (from `phaseMs`) at or after `at`. */
export function periodicHubReadAt(at: number, periodMs: number, phaseMs: number): number {
  return phaseMs + Math.ceil((at - phaseMs) / periodMs) * periodMs;
}
