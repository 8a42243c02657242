// Which rooms are heating rooms and what kind they are. A room counts when it holds a thermostat
// or a radiator valve; weather stations, cameras, AC units, lights… do not make a heating room
// (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads; pyatmo room.py evaluate_device_type).
import type { RoomKind } from './types.js';

/**
 * Thermostats in the order pyatmo lets them own a room's climate (OTM > NATherm1 > BNS):
 * the first present one is the module whose boiler_status says whether the room heats.
 */
export const THERMOSTAT_TYPES: readonly string[] = ['OTM', 'NATherm1', 'BNS'];
export const VALVE_TYPES: readonly string[] = ['NRV'];

/** Modules whose presence needs the Home+Control setstate write endpoint (docs/netatmo.md#room-writes-setroomthermpoint-or-setstate). */
export const SET_STATE_TYPES: readonly string[] = ['OTM', 'BNS'];

export function isThermostatType(type: string): boolean {
  return THERMOSTAT_TYPES.includes(type);
}

export function isValveType(type: string): boolean {
  return VALVE_TYPES.includes(type);
}

export function isHeatingModuleType(type: string): boolean {
  return isThermostatType(type) || isValveType(type);
}

/** Kind of a room from its module types; null when it is not a heating room. */
export function roomKindOf(moduleTypes: readonly string[]): RoomKind | null {
  let thermostat = false;
  let valve = false;
  for (const type of moduleTypes) {
    if (isThermostatType(type)) thermostat = true;
    else if (isValveType(type)) valve = true;
  }
  if (thermostat && valve) return 'mixed';
  if (thermostat) return 'thermostat';
  if (valve) return 'valves';
  return null;
}

/** Rank of a thermostat type for room ownership (lower owns); Infinity for non-thermostats. */
export function thermostatRank(type: string): number {
  const index = THERMOSTAT_TYPES.indexOf(type);
  return index === -1 ? Number.POSITIVE_INFINITY : index;
}
