// The typed configuration every part of the bridge reads. Built once by loadConfig() from the
// environment and .env (names: see schema.ts and .env.example); never read process.env elsewhere.

export type PreferredPath = 'lan' | 'cloud';
export type SimulatorSetting = 'auto' | 'on' | 'off';
export type LogFormatSetting = 'auto' | 'json' | 'pretty';

export interface Config {
  netatmo: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    /** First start only: the store's (rotated) token wins once it has one. */
    refreshToken: string | undefined;
    /** Base URL without trailing slash, e.g. https://api.netatmo.com. */
    apiUrl: string;
  };
  /**
   * fixed: one poll every pollIntervalS; adaptive: polls where changes are expected (schedule
   * transitions, learnt hours of activity, module reports), never further apart than pollIntervalS.
   */
  pollPolicy: 'adaptive' | 'fixed';
  pollIntervalS: number;
  /**
   * The adaptive policy's Netatmo calls per home: what an hour averages over the day, and the most
   * in any rolling hour (the busy hours). Both within the rate budget's share for polling.
   */
  adaptiveCalls: { perHour: number; maxPerHour: number };
  staleThresholdS: number;
  port: number;
  host: string;
  /**
   * Extra names the bridge answers to (Host header), lower-case; `*.x` covers every name under x.
   * IP addresses, localhost, this machine's names and PUBLIC_URL's host are always accepted.
   */
  allowedHosts: string[];
  /** Absolute path. */
  dataDir: string;
  /** Preset LAN bearer token (replaces the stored one when set). */
  lanToken: string | undefined;
  ssdp: boolean;
  preferredPath: PreferredPath;
  /** Public https base URL (cloud path and Netatmo webhook), without trailing slash. */
  publicUrl: string | undefined;
  smartapp: {
    appId: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    /** PEM text (read from the file when SMARTAPP_PUBLIC_KEY=@path). */
    publicKey: string | undefined;
  };
  smartthingsApiUrl: string;
  smartthingsTokenUrl: string;
  /** Where SmartThings' signing certificates are fetched (`/pl/…` key ids), without trailing slash. */
  smartthingsKeyUrl: string;
  adminPassword: string | undefined;
  log: {
    /** As written, e.g. "info,netatmo=debug" (validated with parseLogLevel). */
    level: string;
    /** Resolved: LOG_FORMAT=auto becomes pretty on a terminal, json otherwise. */
    format: 'json' | 'pretty';
  };
  rateBudget: { perHour: number; per10s: number };
  metrics: boolean;
  simulator: SimulatorSetting;
  /** 0 = a random free loopback port. */
  simulatorPort: number;
  watchdog: boolean;
}

export type LoadConfigResult = { ok: true; config: Config; warnings: string[] } | { ok: false; problems: string[] };
