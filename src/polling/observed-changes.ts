// What one poll tells the adaptive policy, from the homes before and after it: did someone change
// something (a setpoint, a room or home mode, the schedule — in the Netatmo app or on a thermostat),
// and which rooms reported a new temperature. Changes Netatmo makes by itself are not activity: a
// schedule-mode setpoint following the timetable, an override or away period ending on time.
// Pure.
import type { Home, Room } from '../model/types.js';

/** An end time this close (or past) counts as "ended on time" (clocks differ by a little). */
const END_TOLERANCE_MS = 90_000;

export interface MeasurementUpdate {
  /** homeId:roomId */
  roomKey: string;
  measuredC: number;
}

export function roomKey(homeId: string, roomId: string): string {
  return `${homeId}:${roomId}`;
}

function endedOnTime(endsAt: string | null, now: number): boolean {
  if (endsAt === null) return false;
  const at = Date.parse(endsAt);
  return Number.isFinite(at) && at <= now + END_TOLERANCE_MS;
}

/** Setpoint modes that follow the schedule by themselves. */
const FOLLOWS_SCHEDULE = new Set(['schedule']);

function roomChangedByPerson(before: Room, after: Room, now: number): boolean {
  if (before.setpointMode !== after.setpointMode) {
    // Back to the schedule once the override's (or the away period's) time is up: Netatmo did that.
    return !(FOLLOWS_SCHEDULE.has(after.setpointMode) && endedOnTime(before.setpointEndsAt, now));
  }
  if (FOLLOWS_SCHEDULE.has(after.setpointMode)) return false;
  return before.setpointC !== after.setpointC || before.setpointEndsAt !== after.setpointEndsAt;
}

/**
 * True when a person changed something in this home between the two readings. The home's own
 * mode is read from homesdata, which is not read on every poll; its rooms (homestatus) show an
 * away or frost-guard period at once (their setpoint mode), so they are what is judged.
 */
export function homeChangedByPerson(before: Home, after: Home, now: number): boolean {
  const selectedBefore = before.schedules.find((s) => s.selected)?.id;
  const selectedAfter = after.schedules.find((s) => s.selected)?.id;
  if (selectedBefore !== selectedAfter) return true;
  const roomsBefore = new Map(before.rooms.map((r) => [r.id, r]));
  return after.rooms.some((room) => {
    const previous = roomsBefore.get(room.id);
    return previous !== undefined && roomChangedByPerson(previous, room, now);
  });
}

/** Rooms whose measured temperature is known now (changed or not): the learner needs every reading. */
export function measurementsOf(home: Home): MeasurementUpdate[] {
  return home.rooms
    .filter((room) => room.reachable && room.measuredC !== null)
    .map((room) => ({ roomKey: roomKey(home.id, room.id), measuredC: room.measuredC ?? 0 }));
}
