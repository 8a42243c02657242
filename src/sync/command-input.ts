// A command's own values checked before anything is sent: the room it names, how long an override
// lasts (endsAt or durationMinutes). Pure: the error says which request field is at fault.
import type { Home, Room } from '../model/types.js';
import { CommandError } from './command-types.js';
import type { EndChoice } from './netatmo-write-plan.js';

/** Longest override or away period accepted: one year. */
export const MAX_DURATION_MINUTES = 525_600;
/** Netatmo end times are 32-bit Unix seconds. */
const MAX_END_MS = 2_147_483_647_000;

/** A refused value; `field` names the request field at fault (the LAN API's details.field). */
export function invalid(message: string, field?: string): CommandError {
  return new CommandError('invalid_request', message, field === undefined ? undefined : { field });
}

/** The room a command names, when the bridge can control its heating. */
export function controllableRoom(home: Home, roomId: string): Room {
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
export function endOf(command: { endsAt?: string; durationMinutes?: number }, nowMs: number): number | null {
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

/** The end as the write planner takes it: the user's default when none was given. */
export function endChoice(endMs: number | null): EndChoice {
  return endMs === null ? { kind: 'default' } : { kind: 'at', atMs: endMs };
}
