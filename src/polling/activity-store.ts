// The adaptive policy's learnt hours of activity, to and from the data file. Each saved profile
// is checked on reading; a damaged one is dropped (relearnt over days) instead of failing the
// file. Saves happen a few times a day (one per observed change or command).
import { z } from 'zod';
import { HOURS_PER_DAY, type ActivityProfile } from './activity-profile.js';
import type { Store } from '../store/index.js';
import type { Logger } from '../util/logger.js';

const storedProfile = z.object({
  hours: z.array(z.number().finite().nonnegative()).length(HOURS_PER_DAY),
  updatedAt: z.iso.datetime({ offset: true }),
});

/** Profiles kept for at most this many homes (an account's homes come and go). */
const MAX_HOMES = 50;

export function loadActivityProfiles(activity: Readonly<Record<string, unknown>> | undefined, logger: Logger): Record<string, ActivityProfile> {
  const out: Record<string, ActivityProfile> = {};
  for (const [homeId, raw] of Object.entries(activity ?? {})) {
    const parsed = storedProfile.safeParse(raw);
    if (parsed.success) out[homeId] = { hours: parsed.data.hours, updatedAt: Date.parse(parsed.data.updatedAt) };
    else logger.warn({ homeId }, 'the saved hours of activity of a home are damaged; they are learnt again');
  }
  return out;
}

export function activitySaver(store: Store, logger: Logger): (homeId: string, profile: ActivityProfile) => void {
  return (homeId, profile) => {
    const stored = { hours: [...profile.hours], updatedAt: new Date(profile.updatedAt).toISOString() };
    // At once (the store serialises writes): a stop's flush then waits for it.
    store
      .update((draft) => {
        const activity = { ...(draft.polling?.activity ?? {}), [homeId]: stored };
        const homes = Object.keys(activity);
        for (const old of homes.slice(0, Math.max(0, homes.length - MAX_HOMES))) delete activity[old];
        draft.polling = { ...draft.polling, activity };
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not save the hours of activity; they are saved with the next change'));
  };
}
