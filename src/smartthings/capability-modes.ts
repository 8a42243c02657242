// Our mode names ↔ SmartThings thermostatMode enum values, the same table as the Edge driver
// (driver/src/modes.lua), so a room looks and behaves the same on the LAN and the cloud path.
import type { HomeMode, RoomCommandMode, SetpointMode } from '../model/types.js';

export const HOME_SUPPORTED_MODES = ['schedule', 'away', 'frostguard'] as const;
/** What a user can pick on a room; away / frostguard are only shown (the home forces them). */
export const ROOM_SUPPORTED_MODES = ['schedule', 'manual', 'heat', 'off'] as const;

const HOME_TO_ST: Record<HomeMode, string> = { schedule: 'schedule', away: 'away', frostguard: 'frostguard' };

const ROOM_TO_ST: Record<SetpointMode, string> = {
  schedule: 'schedule',
  manual: 'manual',
  boost: 'heat',
  off: 'off',
  away: 'away',
  frostguard: 'frostguard',
};

const ST_TO_HOME: Readonly<Record<string, HomeMode>> = {
  schedule: 'schedule',
  auto: 'schedule',
  away: 'away',
  eco: 'away',
  frostguard: 'frostguard',
  off: 'frostguard',
};

const ST_TO_ROOM: Readonly<Record<string, RoomCommandMode>> = {
  schedule: 'schedule',
  auto: 'schedule',
  manual: 'manual',
  heat: 'boost',
  off: 'off',
};

export function homeModeToSt(mode: HomeMode): string {
  return HOME_TO_ST[mode];
}

export function roomModeToSt(mode: SetpointMode): string {
  return ROOM_TO_ST[mode];
}

/** Home mode for a thermostatMode asked from the app, or null when it is not a home mode. */
export function stToHomeMode(value: unknown): HomeMode | null {
  return typeof value === 'string' && Object.hasOwn(ST_TO_HOME, value) ? (ST_TO_HOME[value] ?? null) : null;
}

/** Room mode for a thermostatMode asked from the app, or null (away / frostguard belong to the home). */
export function stToRoomMode(value: unknown): RoomCommandMode | null {
  return typeof value === 'string' && Object.hasOwn(ST_TO_ROOM, value) ? (ST_TO_ROOM[value] ?? null) : null;
}
