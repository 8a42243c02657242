// Keeps the cloud devices of every installed app in step with the state: after each state change
// it reconciles the devices when the topology changed, then pushes only the attributes whose
// value changed, batched per device (≤ 50 events per request), with retry and back-off.
// All SmartThings calls of one installed app run one after the other (one token refresh at a
// time, and the per-device rate limit of about 12 calls a minute is respected by batching).
import type { Home } from '../model/types.js';
import type { Logger } from '../util/logger.js';
import type { LowdbContextStore } from './context-store.js';
import { desiredDevices, topologyKey } from './device-plan.js';
import { changedEvents, deviceEvents, type CapabilityEvent, type LinkHealth } from './event-mapping.js';
import { reconcileDevices } from './reconciler.js';
import { withRetry, type RetryOptions } from './retry.js';
import { describeStError, httpStatusOf, type StDeviceApi } from './st-api.js';

export const MAX_EVENTS_PER_REQUEST = 50;

export interface PushRecord {
  installedAppId: string;
  deviceId: string;
  events: number;
  /** 'ok', or what went wrong: http_429, http_503, network … */
  status: string;
  durationMs: number;
}

export interface CloudSyncOptions {
  contexts: LowdbContextStore;
  /** The SmartThings API of an installed app (its stored, refreshable tokens), or null. */
  apiFor(installedAppId: string): Promise<StDeviceApi | null>;
  snapshot(): { homes: readonly Home[]; health: LinkHealth; cloudPath: boolean };
  logger: Logger;
  retry?: RetryOptions;
  onPush?: (record: PushRecord) => void;
  now?: () => number;
  /** SmartThings accepts at most 50 events per request (default). */
  maxEventsPerRequest?: number;
}

export interface SyncRequest {
  /** externalId → event keys to send even when unchanged (the answer to a command). */
  force?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Reconcile even when the topology key did not change (INSTALL / UPDATE). */
  reconcile?: boolean;
  /** Use this API instead of apiFor() (a lifecycle call's fresh tokens). */
  api?: StDeviceApi;
}

export class CloudSync {
  /** installedAppId → externalId → event key → last value sent. */
  readonly #sent = new Map<string, Map<string, Map<string, string>>>();
  readonly #queues = new Map<string, Promise<void>>();
  readonly #scheduled = new Set<string>();
  readonly #holds = new Map<string, number>();
  readonly #dirty = new Set<string>();
  readonly #now: () => number;
  #stopped = false;

