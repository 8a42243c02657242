// Shared set-up of the SmartApp integration tests: a real bridge (cloud path) + the Netatmo
// simulator + the fake SmartThings cloud, and lifecycle payloads shaped like the SDK's own test
// data (smartapp-sdk-nodejs test/data/lifecycles.js, device-commands-event-spec.js).
import { randomUUID } from 'node:crypto';
import { expect, vi } from 'vitest';
import { createServer } from 'node:net';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { createLifecycleSigner, startFakeSmartThings, type FakeSmartThings, type LifecycleSigner } from '../fakes/fake-smartthings.js';

export const APP_ID = '5f1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b';
export const INSTALLED_APP_ID = '1d2c3b4a-5f6e-4d3c-8b9a-0f1e2d3c4b5a';
export const LOCATION_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

export interface CloudRig {
  t: TestBridge;
  st: FakeSmartThings;
  signer: LifecycleSigner;
  port: number;
  /** POST /smartapp, signed unless told otherwise. */
  lifecycle(body: unknown, options?: { signed?: boolean; headers?: Record<string, string> }): Promise<Response>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startCloudRig(options: { dataDir?: string; st?: FakeSmartThings; signer?: LifecycleSigner; env?: Record<string, string>; existing?: TestBridge; now?: () => number; scenario?: 'demo' | 'multi-home' } = {}): Promise<CloudRig> {
  const st = options.st ?? (await startFakeSmartThings());
  const signer = options.signer ?? createLifecycleSigner();
  const port = await freePort();
  const fixedNow = Date.now();
  const t = await startTestBridge({
    simulator: { clock: () => fixedNow, ...(options.scenario ? { scenario: options.scenario } : {}) },
    ...(options.existing ? { existingSimulator: options.existing.simulator } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.now ? { bridge: { now: options.now } } : {}),
    env: {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PREFERRED_PATH: 'cloud',
      SMARTAPP_APP_ID: APP_ID,
      SMARTAPP_CLIENT_ID: st.clientId,
      SMARTAPP_CLIENT_SECRET: st.clientSecret,
      SMARTAPP_PUBLIC_KEY: signer.publicKeyPem,
      SMARTTHINGS_API_URL: st.url,
      LOG_LEVEL: 'debug',
      ...options.env,
    },
  });
  const lifecycle = async (body: unknown, opts: { signed?: boolean; headers?: Record<string, string> } = {}) => {
    const text = JSON.stringify(body);
    const headers = opts.signed === false ? { 'content-type': 'application/json' } : signer.headers('/smartapp', text);
    return fetch(`${t.bridge.url}/smartapp`, { method: 'POST', headers: { ...headers, ...opts.headers }, body: text });
  };
  return {
    t,
    st,
    signer,
    port,
    lifecycle,
    async stop(stopOptions = {}) {
      await t.stop({ keepData: stopOptions.keepData, keepSimulator: stopOptions.keepData });
      if (!options.st && !stopOptions.keepData) await st.stop();
    },
  };
}

export type Config = Record<string, { valueType: 'STRING'; stringConfig: { value: string } }[]>;

export function configOf(values: Record<string, string | string[]>): Config {
  const config: Config = {};
  for (const [key, value] of Object.entries(values)) {
    config[key] = (Array.isArray(value) ? value : [value]).map((v) => ({ valueType: 'STRING', stringConfig: { value: v } }));
  }
  return config;
}

export function installBody(tokens: { authToken: string; refreshToken: string }, config: Config = {}) {
  return {
    lifecycle: 'INSTALL',
    executionId: randomUUID(),
    locale: 'en',
    version: '0.1.0',
    client: { os: 'ios', version: '0.0.0', language: 'en-US' },
    installData: { ...tokens, installedApp: { installedAppId: INSTALLED_APP_ID, locationId: LOCATION_ID, config, permissions: [] } },
    settings: {},
  };
}

export function updateBody(tokens: { authToken: string; refreshToken: string }, config: Config = {}) {
  return {
    lifecycle: 'UPDATE',
    executionId: randomUUID(),
    locale: 'en',
    version: '0.1.0',
    client: { os: 'ios', version: '0.0.0', language: 'en-US' },
    updateData: { ...tokens, installedApp: { installedAppId: INSTALLED_APP_ID, locationId: LOCATION_ID, config, permissions: [] }, previousConfig: {}, previousPermissions: [] },
    settings: {},
  };
}

/** previousPageId = pageId is how SmartThings re-sends a page after a submitOnChange setting changed. */
export function configurationBody(phase: 'INITIALIZE' | 'PAGE', pageId = '', config: Config = {}, previousPageId = '', language = 'en-US') {
  return {
    lifecycle: 'CONFIGURATION',
    executionId: randomUUID(),
    locale: language.split('-')[0],
    version: '0.1.0',
    client: { os: 'ios', version: '0.0.0', language },
    configurationData: { installedAppId: INSTALLED_APP_ID, locationId: LOCATION_ID, phase, pageId, previousPageId, config },
    settings: {},
  };
}

export interface PageSetting {
  id: string;
  type: string;
  name?: string;
  description?: string;
  defaultValue?: string;
  min?: number;
  max?: number;
  url?: string;
  page?: string;
  style?: string;
  submitOnChange?: boolean;
  required?: boolean;
}
export interface PageJson {
  name: string;
  nextPageId: string | null;
  previousPageId: string | null;
  complete: boolean;
  sections: { name?: string; settings: PageSetting[] }[];
}

/** One CONFIGURATION PAGE answer, checked for status 200. */
/** `language`: the phone's, as the SmartThings app sends it (client.language). */
export async function fetchPage(rig: CloudRig, pageId: string, config: Config = {}, options: { resubmit?: boolean; language?: string } = {}): Promise<PageJson> {
  const res = await rig.lifecycle(configurationBody('PAGE', pageId, config, options.resubmit ? pageId : '', options.language));
  if (res.status !== 200) throw new Error(`page ${pageId} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { configurationData: { page: PageJson } }).configurationData.page;
}

export function settingsOf(page: PageJson): PageSetting[] {
  return page.sections.flatMap((s) => s.settings);
}

/** The config SmartThings sends when the user keeps every default of these pages. */
export function defaultsOf(...pages: PageJson[]): Config {
  const values: Record<string, string> = {};
  for (const setting of pages.flatMap(settingsOf)) if (setting.defaultValue !== undefined) values[setting.id] = setting.defaultValue;
  return configOf(values);
}

export function deviceCommandsBody(authToken: string, device: { deviceId: string; externalId: string; profileId: string }, commands: { componentId?: string; capability: string; command: string; arguments: unknown[] }[]) {
  return {
    lifecycle: 'EVENT',
    executionId: randomUUID(),
    locale: 'en',
    version: '1.0.0',
    eventData: {
      authToken,
      installedApp: { installedAppId: INSTALLED_APP_ID, locationId: LOCATION_ID, config: {}, permissions: [] },
      events: [
        {
          eventTime: new Date().toISOString(),
          eventType: 'DEVICE_COMMANDS_EVENT',
          deviceCommandsEvent: { eventId: randomUUID(), ...device, commands: commands.map((c) => ({ componentId: 'main', ...c })) },
        },
      ],
    },
    settings: {},
  };
}

export function uninstallBody() {
  return {
    lifecycle: 'UNINSTALL',
    executionId: randomUUID(),
    locale: 'en-US',
    version: '0.1.0',
    uninstallData: { installedApp: { installedAppId: INSTALLED_APP_ID, locationId: LOCATION_ID, config: {}, permissions: [] } },
    settings: {},
  };
}

/** Polls once and installs the app with these answers; resolves when every device got its first events. */
export async function installApp(rig: CloudRig, config: Config = configOf({ preferredPath: 'cloud' })): Promise<{ tokens: { authToken: string; refreshToken: string }; homeId: string; roomIds: string[] }> {
  if (!(await rig.t.bridge.context.poller.pollNow()).ok) throw new Error('first poll failed');
  const home = rig.t.bridge.context.state.homes[0]!;
  const tokens = rig.st.issueTokens(INSTALLED_APP_ID);
  const res = await rig.lifecycle(installBody(tokens, config));
  if (res.status !== 200) throw new Error(`INSTALL answered ${res.status}: ${await res.text()}`);
  await vi.waitFor(() => expect(rig.st.callsTo('POST', /^\/devices\/[^/]+\/events$/).length).toBeGreaterThanOrEqual(1 + home.rooms.length), { timeout: 5_000 });
  return { tokens, homeId: home.id, roomIds: home.rooms.map((r) => r.id) };
}
