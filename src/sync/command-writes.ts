// Sends a planned command to Netatmo, call by call, and publishes what Netatmo accepted at once
// (state.replaceHome, pending in ./optimistic.ts) before asking for a confirmation poll. The
// optimistic patch is published only once Netatmo accepted the write, so a refusal leaves the state
// (and its revision) exactly as it was.
import type { NetatmoApi } from '../netatmo/api.js';
import type { Logger } from '../util/logger.js';
import { toCommandError } from './command-errors.js';
import type { NetatmoWrite, PlannedWrite } from './netatmo-write-plan.js';
import { applyHomePatch, type HomePatch, type PendingOverlay } from './optimistic.js';
import type { Poller } from './poller.js';
import type { StateService } from './state-service.js';

/** The confirmation poll runs this long after a write (Netatmo needs ~2 s to show it: openhab/openhab-addons#3048). */
export const CONFIRM_DELAY_MS = 3000;

export interface CommandWriteDeps {
  api: NetatmoApi;
  state: StateService;
  poller: Pick<Poller, 'pollSoon' | 'noteActivity'>;
  logger: Logger;
  overlay: PendingOverlay;
}

async function send(api: NetatmoApi, write: NetatmoWrite): Promise<void> {
  switch (write.endpoint) {
    case 'setthermmode':
      return api.setThermMode(write.params);
    case 'setroomthermpoint':
      return api.setRoomThermPoint(write.params);
    case 'switchhomeschedule':
      return api.switchHomeSchedule(write.params);
    case 'setstate':
      return api.setState(write.body);
  }
}

/** Publishes what Netatmo accepted: pending overlay + the state clients read, in one revision. */
function publish({ state, overlay }: CommandWriteDeps, homeId: string, patches: HomePatch[]): void {
  if (patches.length === 0) return;
  for (const patch of patches) overlay.add(homeId, patch);
  const current = state.home(homeId);
  if (current) state.replaceHome(patches.reduce(applyHomePatch, current));
}

/** Sends `plan`; rejects with a CommandError, keeping visible what Netatmo accepted before it. */
export async function sendPlannedWrites(deps: CommandWriteDeps, homeId: string, what: string, plan: PlannedWrite[]): Promise<void> {
  const { poller, logger } = deps;
  const accepted: HomePatch[] = [];
  try {
    for (const step of plan) {
      await send(deps.api, step.write);
      accepted.push(step.patch);
    }
  } catch (error) {
    const failure = toCommandError(error);
    // Calls Netatmo already accepted stay visible; an unanswered call may have landed: look soon.
    publish(deps, homeId, accepted);
    if (accepted.length > 0 || failure.code === 'netatmo_unavailable') poller.pollSoon(CONFIRM_DELAY_MS);
    logger.warn({ homeId, command: what, code: failure.code, netatmo: failure.details }, `command failed: ${failure.message}`);
    throw failure;
  }
  publish(deps, homeId, accepted);
  poller.pollSoon(CONFIRM_DELAY_MS);
  // Someone is using the heating: more changes may follow within minutes (adaptive polling).
  poller.noteActivity(homeId);
  logger.info({ homeId, command: what, calls: plan.map((p) => p.write.endpoint) }, 'command accepted by Netatmo');
}
