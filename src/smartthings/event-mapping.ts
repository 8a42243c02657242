// Pure mapping: our model → SmartThings capability events of the cloud devices, and the
// "only what changed" diff. Values match the Edge driver's mapping (driver/src/mapping.lua) so
// both paths show the same thing. Nothing here does I/O.
import type { Home, NetatmoStatus, Room, SignalQuality } from '../model/types.js';
import { HOME_SUPPORTED_MODES, homeModeToSt, ROOM_SUPPORTED_MODES, roomModeToSt } from './capability-modes.js';
import { parseExternalId } from './device-plan.js';

/** One attribute value, shaped like the REST body of POST /devices/{id}/events. */
export interface CapabilityEvent {
  component: string;
  capability: string;
  attribute: string;
  value: unknown;
  unit?: string;
}

export interface LinkHealth {
  /** Netatmo status and stale flag as clients see them (context.netatmoHealth()). */
  status: NetatmoStatus;
  stale: boolean;
  /** A hub polled the LAN API recently. */
  hubLinked: boolean;
}

function ev(component: string, capability: string, attribute: string, value: unknown, unit?: string): CapabilityEvent {
  return unit === undefined ? { component, capability, attribute, value } : { component, capability, attribute, value, unit };
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** cloudLink is closed while the bridge reaches Netatmo and its data is fresh (same rule as the driver). */
export function cloudLinkOk(health: Pick<LinkHealth, 'status' | 'stale'>): boolean {
  return !health.stale && (health.status === 'ok' || health.status === 'degraded');
}

/** healthCheck.healthStatus: how an app-owned device is shown online or offline (docs/smartthings.md). */
function healthEvent(online: boolean): CapabilityEvent {
  return ev('main', 'healthCheck', 'healthStatus', online ? 'online' : 'offline');
}

/** The events of a device whose home or room is missing from the state: it is offline. */
export function offlineEvents(): CapabilityEvent[] {
  return [healthEvent(false)];
}

export function homeDeviceEvents(home: Home, health: LinkHealth): CapabilityEvent[] {
  const events = [
    ev('main', 'thermostatMode', 'supportedThermostatModes', [...HOME_SUPPORTED_MODES]),
    ev('main', 'thermostatMode', 'thermostatMode', homeModeToSt(home.mode)),
    ev('main', 'mode', 'supportedModes', home.schedules.map((s) => s.name)),
  ];
  const selected = home.schedules.find((s) => s.selected);
  if (selected) events.push(ev('main', 'mode', 'mode', selected.name));
  events.push(ev('hubLink', 'contactSensor', 'contact', health.hubLinked ? 'closed' : 'open'));
  // Starting (first poll not over, saved homes shown): the cloud link is unknown, so the last
  // values sent stay — a restart must not flash every device offline.
  if (health.status !== 'starting') {
    events.push(ev('cloudLink', 'contactSensor', 'contact', cloudLinkOk(health) ? 'closed' : 'open'), healthEvent(home.reachable && !health.stale));
  }
  return events;
}

const LQI_BY_SIGNAL: Partial<Record<SignalQuality, number>> = { excellent: 255, good: 190, fair: 120, poor: 50 };

/** Netatmo's rf_strength is the magnitude of the received level (lower is better): the weakest module wins. */
function weakestRssiDbm(room: Room): number | null {
  let worst: number | null = null;
  for (const module of room.modules) {
    if (isNumber(module.rfStrength) && (worst === null || module.rfStrength > worst)) worst = module.rfStrength;
  }
  return worst === null ? null : Math.max(-200, Math.min(0, -Math.abs(worst)));
}

export function roomDeviceEvents(home: Home, room: Room, health: LinkHealth): CapabilityEvent[] {
  const events = [ev('main', 'thermostatMode', 'supportedThermostatModes', [...ROOM_SUPPORTED_MODES])];
  if (isNumber(room.measuredC)) events.push(ev('main', 'temperatureMeasurement', 'temperature', Math.round(room.measuredC * 10) / 10, 'C'));
  if (isNumber(room.setpointC)) events.push(ev('main', 'thermostatHeatingSetpoint', 'heatingSetpoint', Math.round(room.setpointC * 2) / 2, 'C'));
  events.push(ev('main', 'thermostatMode', 'thermostatMode', roomModeToSt(room.setpointMode)));
  if (typeof room.heating === 'boolean') {
    events.push(ev('main', 'thermostatOperatingState', 'thermostatOperatingState', room.heating ? 'heating' : 'idle'));
  }
  if (isNumber(room.batteryPercent)) events.push(ev('main', 'battery', 'battery', Math.max(0, Math.min(100, Math.round(room.batteryPercent))), '%'));
  if (typeof room.openWindow === 'boolean') events.push(ev('main', 'contactSensor', 'contact', room.openWindow ? 'open' : 'closed'));
  const lqi = LQI_BY_SIGNAL[room.signal];
  if (lqi !== undefined) events.push(ev('main', 'signalStrength', 'lqi', lqi));
  const rssi = weakestRssiDbm(room);
  if (rssi !== null) events.push(ev('main', 'signalStrength', 'rssi', rssi, 'dBm'));
  if (health.status !== 'starting') events.push(healthEvent(room.reachable && home.reachable && !health.stale));
  return events;
}

/** Every event of the device with this external id, or null when the home/room is gone. */
export function deviceEvents(externalId: string, homes: readonly Home[], health: LinkHealth): CapabilityEvent[] | null {
  const parsed = parseExternalId(externalId);
  if (!parsed) return null;
  const home = homes.find((h) => h.id === parsed.homeId);
  if (!home) return null;
  if (parsed.kind === 'home') return homeDeviceEvents(home, health);
  const room = home.rooms.find((r) => r.id === parsed.roomId);
  return room ? roomDeviceEvents(home, room, health) : null;
}

export function eventKey(event: CapabilityEvent): string {
  return `${event.component}/${event.capability}/${event.attribute}`;
}

function valueKey(event: CapabilityEvent): string {
  return `${JSON.stringify(event.value)}${event.unit ?? ''}`;
}

/** Last values sent per event key (component/capability/attribute → value+unit). */
export type SentValues = ReadonlyMap<string, string>;

/**
 * The events whose value differs from `last`, plus the events named in `force` (a command's
 * attributes must be answered even when unchanged; '*' = all), and the updated copy of `last`.
 */
export function changedEvents(
  events: readonly CapabilityEvent[],
  last: SentValues,
  force: ReadonlySet<string> = new Set(),
): { changed: CapabilityEvent[]; next: Map<string, string> } {
  const next = new Map(last);
  const changed: CapabilityEvent[] = [];
  for (const event of events) {
    const key = eventKey(event);
    const value = valueKey(event);
    if (next.get(key) !== value || force.has(key) || force.has('*')) {
      changed.push(event);
      next.set(key, value);
    }
  }
  return { changed, next };
}
