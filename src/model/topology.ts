// Heating rooms of a homesdata home: which modules sit in which room, and which rooms hold a
// thermostat or valve. Netatmo links modules to rooms two ways (rooms[].module_ids and
// modules[].room_id) and either may be missing (NEM fixture), so both are read.
import type { RawStatusModule, RawTopologyHome } from './netatmo-raw.js';
import type { RoomKind } from './types.js';
import { idOf } from './ids.js';
import { isHeatingModuleType, roomKindOf } from './room-kind.js';
import { compareById, compareByNameThenId } from './sort.js';

export interface HeatingModuleRef {
  readonly id: string;
  readonly type: string;
}

export interface HeatingRoomTopology {
  readonly id: string;
  readonly name: string;
  readonly kind: RoomKind;
  /** Thermostats and valves only, sorted by id. */
  readonly modules: readonly HeatingModuleRef[];
}

/** Every room id homesdata knows, heating or not (an unknown id in homestatus means re-read it). */
export function topologyRoomIds(home: RawTopologyHome): Set<string> {
  const ids = new Set<string>();
  for (const room of home.rooms ?? []) {
    const id = idOf(room.id);
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

function moduleRoomAssignments(home: RawTopologyHome): Map<string, string> {
  const roomOfModule = new Map<string, string>();
  // modules[].room_id is the module's own statement, so it wins over a room's module_ids list.
  for (const module of home.modules ?? []) {
    const roomId = idOf(module.room_id);
    if (module.id && roomId !== undefined) roomOfModule.set(module.id, roomId);
  }
  for (const room of home.rooms ?? []) {
    const roomId = idOf(room.id);
    if (roomId === undefined || !Array.isArray(room.module_ids)) continue;
    for (const moduleId of room.module_ids) {
      if (typeof moduleId === 'string' && !roomOfModule.has(moduleId)) roomOfModule.set(moduleId, roomId);
    }
  }
  return roomOfModule;
}

/**
 * Heating rooms in a stable order (name, then id). `statusModules` supplies a module's type when
 * homesdata lists the module id in a room but not in modules[].
 */
export function heatingRoomsOf(
  home: RawTopologyHome,
  statusModules?: ReadonlyMap<string, RawStatusModule>,
): HeatingRoomTopology[] {
  const typeOfModule = new Map<string, string>();
  for (const module of home.modules ?? []) {
    if (module.id && typeof module.type === 'string') typeOfModule.set(module.id, module.type);
  }

  const modulesOfRoom = new Map<string, HeatingModuleRef[]>();
  for (const [moduleId, roomId] of moduleRoomAssignments(home)) {
    const type = typeOfModule.get(moduleId) ?? statusModules?.get(moduleId)?.type;
    if (type === undefined || !isHeatingModuleType(type)) continue;
    const list = modulesOfRoom.get(roomId);
    if (list) list.push({ id: moduleId, type });
    else modulesOfRoom.set(roomId, [{ id: moduleId, type }]);
  }

  const rooms: HeatingRoomTopology[] = [];
  const seen = new Set<string>();
  for (const room of home.rooms ?? []) {
    const id = idOf(room.id);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const modules = modulesOfRoom.get(id);
    if (!modules) continue;
    const kind = roomKindOf(modules.map((m) => m.type));
    if (kind === null) continue;
    modules.sort(compareById);
    rooms.push({ id, name: typeof room.name === 'string' && room.name !== '' ? room.name : id, kind, modules });
  }
  return rooms.sort(compareByNameThenId);
}

/**
 * The home holds a thermostat, a radiator valve or an OpenTherm thermostat. A home without one
 * (only cameras or weather stations, or no device at all) has nothing to heat: it is neither
 * polled nor listed.
 */
export function hasHeatingModule(home: RawTopologyHome): boolean {
  return (home.modules ?? []).some((module) => typeof module.type === 'string' && isHeatingModuleType(module.type));
}
