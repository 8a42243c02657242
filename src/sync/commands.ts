// The command service (contract: ./command-types.ts): every write to Netatmo, from the LAN API or
// the SmartApp, goes through here. Steps: validate against the current state → plan the Netatmo
// calls (./netatmo-write-plan.ts) → send them one by one → publish what Netatmo accepted at once
// (state.replaceHome, pending in ./optimistic.ts) → ask for a confirmation poll ~3 s later.
// The optimistic patch is published only once Netatmo accepted the write, so a refusal leaves the
// state (and its revision) exactly as it was. Commands on one home run one at a time, so two
// quick taps cannot interleave their Netatmo calls.
import type { Home, Room, RoomCommandMode } from '../model/types.js';
import type { NetatmoApi } from '../netatmo/api.js';
import type { Logger } from '../util/logger.js';
import { codeForKind, toCommandError } from './command-errors.js';
import {
  CommandError,
  type CommandResult,
  type CommandService,
  type HomeModeCommand,
  type RoomModeCommand,
  type RoomSetpointCommand,
} from './command-types.js';
import { planBackToSchedule, planHomeMode, planRoomMode, planRoomSetpoint, planSwitchSchedule, type EndChoice, type NetatmoWrite, type PlannedWrite } from './netatmo-write-plan.js';
import { PendingOverlay, applyHomePatch, type HomePatch } from './optimistic.js';
import type { Poller } from './poller.js';
import type { StateService } from './state-service.js';
import { normaliseSetpoint } from './temperature.js';

/** The confirmation poll runs this long after a write (Netatmo needs ~2 s to show it: openhab/openhab-addons#3048). */
export const CONFIRM_DELAY_MS = 3000;
/** Refresh requests closer together than this share the last poll (a hub tapping refresh). */
export const REFRESH_MIN_GAP_MS = 5000;
/** Longest override or away period accepted: one year. */
export const MAX_DURATION_MINUTES = 525_600;
/** Netatmo end times are 32-bit Unix seconds. */
const MAX_END_MS = 2_147_483_647_000;

export interface CommandServiceDeps {
  api: NetatmoApi;
  state: StateService;
  poller: Pick<Poller, 'pollNow' | 'pollSoon' | 'markTopologyDirty' | 'nextPollAt'>;
  logger: Logger;
  now?: () => number;
}

/** The service plus what tests and the status page may want to see. */
export interface BridgeCommandService extends CommandService {
  /** Optimistic patches still waiting for a poll to confirm them. */
  pendingCount(homeId?: string): number;
}

/** A refused value; `field` names the request field at fault (the LAN API's details.field). */
function invalid(message: string, field?: string): CommandError {
  return new CommandError('invalid_request', message, field === undefined ? undefined : { field });
}

