// Pure planning of the app-owned SmartThings devices: which devices the homes call for (one per
// home, one per heating room, at most 30 per installed app — SmartThings' guardrail for
// cloud-connected devices), their external ids, and the create/delete plan against what exists.
import type { Home } from '../model/types.js';

export const MAX_DEVICES_PER_INSTALLED_APP = 30;

export type DeviceRef = { kind: 'home'; homeId: string } | { kind: 'room'; homeId: string; roomId: string };

export function homeExternalId(homeId: string): string {
  return `home:${homeId}`;
}

export function roomExternalId(homeId: string, roomId: string): string {
  return `room:${homeId}:${roomId}`;
}

export function parseExternalId(externalId: string): DeviceRef | null {
  const parts = externalId.split(':');
  if (parts[0] === 'home' && parts.length === 2 && parts[1]) return { kind: 'home', homeId: parts[1] };
  if (parts[0] === 'room' && parts.length === 3 && parts[1] && parts[2]) return { kind: 'room', homeId: parts[1], roomId: parts[2] };
  return null;
}

export interface DesiredDevice {
  externalId: string;
  kind: 'home' | 'room';
  label: string;
}

export interface DevicePlanInput {
  homes: readonly Home[];
  /** false on the LAN path: the Edge driver owns the devices, the cloud has none. */
  cloudPath: boolean;
  limit?: number;
}

export interface DesiredDevices {
  devices: DesiredDevice[];
  /** Rooms that did not fit under the limit (named in the log and on the settings page). */
  overLimit: DesiredDevice[];
}

/** Homes first (so every home keeps its mode control), then rooms in Netatmo's order. */
export function desiredDevices(input: DevicePlanInput): DesiredDevices {
  if (!input.cloudPath) return { devices: [], overLimit: [] };
  const limit = input.limit ?? MAX_DEVICES_PER_INSTALLED_APP;
  const multiHome = input.homes.length > 1;
  const all: DesiredDevice[] = input.homes.map((home) => ({ externalId: homeExternalId(home.id), kind: 'home', label: `${home.name} heating` }));
  for (const home of input.homes) {
    for (const room of home.rooms) {
      all.push({ externalId: roomExternalId(home.id, room.id), kind: 'room', label: multiHome ? `${room.name} (${home.name})` : room.name });
    }
  }
  return { devices: all.slice(0, limit), overLimit: all.slice(limit) };
}

export interface ExistingDevice {
  deviceId: string;
  externalId: string | null;
}

export interface ReconcilePlan {
  create: DesiredDevice[];
  remove: ExistingDevice[];
  /** externalId → deviceId of the devices that stay. */
  keep: Map<string, string>;
}

/** Create what is missing, delete what is gone (and duplicates of one external id). */
export function reconcilePlan(desired: readonly DesiredDevice[], existing: readonly ExistingDevice[]): ReconcilePlan {
  const wanted = new Set(desired.map((d) => d.externalId));
  const keep = new Map<string, string>();
  const remove: ExistingDevice[] = [];
  for (const device of existing) {
    if (device.externalId !== null && wanted.has(device.externalId) && !keep.has(device.externalId)) keep.set(device.externalId, device.deviceId);
    else remove.push(device);
  }
  return { create: desired.filter((d) => !keep.has(d.externalId)), remove, keep };
}

/** A key that changes when the set of devices the homes call for changes. */
export function topologyKey(desired: readonly DesiredDevice[]): string {
  return desired.map((d) => `${d.externalId}=${d.label}`).join('|');
}
