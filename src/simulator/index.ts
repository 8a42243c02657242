// The Netatmo simulator: a faithful local stand-in for api.netatmo.com (see startSimulator).
export { startSimulator } from './server.js';
export type { CallFilter } from './call-log.js';
export { CallLog } from './call-log.js';
export { FaultController } from './faults.js';
export type { CallRecord, FaultKind, FaultSpec, RunningSimulator, SimulatorOptions } from './types.js';
export type { AddRoomOptions, RoomSnapshot } from './world.js';
export { SimWorld } from './world.js';
