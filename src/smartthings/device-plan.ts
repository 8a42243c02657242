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
  /** Home ids chosen on the pages (absent = every home). */
  selectedHomeIds?: readonly string[];
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
  const selected = input.selectedHomeIds;
  const homes = selected ? input.homes.filter((home) => selected.includes(home.id)) : input.homes;
  const multiHome = homes.length > 1;
  const all: DesiredDevice[] = homes.map((home) => ({ externalId: homeExternalId(home.id), kind: 'home', label: `${home.name} heating` }));
  for (const home of homes) {
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
  /** Devices whose home or room is missing from the state: kept (shown offline) until the grace ends. */
  missing: Map<string, { deviceId: string; since: number }>;
}

/** How long a device whose home or room is missing from Netatmo's answers is kept (offline). */
export const MISSING_GRACE_MS = 7 * 24 * 60 * 60_000;

/**
 * What to do with an existing device the homes no longer call for. Without a policy (LAN path:
 * the user moved the devices to the Edge driver) every such device goes at once.
 */
export interface MissingPolicy {
  now: number;
  graceMs: number;
  /** externalId → when it was first missing (ms). */
  missingSince: ReadonlyMap<string, number>;
  /** Home ids the user chose on the pages; their other homes' devices go at once. Absent = every home. */
  selectedHomeIds?: readonly string[];
  /** Devices of homes and rooms that exist but did not fit under the device limit: they go at once. */
  overLimit: ReadonlySet<string>;
}

function removedAtOnce(ref: DeviceRef, externalId: string, policy: MissingPolicy): boolean {
  if (policy.overLimit.has(externalId)) return true;
  return policy.selectedHomeIds !== undefined && !policy.selectedHomeIds.includes(ref.homeId);
}

/** Create what is missing; keep devices of rooms that vanished for a grace period; delete the rest and duplicates. */
export function reconcilePlan(desired: readonly DesiredDevice[], existing: readonly ExistingDevice[], policy?: MissingPolicy): ReconcilePlan {
  const wanted = new Set(desired.map((d) => d.externalId));
  const plan: ReconcilePlan = { create: [], remove: [], keep: new Map(), missing: new Map() };
  const seen = new Set<string>();
  for (const device of existing) {
    const externalId = device.externalId;
    const ref = externalId === null ? null : parseExternalId(externalId);
    if (externalId === null || !ref || seen.has(externalId)) {
      plan.remove.push(device);
      continue;
    }
    seen.add(externalId);
    if (wanted.has(externalId)) {
      plan.keep.set(externalId, device.deviceId);
      continue;
    }
    const since = policy?.missingSince.get(externalId) ?? policy?.now;
    if (!policy || since === undefined || removedAtOnce(ref, externalId, policy) || policy.now - since >= policy.graceMs) plan.remove.push(device);
    else plan.missing.set(externalId, { deviceId: device.deviceId, since });
  }
  plan.create = desired.filter((d) => !plan.keep.has(d.externalId));
  return plan;
}

/** A key that changes when the set of devices the homes call for changes. */
export function topologyKey(desired: readonly DesiredDevice[]): string {
  return desired.map((d) => `${d.externalId}=${d.label}`).join('|');
}
