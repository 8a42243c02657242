// Deep equality of normalised homes: decides whether the state revision rises. Written out
// field by field because it runs on every poll and JSON.stringify of the whole tree would allocate
// a large string each time; a new field in types.ts must be added here too (the unit test
// compares against a structural deep-equal to catch a forgotten field).
import type { HealthError, Home, Module, Room, Schedule } from './types.js';

function arraysEqual<T>(a: readonly T[], b: readonly T[], itemEqual: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!itemEqual(a[i] as T, b[i] as T)) return false;
  }
  return true;
}

export function modulesEqual(a: Module, b: Module): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.type === b.type &&
      a.reachable === b.reachable &&
      a.batteryState === b.batteryState &&
      a.batteryPercent === b.batteryPercent &&
      a.rfStrength === b.rfStrength)
  );
}

export function roomsEqual(a: Room, b: Room): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.name === b.name &&
      a.kind === b.kind &&
      a.reachable === b.reachable &&
      a.measuredC === b.measuredC &&
      a.setpointC === b.setpointC &&
      a.setpointMode === b.setpointMode &&
      a.setpointEndsAt === b.setpointEndsAt &&
      a.heating === b.heating &&
      a.heatingPowerRequest === b.heatingPowerRequest &&
      a.openWindow === b.openWindow &&
      a.batteryPercent === b.batteryPercent &&
      a.signal === b.signal &&
      arraysEqual(a.modules, b.modules, modulesEqual))
  );
}

function schedulesEqual(a: Schedule, b: Schedule): boolean {
  return a.id === b.id && a.name === b.name && a.selected === b.selected;
}

function errorsEqual(a: HealthError | null, b: HealthError | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return a.kind === b.kind && a.code === b.code && a.message === b.message && a.at === b.at;
}

export function homeEqual(a: Home, b: Home): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.name === b.name &&
      a.reachable === b.reachable &&
      a.mode === b.mode &&
      a.modeEndsAt === b.modeEndsAt &&
      a.defaultOverrideMinutes === b.defaultOverrideMinutes &&
      a.awayTempC === b.awayTempC &&
      a.frostguardTempC === b.frostguardTempC &&
      a.requiresSetState === b.requiresSetState &&
      a.timezone === b.timezone &&
      errorsEqual(a.error, b.error) &&
      arraysEqual(a.schedules, b.schedules, schedulesEqual) &&
      arraysEqual(a.rooms, b.rooms, roomsEqual))
  );
}

/** true when both lists hold the same homes in the same order with the same values. */
export function homesEqual(a: readonly Home[], b: readonly Home[]): boolean {
  return arraysEqual(a, b, homeEqual);
}
