// Lookups over one homestatus body, plus the two questions the poller asks about it.
import type { RawHomeStatusBody, RawStatusModule, RawStatusRoom, RawTopologyHome } from './netatmo-raw.js';
import { idOf } from './ids.js';
import { topologyRoomIds } from './topology.js';

/** homestatus per-device error code for "unreachable" (OH-const HomeStatusError). */
export const DEVICE_UNREACHABLE_CODE = 6;

export interface StatusIndex {
  readonly rooms: ReadonlyMap<string, RawStatusRoom>;
  readonly modules: ReadonlyMap<string, RawStatusModule>;
  /** Module ids listed in errors[] with code 6. */
  readonly unreachableIds: ReadonlySet<string>;
}

export function indexStatus(status: RawHomeStatusBody): StatusIndex {
  const rooms = new Map<string, RawStatusRoom>();
  for (const room of status.home?.rooms ?? []) {
    const id = idOf(room.id);
    if (id !== undefined) rooms.set(id, room);
  }
  const modules = new Map<string, RawStatusModule>();
  for (const module of status.home?.modules ?? []) {
    if (typeof module.id === 'string') modules.set(module.id, module);
  }
  const unreachableIds = new Set<string>();
  for (const error of status.errors ?? []) {
    if (error.code === DEVICE_UNREACHABLE_CODE && typeof error.id === 'string') unreachableIds.add(error.id);
  }
  return { rooms, modules, unreachableIds };
}

/**
 * The relay (NAPlug / OTH) is offline: Netatmo answers HTTP 200 with errors[] code 6 and a home
 * holding only its id (pyatmo home_status_error_disconnected.json). This is not an empty home.
 */
export function isRelayOffline(status: RawHomeStatusBody): boolean {
  const hasUnreachableError = (status.errors ?? []).some((e) => e.code === DEVICE_UNREACHABLE_CODE);
  if (!hasUnreachableError) return false;
  const home = status.home;
  return (home?.rooms?.length ?? 0) === 0 && (home?.modules?.length ?? 0) === 0;
}

/** Rooms homestatus names that homesdata does not know (the topology may be outdated). */
export function unknownStatusRoomIds(topology: RawTopologyHome, status: RawHomeStatusBody): string[] {
  const rooms = status.home?.rooms;
  if (!rooms || rooms.length === 0) return [];
  const known = topologyRoomIds(topology);
  const unknown: string[] = [];
  for (const room of rooms) {
    const id = idOf(room.id);
    if (id !== undefined && !known.has(id)) unknown.push(id);
  }
  return unknown;
}

/** homestatus names a room homesdata does not know: the topology is outdated, re-read homesdata. */
export function statusHasUnknownRoom(topology: RawTopologyHome, status: RawHomeStatusBody): boolean {
  return unknownStatusRoomIds(topology, status).length > 0;
}