  constructor(private readonly options: CloudSyncOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** A state change: sync every installed app (coalesced; nothing is sent when nothing changed). */
  notifyChange(): void {
    for (const id of this.options.contexts.installedAppIds()) this.#schedule(id);
  }

  /** Defer change-driven syncs of this app (a command answers with one sync of its own). */
  hold(installedAppId: string): () => void {
    this.#holds.set(installedAppId, (this.#holds.get(installedAppId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#holds.get(installedAppId) ?? 1) - 1;
      if (left > 0) this.#holds.set(installedAppId, left);
      else this.#holds.delete(installedAppId);
      if (left <= 0 && this.#dirty.delete(installedAppId)) this.#schedule(installedAppId);
    };
  }

  /** Run one sync of this app now (after the ones queued before it). */
  sync(installedAppId: string, request: SyncRequest = {}): Promise<void> {
    return this.#enqueue(installedAppId, () => this.#syncApp(installedAppId, request));
  }

  /** Forget what was sent (uninstall, or new devices that must get every attribute). */
  forget(installedAppId: string): void {
    this.#sent.delete(installedAppId);
  }

  /** Resolves when every queued sync has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all([...this.#queues.values()]);
  }

  stop(): void {
    this.#stopped = true;
  }

  #schedule(installedAppId: string): void {
    if (this.#stopped) return;
    if ((this.#holds.get(installedAppId) ?? 0) > 0) {
      this.#dirty.add(installedAppId);
      return;
    }
    if (this.#scheduled.has(installedAppId)) return;
    this.#scheduled.add(installedAppId);
    void this.#enqueue(installedAppId, () => {
      this.#scheduled.delete(installedAppId);
      return this.#syncApp(installedAppId, {});
    });
  }

  #enqueue(installedAppId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.#queues.get(installedAppId) ?? Promise.resolve();
    const run = previous.then(task).catch((error: unknown) => {
      this.options.logger.warn({ installedAppId }, `SmartThings sync failed: ${describeStError(error)}`);
    });
    this.#queues.set(installedAppId, run);
    void run.finally(() => {
      if (this.#queues.get(installedAppId) === run) this.#queues.delete(installedAppId);
    });
    return run;
  }

  async #syncApp(installedAppId: string, request: SyncRequest): Promise<void> {
    if (this.#stopped || !this.options.contexts.record(installedAppId)) return;
    const { homes, health, cloudPath } = this.options.snapshot();
    const desired = desiredDevices({ homes, cloudPath });
    const data = this.options.contexts.bridgeData(installedAppId);
    const topologyChanged = topologyKey(desired.devices) !== data.topologyKey;
    // No homes yet (first start, Netatmo not connected): never delete devices for that.
    const mayReconcile = !cloudPath || homes.length > 0;
    const needsReconcile = mayReconcile && (request.reconcile === true || topologyChanged);
    if (!needsReconcile && Object.keys(data.devices).length === 0) return;

    const api = request.api ?? (await this.options.apiFor(installedAppId));
    if (!api) return;
    if (needsReconcile) {
      const result = await reconcileDevices({ api, contexts: this.options.contexts, installedAppId, homes, cloudPath, logger: this.options.logger, retry: this.options.retry });
      const sent = this.#sent.get(installedAppId);
      for (const externalId of [...result.created, ...result.deleted]) sent?.delete(externalId);
    }
    await this.#push(installedAppId, api, homes, health, request.force);
  }

  async #push(installedAppId: string, api: StDeviceApi, homes: readonly Home[], health: LinkHealth, force?: SyncRequest['force']): Promise<void> {
    const devices = this.options.contexts.bridgeData(installedAppId).devices;
    let sentForApp = this.#sent.get(installedAppId);
    if (!sentForApp) {
      sentForApp = new Map();
      this.#sent.set(installedAppId, sentForApp);
    }
    for (const [externalId, deviceId] of Object.entries(devices)) {
      const events = deviceEvents(externalId, homes, health);
      if (!events) continue;
      const last = sentForApp.get(externalId) ?? new Map<string, string>();
      const { changed, next } = changedEvents(events, last, force?.get(externalId));
      if (changed.length === 0) continue;
      if (await this.#send(installedAppId, api, deviceId, changed)) sentForApp.set(externalId, next);
    }
  }

  async #send(installedAppId: string, api: StDeviceApi, deviceId: string, events: CapabilityEvent[]): Promise<boolean> {
    let ok = true;
    const size = this.options.maxEventsPerRequest ?? MAX_EVENTS_PER_REQUEST;
    for (let i = 0; i < events.length; i += size) {
      const batch = events.slice(i, i + size);
      const started = this.#now();
      try {
        await withRetry(() => api.createEvents(deviceId, batch), {
          ...this.options.retry,
          onRetry: (attempt, delayMs, error) =>
            this.options.logger.debug({ installedAppId, deviceId, attempt, delayMs }, `SmartThings events refused, retrying: ${describeStError(error)}`),
        });
        this.options.onPush?.({ installedAppId, deviceId, events: batch.length, status: 'ok', durationMs: this.#now() - started });
      } catch (error) {
        ok = false;
        const status = httpStatusOf(error);
        this.options.onPush?.({ installedAppId, deviceId, events: batch.length, status: status === null ? 'network' : `http_${status}`, durationMs: this.#now() - started });
        // Not remembered as sent: the next change sends these values again.
        this.options.logger.warn({ installedAppId, deviceId, events: batch.length }, `could not send device events: ${describeStError(error)}`);
      }
    }
    return ok;
  }
}
