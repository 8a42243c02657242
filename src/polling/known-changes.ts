// Changes the bridge knows the time of in advance: the heating schedule switching zone (from the
// home's weekly timetable in its time zone), an away / frost-guard period ending, a room override
// ending. Netatmo applies them by itself, so a poll a few seconds after each one picks them up
// without waiting for the regular interval. Pure: wall-clock times (ms epoch) in and out.
import { nextScheduleTransition } from '../model/schedule-transitions.js';
import type { RawTopologyHome } from '../model/netatmo-raw.js';
import type { Home } from '../model/types.js';

export type KnownChangeKind = 'schedule' | 'home_mode_end' | 'room_override_end';

export interface KnownChange {
  /** Wall clock (ms epoch). */
  at: number;
  kind: KnownChangeKind;
}

/** Room modes a user (or Netatmo's app) set that end by themselves at setpointEndsAt. */
const OVERRIDE_MODES = new Set(['manual', 'boost', 'off']);

function isoMs(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** Every known change of a home strictly after `afterMs`, soonest first (at most one per kind and room). */
export function upcomingChanges(home: Home, topology: RawTopologyHome | undefined, afterMs: number): KnownChange[] {
  const changes: KnownChange[] = [];
  // In away / frost guard the schedule's zones do not show; its end does.
  if (home.mode === 'schedule' && topology) {
    const at = nextScheduleTransition(topology, afterMs);
    if (at !== null) changes.push({ at, kind: 'schedule' });
  } else {
    const at = isoMs(home.modeEndsAt);
    if (at !== null && at > afterMs) changes.push({ at, kind: 'home_mode_end' });
  }
  for (const room of home.rooms) {
    if (!OVERRIDE_MODES.has(room.setpointMode)) continue;
    const at = isoMs(room.setpointEndsAt);
    if (at !== null && at > afterMs) changes.push({ at, kind: 'room_override_end' });
  }
  return changes.sort((a, b) => a.at - b.at);
}

/** The soonest known change of any of these homes after `afterMs`, or null. */
export function nextKnownChange(homes: readonly Home[], topologyOf: (homeId: string) => RawTopologyHome | undefined, afterMs: number): KnownChange | null {
  let best: KnownChange | null = null;
  for (const home of homes) {
    const first = upcomingChanges(home, topologyOf(home.id), afterMs)[0];
    if (first && (best === null || first.at < best.at)) best = first;
  }
  return best;
}
