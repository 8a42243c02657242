// Measurement reports, module by module: real thermostats and valves send their temperature every
// few minutes, each at its own period and phase, and a room's temperature in homestatus only
// changes then. In this mode (SimulatorOptions.measurements = 'module-reports') each heating
// module gets a period of 5 to 20 minutes and a phase, fixed by the seed and its id, and a room
// shows the temperature of its latest report (any of its modules). The default mode ('continuous')
// shows the temperature at the very moment asked, as before. Pure.
import { isThermostatModule, round1, STEP_MS } from './physics.js';
import { hashUnit } from './random.js';
import type { SimHome, SimModule, SimRoom } from './world-types.js';

export type MeasurementMode = 'continuous' | 'module-reports';

const MIN_PERIOD_MS = 5 * 60_000;
const MAX_PERIOD_MS = 20 * 60_000;

export interface ModuleReportSchedule {
  moduleId: string;
  roomId: string;
  periodMs: number;
  /** Reports fall at phaseMs + k · periodMs (ms epoch). */
  phaseMs: number;
}

function reports(module: SimModule): boolean {
  return module.type === 'NRV' || isThermostatModule(module);
}

export function reportScheduleOf(seed: number, module: SimModule): ModuleReportSchedule | null {
  if (!reports(module) || module.roomId === undefined) return null;
  // Whole seconds, as a device's timer would be.
  const periodMs = Math.round((MIN_PERIOD_MS + hashUnit(seed, module.id, 'period') * (MAX_PERIOD_MS - MIN_PERIOD_MS)) / 1000) * 1000;
  const phaseMs = Math.round((hashUnit(seed, module.id, 'phase') * periodMs) / 1000) * 1000;
  return { moduleId: module.id, roomId: module.roomId, periodMs, phaseMs };
}

export function roomReportSchedules(seed: number, home: SimHome, room: SimRoom): ModuleReportSchedule[] {
  return home.modules
    .filter((m) => room.moduleIds.includes(m.id))
    .map((m) => reportScheduleOf(seed, m))
    .filter((s): s is ModuleReportSchedule => s !== null);
}

/** The latest report of one schedule at or before `nowMs`. */
export function lastReportOf(schedule: ModuleReportSchedule, nowMs: number): number {
  return schedule.phaseMs + Math.floor((nowMs - schedule.phaseMs) / schedule.periodMs) * schedule.periodMs;
}

/** The room's latest report at or before `nowMs`, or null when no module of the room reports. */
export function lastRoomReport(seed: number, home: SimHome, room: SimRoom, nowMs: number): number | null {
  const schedules = roomReportSchedules(seed, home, room);
  if (schedules.length === 0) return null;
  return Math.max(...schedules.map((s) => lastReportOf(s, nowMs)));
}

/**
 * The physics grid point at or before `at`: the current one, or one kept in the room's history —
 * rounded as the history keeps it, so a report reads the same before and after the next step.
 */
export function gridPointBefore(room: SimRoom, at: number): { t: number; temp: number } {
  if (at >= room.gridMs) return { t: room.gridMs, temp: round1(room.gridTemp) };
  if (room.gridStart && Math.floor(at / STEP_MS) * STEP_MS === room.gridStart.t) return room.gridStart;
  const t = Math.floor(at / STEP_MS) * STEP_MS;
  let lo = 0;
  let hi = room.history.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const sample = room.history[mid];
    if (!sample) break;
    if (sample.t === t) return sample;
    if (sample.t < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return { t: room.gridMs, temp: room.gridTemp };
}
