// Netatmo mode words ↔ the project's mode names. Netatmo's words (hg, max, home) stay here so the
// rest of the code speaks one language (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads).
import type { HomeMode, SetpointMode } from './types.js';

/** Home mode from homesdata `therm_mode`. Unknown or missing → schedule (Netatmo's normal state). */
export function toHomeMode(thermMode?: string): HomeMode {
  switch (thermMode) {
    case 'away':
      return 'away';
    case 'hg':
    case 'frost_guard':
    case 'frostguard':
      return 'frostguard';
    default:
      return 'schedule';
  }
}

/**
 * Room setpoint mode from homestatus `therm_setpoint_mode`. `home` and `schedule` both mean
 * "no override, follow the home" (HA maps both to schedule); `max` is Netatmo's boost.
 */
export function toSetpointMode(netatmoMode?: string): SetpointMode {
  switch (netatmoMode) {
    case 'manual':
      return 'manual';
    case 'max':
      return 'boost';
    case 'off':
      return 'off';
    case 'away':
      return 'away';
    case 'hg':
    case 'frost_guard':
    case 'frostguard':
      return 'frostguard';
    default:
      return 'schedule';
  }
}

/** Netatmo word for a home mode, as setthermmode expects it (frostguard → hg). */
export function toNetatmoThermMode(mode: HomeMode): 'schedule' | 'away' | 'hg' {
  switch (mode) {
    case 'schedule':
      return 'schedule';
    case 'away':
      return 'away';
    case 'frostguard':
      return 'hg';
  }
}
