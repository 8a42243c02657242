// Keeps the cloud devices of every installed app in step with the state: after each state change
// it reconciles the devices when the topology changed, then pushes only the attributes whose
// value changed, batched per device (≤ 50 events per request), with retry and back-off.
// A sync that leaves SmartThings behind (a refused push, an incomplete reconcile, an unreachable
// SmartThings) is tried again on a timer with growing delays until one completes — not only at
// the next, unrelated change. Devices whose home or room is missing are shown offline and get a
// wake-up when their grace period ends.
// All SmartThings calls of one installed app run one after the other (one token refresh at a
// time, and the per-device rate limit of about 12 calls a minute is respected by batching).
import type { Home } from '../model/types.js';
import type { Logger } from '../util/logger.js';
import type { SmartAppContextStore } from './context-store.js';
import { desiredDevices, MISSING_GRACE_MS, topologyKey } from './device-plan.js';
import { changedEvents, deviceEvents, offlineEvents, type CapabilityEvent, type LinkHealth } from './event-mapping.js';
import { reconcileDevices } from './reconciler.js';
import { withRetry, type RetryOptions } from './retry.js';
import { describeStError, httpStatusOf, type StDeviceApi } from './st-api.js';
import { AppTimers, DEFAULT_BACKOFF, type RetryBackoff } from './sync-timers.js';

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
  contexts: SmartAppContextStore;
  /** The SmartThings API of an installed app (its stored, refreshable tokens); null without tokens. */
  apiFor(installedAppId: string): Promise<StDeviceApi | null>;
  snapshot(): { homes: readonly Home[]; health: LinkHealth; cloudPath: boolean; selectedHomeIds?: readonly string[] };
  logger: Logger;
  /** Retries of one request (429 / 5xx) inside a sync. */
  retry?: RetryOptions;
  /** Retries of a whole sync that left SmartThings behind. */
  backoff?: RetryBackoff;
  /** How long a device of a missing home/room is kept offline (default 7 days). */
  missingGraceMs?: number;
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
  readonly #timers: AppTimers;
  readonly #now: () => number;
  /** Aborted by stop(): retries end and their back-off sleeps are cut short. */
  readonly #stopping = new AbortController();
  readonly #retry: RetryOptions;
  #stopped = false;

  constructor(private readonly options: CloudSyncOptions) {
    this.#now = options.now ?? Date.now;
    this.#timers = new AppTimers(options.backoff ?? DEFAULT_BACKOFF);
    this.#retry = { ...options.retry, signal: this.#stopping.signal };
  }

  /** After a start: sync every app once (what changed while the bridge was down) and re-arm grace wake-ups. */
  resume(): void {
    for (const id of this.options.contexts.installedAppIds()) {
      this.#armWakeUp(id);
      this.#schedule(id);
    }
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

  /** Forget what was sent and any pending retry (uninstall, or new devices that must get every attribute). */
  forget(installedAppId: string): void {
    this.#sent.delete(installedAppId);
    this.#timers.forget(installedAppId);
  }

  /** Resolves when every queued sync has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all([...this.#queues.values()]);
  }

  stop(): void {
    this.#stopped = true;
    this.#timers.clear();
    this.#stopping.abort(new Error('the bridge is stopping'));
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

  #enqueue(installedAppId: string, task: () => Promise<boolean>): Promise<void> {
    const previous = this.#queues.get(installedAppId) ?? Promise.resolve();
    const run = previous.then(task).then(
      (complete) => this.#settled(installedAppId, complete),
      (error: unknown) => {
        if (!this.#stopped) this.options.logger.warn({ installedAppId }, `SmartThings sync failed: ${describeStError(error)}`);
        this.#settled(installedAppId, false);
      },
    );
    this.#queues.set(installedAppId, run);
    void run.finally(() => {
      if (this.#queues.get(installedAppId) === run) this.#queues.delete(installedAppId);
    });
    return run;
  }

  /** A finished sync: reset the back-off, or try again later while SmartThings lags behind. */
  #settled(installedAppId: string, complete: boolean): void {
    if (complete || this.#stopped || !this.options.contexts.record(installedAppId)) {
      this.#timers.succeeded(installedAppId);
      return;
    }
    const delayMs = this.#timers.retryLater(installedAppId, () => this.#schedule(installedAppId));
    if (delayMs >= 0) this.options.logger.info({ installedAppId, retryInMs: delayMs }, 'SmartThings is not up to date; trying again later');
  }

  /** Resolves true when SmartThings got everything it should have. */
  async #syncApp(installedAppId: string, request: SyncRequest): Promise<boolean> {
    if (this.#stopped || !this.options.contexts.record(installedAppId)) return true;
    const { homes, health, cloudPath, selectedHomeIds } = this.options.snapshot();
    const desired = desiredDevices({ homes, cloudPath, selectedHomeIds });
    const data = this.options.contexts.bridgeData(installedAppId);
    const topologyChanged = topologyKey(desired.devices) !== data.topologyKey;
    // No homes yet (first start, Netatmo not connected): never touch the devices for that.
    const mayReconcile = !cloudPath || homes.length > 0;
    const needsReconcile = mayReconcile && (request.reconcile === true || topologyChanged);
    if (!needsReconcile && Object.keys(data.devices).length === 0) return true;

    const api = request.api ?? (await this.options.apiFor(installedAppId));
    // No tokens (the app never finished INSTALL): nothing to retry until it does.
    if (!api) return true;
    let complete = true;
    if (needsReconcile) {
      const now = this.#now();
      const result = await reconcileDevices({ api, contexts: this.options.contexts, installedAppId, homes, cloudPath, selectedHomeIds, now, graceMs: this.#graceMs(), logger: this.options.logger, retry: this.#retry });
      complete = result.complete;
      const sent = this.#sent.get(installedAppId);
      for (const externalId of [...result.created, ...result.deleted]) sent?.delete(externalId);
      this.#armWakeUp(installedAppId);
    }
    const pushed = await this.#push(installedAppId, api, homes, health, request.force);
    return complete && pushed;
  }

  #graceMs(): number {
    return this.options.missingGraceMs ?? MISSING_GRACE_MS;
  }

  /** Reconcile again when the first missing device's grace period ends. */
  #armWakeUp(installedAppId: string): void {
    const since = Object.values(this.options.contexts.bridgeData(installedAppId).missingSince).map(Date.parse).filter(Number.isFinite);
    const at = since.length > 0 ? Math.min(...since) + this.#graceMs() : null;
    this.#timers.wakeUpAt(installedAppId, at, this.#now(), () => void this.sync(installedAppId, { reconcile: true }));
  }

  async #push(installedAppId: string, api: StDeviceApi, homes: readonly Home[], health: LinkHealth, force?: SyncRequest['force']): Promise<boolean> {
    const devices = this.options.contexts.bridgeData(installedAppId).devices;
    let sentForApp = this.#sent.get(installedAppId);
    if (!sentForApp) {
      sentForApp = new Map();
      this.#sent.set(installedAppId, sentForApp);
    }
    let ok = true;
    for (const [externalId, deviceId] of Object.entries(devices)) {
      // A device kept while its home or room is missing from the state: only "offline".
      const events = deviceEvents(externalId, homes, health) ?? offlineEvents();
      const last = sentForApp.get(externalId) ?? new Map<string, string>();
      const { changed, next } = changedEvents(events, last, force?.get(externalId));
      if (changed.length === 0) continue;
      if (await this.#send(installedAppId, api, deviceId, changed)) sentForApp.set(externalId, next);
      else ok = false;
    }
    return ok;
  }

  async #send(installedAppId: string, api: StDeviceApi, deviceId: string, events: CapabilityEvent[]): Promise<boolean> {
    let ok = true;
    const size = this.options.maxEventsPerRequest ?? MAX_EVENTS_PER_REQUEST;
    for (let i = 0; i < events.length; i += size) {
      const batch = events.slice(i, i + size);
      const started = this.#now();
      try {
        await withRetry(() => api.createEvents(deviceId, batch), {
          ...this.#retry,
          onRetry: (attempt, delayMs, error) =>
            this.options.logger.debug({ installedAppId, deviceId, attempt, delayMs }, `SmartThings events refused, retrying: ${describeStError(error)}`),
        });
        this.options.onPush?.({ installedAppId, deviceId, events: batch.length, status: 'ok', durationMs: this.#now() - started });
      } catch (error) {
        ok = false;
        // Stopping: the rest of this sync is not sent, and that is no SmartThings failure.
        if (this.#stopped) break;
        const status = httpStatusOf(error);
        this.options.onPush?.({ installedAppId, deviceId, events: batch.length, status: status === null ? 'network' : `http_${status}`, durationMs: this.#now() - started });
        // Not remembered as sent: the retry (or the next change) sends these values again.
        this.options.logger.warn({ installedAppId, deviceId, events: batch.length }, `could not send device events: ${describeStError(error)}`);
      }
    }
    return ok;
  }
}