export function createCommandService(deps: CommandServiceDeps): BridgeCommandService {
  const now = deps.now ?? Date.now;
  const { api, state, poller, logger } = deps;
  const overlay = new PendingOverlay(now);
  // Every poll result passes the pending patches, so a late answer cannot undo a write.
  state.setOverlay((homes) => overlay.apply(homes));
  const queues = new Map<string, Promise<unknown>>();
  let lastRefreshAt = Number.NEGATIVE_INFINITY;

  /** Runs `task` after the previous command on the same home finished (success or not). */
  function serial<T>(homeId: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(homeId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(homeId, tail);
    void tail.then(() => {
      if (queues.get(homeId) === tail) queues.delete(homeId);
    });
    return run;
  }

  function homeOf(homeId: string): Home {
    const home = state.home(homeId);
    if (!home) throw new CommandError('not_found', `No home ${homeId} is known to the bridge.`);
    return home;
  }

  function roomOf(home: Home, roomId: string): Room {
    const room = home.rooms.find((r) => r.id === roomId);
    if (!room) throw new CommandError('not_found', `No room ${roomId} in home ${home.id}.`);
    if (room.kind !== 'thermostat' && room.kind !== 'valves' && room.kind !== 'mixed') {
      throw new CommandError('not_supported', `Room ${roomId} has no thermostat or valve the bridge can control.`);
    }
    return room;
  }

  function durationOf(minutes: number | undefined): number | undefined {
    if (minutes === undefined) return undefined;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
      throw invalid(`durationMinutes must be a whole number of minutes from 1 to ${MAX_DURATION_MINUTES}.`, 'durationMinutes');
    }
    return minutes;
  }

  /** endsAt / durationMinutes → when the override ends; null when neither was given. */
  function endOf(command: { endsAt?: string; durationMinutes?: number }, nowMs: number): number | null {
    const minutes = durationOf(command.durationMinutes);
    if (command.endsAt !== undefined && minutes !== undefined) throw invalid('Give either endsAt or durationMinutes, not both.', 'endsAt');
    if (minutes !== undefined) return nowMs + minutes * 60_000;
    if (command.endsAt === undefined) return null;
    const at = Date.parse(command.endsAt);
    if (Number.isNaN(at)) throw invalid('endsAt must be an ISO-8601 time such as 2026-11-26T22:00:00Z.', 'endsAt');
    if (at <= nowMs) throw invalid('endsAt is in the past; give a time in the future.', 'endsAt');
    if (at > MAX_END_MS) throw invalid('endsAt is too far in the future.', 'endsAt');
    return at;
  }

  const choice = (endMs: number | null): EndChoice => (endMs === null ? { kind: 'default' } : { kind: 'at', atMs: endMs });

  async function send(write: NetatmoWrite): Promise<void> {
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
  function publish(homeId: string, patches: HomePatch[]): void {
    if (patches.length === 0) return;
    for (const patch of patches) overlay.add(homeId, patch);
    const current = state.home(homeId);
    if (current) state.replaceHome(patches.reduce(applyHomePatch, current));
  }

  async function execute(homeId: string, what: string, plan: PlannedWrite[]): Promise<CommandResult> {
    const accepted: HomePatch[] = [];
    try {
      for (const step of plan) {
        await send(step.write);
        accepted.push(step.patch);
      }
    } catch (error) {
      const failure = toCommandError(error);
      // Calls Netatmo already accepted stay visible; an unanswered call may have landed: look soon.
      publish(homeId, accepted);
      if (accepted.length > 0 || failure.code === 'netatmo_unavailable') poller.pollSoon(CONFIRM_DELAY_MS);
      logger.warn({ homeId, command: what, code: failure.code, netatmo: failure.details }, `command failed: ${failure.message}`);
      throw failure;
    }
    publish(homeId, accepted);
    poller.pollSoon(CONFIRM_DELAY_MS);
    logger.info({ homeId, command: what, calls: plan.map((p) => p.write.endpoint) }, 'command accepted by Netatmo');
    return { home: homeOf(homeId), revision: state.revision };
  }

  return {
    setHomeMode(homeId: string, command: HomeModeCommand): Promise<CommandResult> {
      return serial(homeId, () => {
        const home = homeOf(homeId);
        const nowMs = now();
        const endMs = endOf(command, nowMs);
        if (command.mode === 'schedule' && endMs !== null) throw invalid('The schedule mode has no end: leave out endsAt and durationMinutes.', command.endsAt !== undefined ? 'endsAt' : 'durationMinutes');
        return execute(homeId, `home mode ${command.mode}`, planHomeMode(home, command.mode, endMs));
      });
    },

    switchSchedule(homeId: string, scheduleId: string): Promise<CommandResult> {
      return serial(homeId, async () => {
        const home = homeOf(homeId);
        if (!home.schedules.some((s) => s.id === scheduleId)) throw new CommandError('not_found', `No heating schedule ${scheduleId} in home ${homeId}.`);
        const result = await execute(homeId, 'switch schedule', planSwitchSchedule(home, scheduleId));
        // Away and frost-guard temperatures come with the schedule (homesdata): re-read it.
        poller.markTopologyDirty();
        return result;
      });
    },

    backToSchedule(homeId: string): Promise<CommandResult> {
      return serial(homeId, () => {
        const home = homeOf(homeId);
        return execute(homeId, 'back to schedule', planBackToSchedule(home, now()));
      });
    },

    setRoomSetpoint(homeId: string, roomId: string, command: RoomSetpointCommand): Promise<CommandResult> {
      return serial(homeId, () => {
        const home = homeOf(homeId);
        const room = roomOf(home, roomId);
        const temperature = normaliseSetpoint(command.temperatureC);
        if (!temperature.ok) throw invalid(temperature.message, 'temperatureC');
        const nowMs = now();
        const end = choice(endOf(command, nowMs));
        return execute(homeId, `room ${roomId} setpoint ${temperature.celsius}`, planRoomSetpoint(home, room, temperature.celsius, end, nowMs));
      });
    },

    setRoomMode(homeId: string, roomId: string, command: RoomModeCommand): Promise<CommandResult> {
      return serial(homeId, () => {
        const home = homeOf(homeId);
        const room = roomOf(home, roomId);
        const nowMs = now();
        const endMs = endOf({ durationMinutes: command.durationMinutes }, nowMs);
        const mode: RoomCommandMode = command.mode;
        if (mode === 'schedule' && endMs !== null) throw invalid('A room going back to the schedule has no duration: leave out durationMinutes.', 'durationMinutes');
        return execute(homeId, `room ${roomId} mode ${mode}`, planRoomMode(home, room, mode, choice(endMs), nowMs));
      });
    },

    async refresh(): Promise<{ revision: number }> {
      if (now() - lastRefreshAt < REFRESH_MIN_GAP_MS) return { revision: state.revision };
      const result = await poller.pollNow();
      lastRefreshAt = now();
      if (result.deferred) {
        const waitS = Math.max(1, Math.ceil((poller.nextPollAt - now()) / 1000));
        throw new CommandError('rate_limited', 'The bridge is holding back requests to Netatmo to stay within its budget; the state will refresh on the next poll.', undefined, waitS);
      }
      if (!result.ok && result.error) throw new CommandError(codeForKind(result.error.kind), result.error.message);
      return { revision: state.revision };
    },

    pendingCount: (homeId?: string) => overlay.count(homeId),
  };
}
