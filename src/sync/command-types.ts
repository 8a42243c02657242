// Contract of the command service (implemented in src/sync/commands.ts): every write to Netatmo
// goes through it, whether it comes from the LAN API (hub driver, status page) or the SmartApp.
// It applies Netatmo's rules (valves never get `max`, OTM/BNS homes use setstate …), patches the
// state optimistically and rolls back when Netatmo refuses.
import type { Home, HomeMode, RoomCommandMode } from '../model/types.js';

export interface CommandResult {
  /** The home after the command (optimistic values marked pending until confirmed). */
  home: Home;
  revision: number;
}

export interface HomeModeCommand {
  mode: HomeMode;
  /** ISO end time (away / frostguard only). */
  endsAt?: string;
  durationMinutes?: number;
}

export interface RoomSetpointCommand {
  /** °C; values above 45 are taken as °F and converted. Rounded to 0.5, 7–30 °C. */
  temperatureC: number;
  durationMinutes?: number;
  endsAt?: string;
}

export interface RoomModeCommand {
  mode: RoomCommandMode;
  durationMinutes?: number;
}

/** Why a command was refused, in the LAN API's words (src/lan maps them to HTTP statuses). */
export type CommandErrorCode =
  | 'invalid_request'
  | 'not_found'
  | 'not_supported'
  | 'rate_limited'
  | 'netatmo_error'
  | 'netatmo_unavailable'
  | 'auth_required'
  | 'not_configured'
  | 'moved';

export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    message: string,
    /** Netatmo's own code and message when Netatmo refused; the field at fault for invalid_request. */
    readonly details?: { netatmoCode: number | null; netatmoMessage: string | null } | { field: string },
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface CommandService {
  setHomeMode(homeId: string, command: HomeModeCommand): Promise<CommandResult>;
  switchSchedule(homeId: string, scheduleId: string): Promise<CommandResult>;
  /** Home mode schedule and every overridden room back to following the home. */
  backToSchedule(homeId: string): Promise<CommandResult>;
  setRoomSetpoint(homeId: string, roomId: string, command: RoomSetpointCommand): Promise<CommandResult>;
  setRoomMode(homeId: string, roomId: string, command: RoomModeCommand): Promise<CommandResult>;
  /** One poll now (coalesced with a running one; respects the budget). */
  refresh(): Promise<{ revision: number }>;
}
