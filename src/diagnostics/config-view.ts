// The configuration as a bug report may show it: an ALLOW-LIST. Only the settings named here are
// copied, and those that could say who the user is or hold a secret are reduced to "set" / "not
// set" (client ids and secrets, tokens, passwords, the public URL, extra host names). A setting
// added to Config later stays out of the bundle until someone decides it belongs here.
import os from 'node:os';
import type { Config } from '../config/index.js';
import { NETATMO_DEFAULT_API_URL, SMARTTHINGS_DEFAULT_API_URL } from '../config/schema.js';

export interface ConfigView {
  host: string;
  port: number;
  ssdp: boolean;
  preferredPath: string;
  pollIntervalS: number;
  staleThresholdS: number;
  simulator: string;
  metrics: boolean;
  watchdog: boolean;
  log: { level: string; format: string };
  rateBudget: { perHour: number; per10s: number };
  dataDir: string;
  netatmoApi: 'default' | 'custom';
  smartthingsApi: 'default' | 'custom';
  allowedHostsCount: number;
  /** Whether each sensitive setting is set; never its value. */
  set: Record<string, boolean>;
}

export function configView(config: Config): ConfigView {
  return {
    host: config.host,
    port: config.port,
    ssdp: config.ssdp,
    preferredPath: config.preferredPath,
    pollIntervalS: config.pollIntervalS,
    staleThresholdS: config.staleThresholdS,
    simulator: config.simulator,
    metrics: config.metrics,
    watchdog: config.watchdog,
    log: { level: config.log.level, format: config.log.format },
    rateBudget: { ...config.rateBudget },
    dataDir: homeRelative(config.dataDir),
    netatmoApi: config.netatmo.apiUrl === NETATMO_DEFAULT_API_URL ? 'default' : 'custom',
    smartthingsApi: config.smartthingsApiUrl === SMARTTHINGS_DEFAULT_API_URL ? 'default' : 'custom',
    allowedHostsCount: config.allowedHosts.length,
    set: {
      NETATMO_CLIENT_ID: config.netatmo.clientId !== undefined,
      NETATMO_CLIENT_SECRET: config.netatmo.clientSecret !== undefined,
      NETATMO_REFRESH_TOKEN: config.netatmo.refreshToken !== undefined,
      LAN_TOKEN: config.lanToken !== undefined,
      ADMIN_PASSWORD: config.adminPassword !== undefined,
      PUBLIC_URL: config.publicUrl !== undefined,
      SMARTAPP_APP_ID: config.smartapp.appId !== undefined,
      SMARTAPP_CLIENT_ID: config.smartapp.clientId !== undefined,
      SMARTAPP_CLIENT_SECRET: config.smartapp.clientSecret !== undefined,
      SMARTAPP_PUBLIC_KEY: config.smartapp.publicKey !== undefined,
    },
  };
}

/** A path under the home directory as ~/… (the user name stays out of the report). */
export function homeRelative(file: string): string {
  const home = os.homedir();
  return home && (file === home || file.startsWith(`${home}/`)) ? `~${file.slice(home.length)}` : file;
}
