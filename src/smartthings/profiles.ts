// Device profiles of the cloud devices. The JSON files next to this module are the single source:
// the bridge creates them through the API when they are missing, and the same files work with
// the CLI (`smartthings deviceprofiles:create -i src/smartthings/profiles/netatmo-cloud-room.json`)
// when the installed app's token may not create profiles (docs/smartapp.md).
import homeProfile from './profiles/netatmo-cloud-home.json' with { type: 'json' };
import roomProfile from './profiles/netatmo-cloud-room.json' with { type: 'json' };
import type { Logger } from '../util/logger.js';
import { describeStError, type StDeviceApi } from './st-api.js';

export const HOME_PROFILE = homeProfile;
export const ROOM_PROFILE = roomProfile;

export interface ProfileIds {
  home: string;
  room: string;
}

/** Finds the two profiles by name (created once with the CLI or by an earlier run), else creates them. */
export async function ensureProfiles(api: StDeviceApi, logger: Logger): Promise<ProfileIds> {
  const existing = await api.listProfiles();
  const find = async (profile: { name: string }): Promise<string> => {
    const found = existing.find((p) => p.name === profile.name);
    if (found) return found.id;
    try {
      const created = await api.createProfile(profile);
      logger.info({ profile: profile.name, profileId: created.id }, 'SmartThings device profile created');
      return created.id;
    } catch (error) {
      logger.error(
        { profile: profile.name },
        `could not create the SmartThings device profile ${profile.name} (${describeStError(error)}); create it once with ` +
          `"smartthings deviceprofiles:create -i src/smartthings/profiles/${profile.name.replace(/\.v\d+$/, '')}.json" (docs/smartapp.md)`,
      );
      throw error;
    }
  };
  return { home: await find(HOME_PROFILE), room: await find(ROOM_PROFILE) };
}
