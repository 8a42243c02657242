// Brings the app-owned SmartThings devices of one installed app in line with the homes: lists
// what exists first (so a restart never duplicates), creates what is missing, deletes what is
// gone, and remembers externalId → deviceId in the context record.
import type { Home } from '../model/types.js';
import type { Logger } from '../util/logger.js';
import type { LowdbContextStore } from './context-store.js';
import { desiredDevices, MAX_DEVICES_PER_INSTALLED_APP, reconcilePlan, topologyKey, type DesiredDevice } from './device-plan.js';
import { ensureProfiles, type ProfileIds } from './profiles.js';
import { withRetry, type RetryOptions } from './retry.js';
import { describeStError, httpStatusOf, type StDeviceApi } from './st-api.js';

export interface ReconcileInput {
  api: StDeviceApi;
  contexts: LowdbContextStore;
  installedAppId: string;
  homes: readonly Home[];
  cloudPath: boolean;
  logger: Logger;
  retry?: RetryOptions;
}

export interface ReconcileResult {
  created: string[];
  deleted: string[];
  overLimit: DesiredDevice[];
}

export async function reconcileDevices(input: ReconcileInput): Promise<ReconcileResult> {
  const { api, contexts, installedAppId, logger } = input;
  const desired = desiredDevices({ homes: input.homes, cloudPath: input.cloudPath });
  if (desired.overLimit.length > 0) {
    logger.warn(
      { installedAppId, skipped: desired.overLimit.map((d) => d.label) },
      `SmartThings allows ${MAX_DEVICES_PER_INSTALLED_APP} devices per installed SmartApp; ${desired.overLimit.length} room(s) were left out. ` +
        'Choose fewer homes on the SmartApp settings page, or use the LAN path (Edge driver), which has no such limit.',
    );
  }
  const existing = await withRetry(() => api.listDevices(), input.retry);
  const plan = reconcilePlan(desired.devices, existing);
  const devices = Object.fromEntries(plan.keep);
  const created: string[] = [];
  const deleted: string[] = [];

  for (const device of plan.remove) {
    try {
      await withRetry(() => api.deleteDevice(device.deviceId), input.retry);
      deleted.push(device.externalId ?? device.deviceId);
    } catch (error) {
      // Already gone is what we wanted.
      if (httpStatusOf(error) !== 404) logger.warn({ installedAppId, deviceId: device.deviceId }, `could not delete a SmartThings device: ${describeStError(error)}`);
    }
  }

  if (plan.create.length > 0) {
    const profiles = await profileIdsFor(input);
    for (const device of plan.create) {
      const profileId = device.kind === 'home' ? profiles.home : profiles.room;
      try {
        devices[device.externalId] = await withRetry(() => api.createDevice(device, profileId), input.retry);
        created.push(device.externalId);
      } catch (error) {
        logger.warn({ installedAppId, externalId: device.externalId }, `could not create the SmartThings device "${device.label}": ${describeStError(error)}`);
      }
    }
  }

  const complete = created.length === plan.create.length;
  await contexts.updateBridgeData(installedAppId, (data) => ({
    ...data,
    devices,
    // An incomplete run leaves the key stale so the next state change tries again.
    topologyKey: complete ? topologyKey(desired.devices) : null,
  }));
  if (created.length > 0 || deleted.length > 0) {
    logger.info({ installedAppId, created: created.length, deleted: deleted.length, total: Object.keys(devices).length }, 'SmartThings devices reconciled');
  }
  return { created, deleted, overLimit: desired.overLimit };
}

async function profileIdsFor(input: ReconcileInput): Promise<ProfileIds> {
  const known = input.contexts.bridgeData(input.installedAppId).profileIds;
  if (known) return known;
  const ids = await withRetry(() => ensureProfiles(input.api, input.logger), input.retry);
  await input.contexts.updateBridgeData(input.installedAppId, (data) => ({ ...data, profileIds: ids }));
  return ids;
}
