// Device profiles of the cloud devices: ids typed on the options page (profiles made beforehand
// with the CLI) win; else the profiles are found by name; else created the documented way —
// first the device configuration (presentation API), then the profile linked to it through
// metadata.vid/mnmn. When SmartThings refuses, the error says exactly what to do.
import type { Logger } from '../util/logger.js';
import { withRetry, type RetryOptions } from './retry.js';
import { deviceConfigRequest, deviceProfileRequest, HOME_DEFINITION, ROOM_DEFINITION, type DeviceDefinition } from './profile-definitions.js';
import { describeStError, httpStatusOf, type StDeviceApi, type StProfile } from './st-api.js';

export interface ProfileIds {
  home: string;
  room: string;
}

/** Device creation cannot go on: the message is shown on the options page and logged. */
export class ProfileSetupError extends Error {
  override readonly name = 'ProfileSetupError';
}

function fileOf(definition: DeviceDefinition): string {
  return `src/smartthings/profiles/${definition.name.replace(/\.v\d+$/, '')}.json`;
}

function refusalAdvice(what: string, error: unknown): string {
  const status = httpStatusOf(error);
  const scopes = status === 401 || status === 403 ? ' The installed app may lack the r:deviceprofiles / w:deviceprofiles scopes (docs/smartapp.md, "Device profiles").' : '';
  return (
    `SmartThings refused to ${what} (${describeStError(error)}).${scopes} Either give the app those scopes and save the SmartApp's settings again, ` +
    `or create both profiles once with "smartthings deviceprofiles:view:create -i ${fileOf(HOME_DEFINITION)}" (and ${fileOf(ROOM_DEFINITION)}) and enter their ids on the Options page.`
  );
}

export async function ensureProfiles(api: StDeviceApi, known: Partial<ProfileIds>, logger: Logger, retry?: RetryOptions): Promise<ProfileIds> {
  if (known.home && known.room) return { home: known.home, room: known.room };
  let existing: StProfile[] = [];
  let listError: unknown = null;
  try {
    existing = await withRetry(() => api.listProfiles(), retry);
  } catch (error) {
    // Without the list the profiles may still be created (and then remembered).
    listError = error;
    logger.warn(`could not list SmartThings device profiles (${describeStError(error)}); creating them instead`);
  }
  const resolve = async (definition: DeviceDefinition, given: string | undefined): Promise<string> => {
    if (given) return given;
    const found = existing.find((p) => p.name === definition.name);
    if (found) return found.id;
    try {
      return await createProfile(api, definition, logger, retry);
    } catch (error) {
      throw new ProfileSetupError(refusalAdvice(listError ? 'list or create device profiles' : `create the device profile ${definition.name}`, error), { cause: error });
    }
  };
  return { home: await resolve(HOME_DEFINITION, known.home), room: await resolve(ROOM_DEFINITION, known.room) };
}

async function createProfile(api: StDeviceApi, definition: DeviceDefinition, logger: Logger, retry?: RetryOptions): Promise<string> {
  const presentation = await withRetry(() => api.createDeviceConfig(deviceConfigRequest(definition)), retry);
  const created = await withRetry(() => api.createProfile(deviceProfileRequest(definition, presentation)), retry);
  logger.info({ profile: definition.name, profileId: created.id, vid: presentation.presentationId }, 'SmartThings device profile created');
  return created.id;
}
