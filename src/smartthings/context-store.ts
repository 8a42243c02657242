// The SmartApp SDK's context store over the bridge's data file (store.data.smartthings.contexts).
// Implements what the SDK's runtime really calls — get, put, update, delete and the item methods —
// not just the get/put its .d.ts declares (docs/smartthings.md#the-sdk-at-run-time-not-as-its-types-say). Refresh tokens rotate, so
// every write is awaited on disk (Store.update is atomic) before the SDK uses the new token.
// The bridge keeps its own per-app data (device ids, topology key) under `bridge` in the record;
// the SDK never sees or overwrites it. Secret page settings are masked before they are stored.
import { z } from 'zod';
import type { Store } from '../store/store.js';
import type { SmartAppContextRecord } from '../store/types.js';

export interface BridgeAppData {
  /** externalId → SmartThings deviceId of the devices this installed app created. */
  devices: Record<string, string>;
  /** topologyKey() of the last successful reconcile. */
  topologyKey: string | null;
  /** Device profiles found, created, or given on the options page (CLI-made). */
  profileIds: { home?: string; room?: string };
  /** sha256 of a Netatmo refresh token typed on the page that the bridge already exchanged. */
  consumedRefreshTokenHash: string | null;
  /** externalId → when its home/room was first missing from the state (ISO); deleted after a grace period. */
  missingSince: Record<string, string>;
  /** Why the devices could not be created or updated (shown on the options page), or null. */
  syncProblem: string | null;
}

const bridgeDataSchema = z.object({
  devices: z.record(z.string(), z.string()).catch({}),
  topologyKey: z.string().nullable().catch(null),
  profileIds: z.object({ home: z.string().optional(), room: z.string().optional() }).catch({}),
  consumedRefreshTokenHash: z.string().nullable().catch(null),
  missingSince: z.record(z.string(), z.string()).catch({}),
  syncProblem: z.string().nullable().catch(null),
});

const EMPTY: BridgeAppData = { devices: {}, topologyKey: null, profileIds: {}, consumedRefreshTokenHash: null, missingSince: {}, syncProblem: null };

export function bridgeDataOf(record: SmartAppContextRecord | undefined): BridgeAppData {
  const parsed = bridgeDataSchema.safeParse(record?.bridge);
  return parsed.success ? parsed.data : structuredClone(EMPTY);
}

type PartialRecord = Partial<SmartAppContextRecord> & { installedAppId?: string };

export class SmartAppContextStore {
  constructor(
    private readonly store: Store,
    /** Page setting ids whose values are secrets (masked in the stored config). */
    private readonly secretSettingIds: readonly string[] = [],
  ) {}

  /** Every stored installed app id (the pusher walks them). */
  installedAppIds(): string[] {
    return Object.keys(this.store.data.smartthings.contexts);
  }

  record(installedAppId: string): SmartAppContextRecord | undefined {
    return this.store.data.smartthings.contexts[installedAppId];
  }

  // --- the SDK's contract -------------------------------------------------------------------

  get(installedAppId: string): Promise<SmartAppContextRecord | undefined> {
    const record = this.record(installedAppId);
    return Promise.resolve(record ? structuredClone(record) : undefined);
  }

  // put/update merge inside the store's mutator: a background write of the bridge's own data
  // (a reconcile) that lands while the SDK stores its tokens is never overwritten by a stale copy.
  async put(record: PartialRecord): Promise<SmartAppContextRecord> {
    const id = requireId(record.installedAppId);
    let next: SmartAppContextRecord | undefined;
    await this.store.update((draft) => {
      next = this.normalise(record, draft.smartthings.contexts[id]);
      draft.smartthings.contexts[id] = next;
    });
    return structuredClone(next ?? this.normalise(record, undefined));
  }

  async update(installedAppId: string, partial: PartialRecord): Promise<SmartAppContextRecord> {
    const id = requireId(installedAppId);
    let merged: SmartAppContextRecord | undefined;
    const mergeInto = (existing: SmartAppContextRecord | undefined): SmartAppContextRecord =>
      this.normalise({ ...(existing ?? {}), ...withoutUndefined(partial), installedAppId: id }, existing);
    await this.store.update((draft) => {
      merged = mergeInto(draft.smartthings.contexts[id]);
      draft.smartthings.contexts[id] = merged;
    });
    return structuredClone(merged ?? mergeInto(this.record(id)));
  }

  async delete(installedAppId: string): Promise<void> {
    if (!this.record(installedAppId)) return;
    await this.store.update((draft) => {
      delete draft.smartthings.contexts[installedAppId];
    });
  }

  getItem(installedAppId: string, key: string): Promise<unknown> {
    return Promise.resolve(itemsOf(this.record(installedAppId))[key]);
  }

  async setItem(installedAppId: string, key: string, value: unknown): Promise<unknown> {
    await this.mutate(installedAppId, (record) => {
      record.items = { ...itemsOf(record), [key]: value };
    });
    return value;
  }

  async removeItem(installedAppId: string, key: string): Promise<void> {
    await this.mutate(installedAppId, (record) => {
      const items = { ...itemsOf(record) };
      delete items[key];
      record.items = items;
    });
  }

  async removeAllItems(installedAppId: string): Promise<void> {
    await this.mutate(installedAppId, (record) => {
      record.items = {};
    });
  }

  // --- the bridge's own data ----------------------------------------------------------------

  bridgeData(installedAppId: string): BridgeAppData {
    return bridgeDataOf(this.record(installedAppId));
  }

  /** Creates a bare record when none exists yet (a page shown before INITIALIZE was stored). */
  async updateBridgeData(installedAppId: string, change: (data: BridgeAppData) => BridgeAppData): Promise<void> {
    const id = requireId(installedAppId);
    await this.store.update((draft) => {
      const record = (draft.smartthings.contexts[id] ??= { installedAppId: id, locationId: '', authToken: '', refreshToken: '', config: {} });
      record.bridge = change(bridgeDataOf(record));
    });
  }

  private async mutate(installedAppId: string, change: (record: SmartAppContextRecord) => void): Promise<void> {
    if (!this.record(installedAppId)) return;
    await this.store.update((draft) => {
      const record = draft.smartthings.contexts[installedAppId];
      if (record) change(record);
    });
  }

  private normalise(record: PartialRecord, existing: SmartAppContextRecord | undefined): SmartAppContextRecord {
    const next: SmartAppContextRecord = {
      ...record,
      installedAppId: requireId(record.installedAppId),
      locationId: record.locationId ?? existing?.locationId ?? '',
      authToken: record.authToken ?? '',
      refreshToken: record.refreshToken ?? '',
      config: this.maskSecrets(record.config ?? {}),
    };
    // The SDK's put() replaces a record; what the bridge learnt about its devices must survive.
    if (existing?.bridge !== undefined && record.bridge === undefined) next.bridge = existing.bridge;
    if (existing?.items !== undefined && record.items === undefined) next.items = existing.items;
    if (next.locale === undefined) delete next.locale;
    return next;
  }

  private maskSecrets(config: Record<string, unknown>): Record<string, unknown> {
    const copy = structuredClone(config);
    for (const id of this.secretSettingIds) {
      if (id in copy) copy[id] = [{ valueType: 'STRING', stringConfig: { value: '' } }];
    }
    return copy;
  }
}

function requireId(id: string | undefined): string {
  if (!id) throw new Error('a SmartApp context needs an installedAppId');
  return id;
}

function itemsOf(record: SmartAppContextRecord | undefined): Record<string, unknown> {
  const items = record?.items;
  return typeof items === 'object' && items !== null ? (items as Record<string, unknown>) : {};
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
