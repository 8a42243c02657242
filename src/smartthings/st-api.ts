// The few SmartThings REST calls the bridge makes, as a small interface the reconciler and the
// event pusher depend on (so they are tested without the SDK), plus the adapter over the
// core-sdk client of one installed app. Type-only import: the SDK itself is loaded at run time.
import type { SmartThingsClient } from '@smartthings/core-sdk';
import type { DesiredDevice, ExistingDevice } from './device-plan.js';
import type { CapabilityEvent } from './event-mapping.js';
import type { DeviceConfigRequest, DeviceProfileRequest } from './profile-definitions.js';

export interface StProfile {
  id: string;
  name: string;
}

export interface StDeviceApi {
  /** The devices this installed app created (GET /devices?installedAppId=…). */
  listDevices(): Promise<ExistingDevice[]>;
  /** POST /devices with app.{profileId, externalId}: an app-owned device that receives commands. */
  createDevice(device: DesiredDevice, profileId: string): Promise<string>;
  deleteDevice(deviceId: string): Promise<void>;
  /** POST /devices/{id}/events (≤ 50 events per call). */
  createEvents(deviceId: string, events: CapabilityEvent[]): Promise<void>;
  listProfiles(): Promise<StProfile[]>;
  /** POST /deviceprofiles (documented fields only; linked to a device configuration by metadata.vid/mnmn). */
  createProfile(profile: DeviceProfileRequest): Promise<StProfile>;
  /** POST /presentation/deviceconfig: the device configuration a profile's metadata.vid points to. */
  createDeviceConfig(config: DeviceConfigRequest): Promise<{ presentationId: string; manufacturerName: string }>;
}

export function stDeviceApi(client: SmartThingsClient, installedAppId: string): StDeviceApi {
  return {
    async listDevices() {
      const devices = await client.devices.list({ installedAppId });
      return devices
        // The filter is the server's job; re-check so a wrong answer can never make us delete others' devices.
        .filter((d) => d.app?.installedAppId === undefined || d.app.installedAppId === installedAppId)
        .map((d) => ({ deviceId: d.deviceId, externalId: d.app?.externalId ?? null }));
    },
    async createDevice(device, profileId) {
      const created = await client.devices.create({ label: device.label, app: { profileId, externalId: device.externalId } });
      return created.deviceId;
    },
    async deleteDevice(deviceId) {
      await client.devices.delete(deviceId);
    },
    async createEvents(deviceId, events) {
      await client.devices.createEvents(deviceId, events);
    },
    async listProfiles() {
      const profiles = await client.deviceProfiles.list();
      return profiles.map((p) => ({ id: p.id, name: p.name }));
    },
    async createProfile(profile) {
      const created = await client.deviceProfiles.create(profile);
      return { id: created.id, name: created.name };
    },
    async createDeviceConfig(config) {
      const created = await client.presentation.create(config);
      return { presentationId: created.presentationId, manufacturerName: created.manufacturerName };
    },
  };
}

/** HTTP status of a failed SmartThings call (axios error), or null for network errors. */
export function httpStatusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('response' in error)) return null;
  const response = (error as { response?: { status?: unknown } }).response;
  return typeof response?.status === 'number' ? response.status : null;
}

/** Retry-After (seconds) of a 429, when SmartThings sent one. */
export function retryAfterMsOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('response' in error)) return null;
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  const raw = headers?.['retry-after'] ?? headers?.['x-ratelimit-reset'];
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : null;
}

/** A short description of a failed call for the log: status only, never bodies (tokens). */
export function describeStError(error: unknown): string {
  const status = httpStatusOf(error);
  if (status !== null) return `SmartThings answered HTTP ${status}`;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error).code) : null;
  return code ? `SmartThings unreachable (${code})` : 'SmartThings call failed';
}
