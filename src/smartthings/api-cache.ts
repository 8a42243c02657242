// One SmartThings API client per installed app, so every background call shares one token-refresh
// mutex. A failed or unauthenticated look-up is never kept: the next sync asks again (a rejected
// promise cached here would block an app's pushes until the process restarts).
import type { ContextRecordInput, RuntimeSmartApp } from './sdk-types.js';
import { stDeviceApi, type StDeviceApi } from './st-api.js';

export class ApiCache {
  readonly #apis = new Map<string, Promise<StDeviceApi | null>>();

  constructor(private readonly app: Pick<RuntimeSmartApp, 'withContext'>) {}

  /** The API of a stored installed app; null when it has no tokens; rejects when the context fails. */
  get(installedAppId: string): Promise<StDeviceApi | null> {
    const cached = this.#apis.get(installedAppId);
    if (cached) return cached;
    return this.#remember(
      installedAppId,
      this.app.withContext(installedAppId).then((ctx) => (ctx.isAuthenticated() ? stDeviceApi(ctx.api, installedAppId) : null)),
    );
  }

  /** INSTALL / UPDATE: a client over the fresh tokens of the lifecycle call. */
  useRecord(record: ContextRecordInput): void {
    void this.#remember(
      record.installedAppId,
      this.app.withContext(record).then((ctx) => stDeviceApi(ctx.api, record.installedAppId)),
    ).catch(() => undefined);
  }

  drop(installedAppId: string): void {
    this.#apis.delete(installedAppId);
  }

  #remember(installedAppId: string, pending: Promise<StDeviceApi | null>): Promise<StDeviceApi | null> {
    const settled = pending.then(
      (api) => {
        if (api === null) this.#forget(installedAppId, settled);
        return api;
      },
      (error: unknown) => {
        this.#forget(installedAppId, settled);
        throw error;
      },
    );
    this.#apis.set(installedAppId, settled);
    return settled;
  }

  #forget(installedAppId: string, entry: Promise<StDeviceApi | null>): void {
    if (this.#apis.get(installedAppId) === entry) this.#apis.delete(installedAppId);
  }
}
