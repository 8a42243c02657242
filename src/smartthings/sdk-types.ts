// The SmartApp SDK as its runtime really behaves (docs/smartthings.md#the-sdk-at-run-time-not-as-its-types-say): the shipped .d.ts
// has wrong command-handler signatures and lacks installedAppId/locationId/tokens on the context.
// smartapp.ts casts the SDK object to these interfaces once; nothing else sees the SDK's types.
import type { SmartThingsClient } from '@smartthings/core-sdk';
import type { Page } from '@smartthings/smartapp';

export type ConfigMap = Record<string, unknown>;

export interface RuntimeContext {
  installedAppId: string;
  locationId: string;
  authToken?: string;
  refreshToken?: string;
  config: ConfigMap;
  locale?: string;
  api: SmartThingsClient;
  isAuthenticated(): boolean;
}

export interface InstalledAppData {
  authToken: string;
  refreshToken: string;
  installedApp: { installedAppId: string; locationId: string; config: ConfigMap };
}

export interface ConfigurationData {
  installedAppId: string;
  phase: string;
  pageId: string;
  previousPageId: string;
  config: ConfigMap;
}

export interface DeviceCommandsEvent {
  eventId: string;
  deviceId: string;
  profileId: string;
  externalId?: string;
  commands: { componentId: string; capability: string; command: string; arguments: unknown[] }[];
}

export interface ContextRecordInput {
  installedAppId: string;
  locationId: string;
  authToken: string;
  refreshToken: string;
  config: ConfigMap;
  locale?: string;
}

type Handler<A extends unknown[]> = (...args: A) => Promise<void> | void;

export interface RuntimeSmartApp {
  page(id: string, callback: Handler<[RuntimeContext, Page, ConfigurationData]>): RuntimeSmartApp;
  installed(callback: Handler<[RuntimeContext, InstalledAppData]>): RuntimeSmartApp;
  updated(callback: Handler<[RuntimeContext, InstalledAppData]>): RuntimeSmartApp;
  uninstalled(callback: Handler<[RuntimeContext, { installedApp: { installedAppId: string } }]>): RuntimeSmartApp;
  /** Runtime argument order: (context, deviceCommandsEvent) — not what the .d.ts says. */
  deviceCommandHandler(callback: Handler<[RuntimeContext, DeviceCommandsEvent]>): RuntimeSmartApp;
  withContext(installedAppIdOrRecord: string | ContextRecordInput): Promise<RuntimeContext>;
  /** Runs a lifecycle call without the SDK's signature check: http-route.ts verifies it first. */
  handleHttpCallbackUnverified(request: unknown, response: unknown): Promise<void>;
}
