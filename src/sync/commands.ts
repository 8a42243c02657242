// The command service (contract: ./command-types.ts): every write to Netatmo, from the LAN API or
// the SmartApp, goes through here. Steps: validate against the current state (./command-input.ts)
// → plan the Netatmo calls (./netatmo-write-plan.ts) → send them one by one and publish what
// Netatmo accepted (./command-writes.ts) → a confirmation poll ~3 s later. Commands on one home run
// one at a time (./home-queue.ts).
import type { Home, RoomCommandMode } from '../model/types.js';
import type { NetatmoApi } from '../netatmo/api.js';
import type { Logger } from '../util/logger.js';
import { codeForKind } from './command-errors.js';
import { controllableRoom, endChoice, endOf, invalid } from './command-input.js';
import { CommandError, type CommandResult, type CommandService, type HomeModeCommand, type RoomModeCommand, type RoomSetpointCommand } from './command-types.js';
import { sendPlannedWrites, type CommandWriteDeps } from './command-writes.js';
import { HomeQueue } from './home-queue.js';
import { planBackToSchedule, planHomeMode, planRoomMode, planRoomSetpoint, planSwitchSchedule, type PlannedWrite } from './netatmo-write-plan.js';
import { PendingOverlay } from './optimistic.js';
import type { Poller } from './poller.js';
import type { StateService } from './state-service.js';
import { normaliseSetpoint } from './temperature.js';

export { CONFIRM_DELAY_MS } from './command-writes.js';
export { MAX_DURATION_MINUTES } from './command-input.js';

/** Refresh requests closer together than this share the last poll (a hub tapping refresh). */
export const REFRESH_MIN_GAP_MS = 5000;

export interface CommandServiceDeps {
  api: NetatmoApi;
  state: StateService;
  poller: Pick<Poller, 'pollNow' | 'pollSoon' | 'markTopologyDirty' | 'nextPollAt' | 'noteActivity'>;
  logger: Logger;
  now?: () => number;
}

/** The service plus what tests and the status page may want to see. */
export interface BridgeCommandService extends CommandService {
  /** Optimistic patches still waiting for a poll to confirm them. */
  pendingCount(homeId?: string): number;
}

export function createCommandService(deps: CommandServiceDeps): BridgeCommandService {
  return new NetatmoCommandService(deps);
}

class NetatmoCommandService implements BridgeCommandService {
  readonly #now: () => number;
  readonly #state: StateService;
  readonly #poller: CommandServiceDeps['poller'];
  readonly #overlay: PendingOverlay;
  readonly #writes: CommandWriteDeps;
  readonly #queue = new HomeQueue();
  #lastRefreshAt = Number.NEGATIVE_INFINITY;

  constructor({ api, state, poller, logger, now = Date.now }: CommandServiceDeps) {
    this.#now = now;
    this.#state = state;
    this.#poller = poller;
    this.#overlay = new PendingOverlay(now);
    this.#writes = { api, state, poller, logger, overlay: this.#overlay };
    // Every poll result passes the pending patches, so a late answer cannot undo a write.
    state.setOverlay((homes) => this.#overlay.apply(homes));
  }

  setHomeMode(homeId: string, command: HomeModeCommand): Promise<CommandResult> {
    return this.#queue.run(homeId, () => {
      const home = this.#homeOf(homeId);
      const endMs = endOf(command, this.#now());
      if (command.mode === 'schedule' && endMs !== null) throw invalid('The schedule mode has no end: leave out endsAt and durationMinutes.', command.endsAt !== undefined ? 'endsAt' : 'durationMinutes');
      return this.#execute(homeId, `home mode ${command.mode}`, planHomeMode(home, command.mode, endMs));
    });
  }

  switchSchedule(homeId: string, scheduleId: string): Promise<CommandResult> {
    return this.#queue.run(homeId, async () => {
      const home = this.#homeOf(homeId);
      if (!home.schedules.some((s) => s.id === scheduleId)) throw new CommandError('not_found', `No heating schedule ${scheduleId} in home ${homeId}.`);
      const result = await this.#execute(homeId, 'switch schedule', planSwitchSchedule(home, scheduleId));
      // Away and frost-guard temperatures come with the schedule (homesdata): re-read it.
      this.#poller.markTopologyDirty();
      return result;
    });
  }

  backToSchedule(homeId: string): Promise<CommandResult> {
    return this.#queue.run(homeId, () => this.#execute(homeId, 'back to schedule', planBackToSchedule(this.#homeOf(homeId), this.#now())));
  }

  setRoomSetpoint(homeId: string, roomId: string, command: RoomSetpointCommand): Promise<CommandResult> {
    return this.#queue.run(homeId, () => {
      const home = this.#homeOf(homeId);
      const room = controllableRoom(home, roomId);
      const temperature = normaliseSetpoint(command.temperatureC);
      if (!temperature.ok) throw invalid(temperature.message, 'temperatureC');
      const nowMs = this.#now();
      const end = endChoice(endOf(command, nowMs));
      return this.#execute(homeId, `room ${roomId} setpoint ${temperature.celsius}`, planRoomSetpoint(home, room, temperature.celsius, end, nowMs));
    });
  }

  setRoomMode(homeId: string, roomId: string, command: RoomModeCommand): Promise<CommandResult> {
    return this.#queue.run(homeId, () => {
      const home = this.#homeOf(homeId);
      const room = controllableRoom(home, roomId);
      const nowMs = this.#now();
      const endMs = endOf({ durationMinutes: command.durationMinutes }, nowMs);
      const mode: RoomCommandMode = command.mode;
      if (mode === 'schedule' && endMs !== null) throw invalid('A room going back to the schedule has no duration: leave out durationMinutes.', 'durationMinutes');
      return this.#execute(homeId, `room ${roomId} mode ${mode}`, planRoomMode(home, room, mode, endChoice(endMs), nowMs));
    });
  }

  async refresh(): Promise<{ revision: number }> {
    if (this.#now() - this.#lastRefreshAt < REFRESH_MIN_GAP_MS) return { revision: this.#state.revision };
    const result = await this.#poller.pollNow();
    this.#lastRefreshAt = this.#now();
    if (result.deferred) {
      const waitS = Math.max(1, Math.ceil((this.#poller.nextPollAt - this.#now()) / 1000));
      throw new CommandError('rate_limited', 'The bridge is holding back requests to Netatmo to stay within its budget; the state will refresh on the next poll.', undefined, waitS);
    }
    if (!result.ok && result.error) throw new CommandError(codeForKind(result.error.kind), result.error.message);
    return { revision: this.#state.revision };
  }

  pendingCount(homeId?: string): number {
    return this.#overlay.count(homeId);
  }

  #homeOf(homeId: string): Home {
    const home = this.#state.home(homeId);
    if (!home) throw new CommandError('not_found', `No home ${homeId} is known to the bridge.`);
    return home;
  }

  async #execute(homeId: string, what: string, plan: PlannedWrite[]): Promise<CommandResult> {
    await sendPlannedWrites(this.#writes, homeId, what, plan);
    return { home: this.#homeOf(homeId), revision: this.#state.revision };
  }
}
