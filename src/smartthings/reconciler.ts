// Brings the app-owned SmartThings devices of one installed app in line with the homes: lists
// what exists first (so a restart never duplicates), creates what is missing, and remembers
// externalId → deviceId in the context record. A device whose home or room is missing from
// Netatmo's answer (partial homesdata, a home moved in the Netatmo app) is kept and shown offline
// for 7 days — users' automations point at it — and only then deleted; devices of a home the
// user removed on the pages, and every device on the LAN path, go at once.
import type { Home } from '../model/types.js';
import type { Logger } from '../util/logger.js';
import type { BridgeAppData, SmartAppContextStore } from './context-store.js';
import { desiredDevices, MAX_DEVICES_PER_INSTALLED_APP, MISSING_GRACE_MS, reconcilePlan, topologyKey, type DesiredDevice, type MissingPolicy, type ReconcilePlan } from './device-plan.js';
import { ensureProfiles, ProfileSetupError, type ProfileIds } from './profiles.js';
import { withRetry, type RetryOptions } from './retry.js';
import { describeStError, httpStatusOf, type StDeviceApi } from './st-api.js';

export interface ReconcileInput {
  api: StDeviceApi;
  contexts: SmartAppContextStore;
  installedAppId: string;
  homes: readonly Home[];
  cloudPath: boolean;
  selectedHomeIds?: readonly string[];
  logger: Logger;
  now: number;
  graceMs?: number;
  retry?: RetryOptions;
}

export interface ReconcileResult {
  created: string[];
  deleted: string[];
  /** Devices kept offline because their home or room is missing. */
  missing: string[];
  overLimit: DesiredDevice[];
  /** Every planned creation and deletion went through. */
  complete: boolean;
}

export async function reconcileDevices(input: ReconcileInput): Promise<ReconcileResult> {
  const { api, contexts, installedAppId, logger } = input;
  const desired = desiredDevices({ homes: input.homes, cloudPath: input.cloudPath, selectedHomeIds: input.selectedHomeIds });
  if (desired.overLimit.length > 0) {
    logger.warn(
      { installedAppId, skipped: desired.overLimit.map((d) => d.label) },
      `SmartThings allows ${MAX_DEVICES_PER_INSTALLED_APP} devices per installed SmartApp; ${desired.overLimit.length} room(s) were left out. ` +
        'Choose fewer homes on the SmartApp settings page, or use the LAN path (Edge driver), which has no such limit.',
    );
  }
  const existing = await withRetry(() => api.listDevices(), input.retry);
  const data = contexts.bridgeData(installedAppId);
  const plan = reconcilePlan(desired.devices, existing, input.cloudPath ? missingPolicy(input, data, desired.overLimit) : undefined);
  const devices: Record<string, string> = Object.fromEntries(plan.keep);
  for (const [externalId, { deviceId }] of plan.missing) devices[externalId] = deviceId;
  const deleted = await deleteDevices(input, plan);
  const { created, problem } = await createDevices(input, plan, devices);

  const complete = created.length === plan.create.length && deleted.length === plan.remove.length;
  await contexts.updateBridgeData(installedAppId, (current) => ({
    ...current,
    devices,
    missingSince: Object.fromEntries([...plan.missing].map(([externalId, { since }]) => [externalId, new Date(since).toISOString()])),
    // An incomplete run leaves the key stale so the next sync tries again.
    topologyKey: complete ? topologyKey(desired.devices) : null,
    syncProblem: problem,
  }));
  if (created.length > 0 || deleted.length > 0 || plan.missing.size > 0) {
    logger.info({ installedAppId, created: created.length, deleted: deleted.length, offline: plan.missing.size, total: Object.keys(devices).length }, 'SmartThings devices reconciled');
  }
  return { created, deleted, missing: [...plan.missing.keys()], overLimit: desired.overLimit, complete };
}

function missingPolicy(input: ReconcileInput, data: BridgeAppData, overLimit: readonly DesiredDevice[]): MissingPolicy {
  const since = new Map<string, number>();
  for (const [externalId, iso] of Object.entries(data.missingSince)) {
    const ms = Date.parse(iso);
    if (Number.isFinite(ms)) since.set(externalId, ms);
  }
  return {
    now: input.now,
    graceMs: input.graceMs ?? MISSING_GRACE_MS,
    missingSince: since,
    selectedHomeIds: input.selectedHomeIds,
    overLimit: new Set(overLimit.map((d) => d.externalId)),
  };
}

async function deleteDevices(input: ReconcileInput, plan: ReconcilePlan): Promise<string[]> {
  const deleted: string[] = [];
  for (const device of plan.remove) {
    try {
      await withRetry(() => input.api.deleteDevice(device.deviceId), input.retry);
      deleted.push(device.externalId ?? device.deviceId);
    } catch (error) {
      // Already gone is what we wanted.
      if (httpStatusOf(error) === 404) deleted.push(device.externalId ?? device.deviceId);
      else input.logger.warn({ installedAppId: input.installedAppId, deviceId: device.deviceId }, `could not delete a SmartThings device: ${describeStError(error)}`);
    }
  }
  return deleted;
}

/** Creates the planned devices; a profile problem stops creation and is returned for the options page. */
async function createDevices(input: ReconcileInput, plan: ReconcilePlan, devices: Record<string, string>): Promise<{ created: string[]; problem: string | null }> {
  const created: string[] = [];
  if (plan.create.length === 0) return { created, problem: null };
  let profiles: ProfileIds;
  try {
    profiles = await profileIdsFor(input);
  } catch (error) {
    if (!(error instanceof ProfileSetupError)) throw error;
    input.logger.error({ installedAppId: input.installedAppId }, `no SmartThings devices can be created: ${error.message}`);
    return { created, problem: error.message };
  }
  for (const device of plan.create) {
    const profileId = device.kind === 'home' ? profiles.home : profiles.room;
    try {
      devices[device.externalId] = await withRetry(() => input.api.createDevice(device, profileId), input.retry);
      created.push(device.externalId);
    } catch (error) {
      input.logger.warn({ installedAppId: input.installedAppId, externalId: device.externalId }, `could not create the SmartThings device "${device.label}": ${describeStError(error)}`);
    }
  }
  return { created, problem: null };
}

async function profileIdsFor(input: ReconcileInput): Promise<ProfileIds> {
  const known = input.contexts.bridgeData(input.installedAppId).profileIds;
  const ids = await ensureProfiles(input.api, known, input.logger, input.retry);
  if (ids.home !== known.home || ids.room !== known.room) {
    await input.contexts.updateBridgeData(input.installedAppId, (data) => ({ ...data, profileIds: ids }));
  }
  return ids;
}
