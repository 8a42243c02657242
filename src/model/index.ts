// Public entry of the model: the mapping functions other layers call. Types live in types.ts
// (domain) and netatmo-raw.ts (Netatmo bodies); import those with `import type`.
export { normaliseHome, normaliseHomes, DEFAULT_OVERRIDE_MINUTES } from './normalise-home.js';
export { homesEqual, homeEqual, roomsEqual } from './equality.js';
export { isRelayOffline, statusHasUnknownRoom, unknownStatusRoomIds, DEVICE_UNREACHABLE_CODE } from './status-index.js';
export { hasHeatingModule } from './topology.js';
export { toHomeMode, toSetpointMode, toNetatmoThermMode } from './modes.js';
export { unixToIso } from './time.js';
export { batteryPercentOf, signalOf } from './battery-signal.js';
export { roomKindOf, isHeatingModuleType, isThermostatType, isValveType } from './room-kind.js';
export { DEFAULT_AWAY_TEMP_C, DEFAULT_FROSTGUARD_TEMP_C } from './schedules.js';
export { scheduledSetpointC } from './schedule-setpoint.js';
