// The SmartApp's settings: ids of the page settings, their limits, and readers of the answers
// (SmartThings sends every value as [{stringConfig: {value}}]). Validation: settings-schema.ts.
import { POLL_TIMING } from '../config/poll-timing.js';

export const SETTING = {
  clientId: 'netatmoClientId',
  clientSecret: 'netatmoClientSecret',
  refreshToken: 'netatmoRefreshToken',
  homes: 'homes',
  pollIntervalS: 'pollIntervalS',
  preferredPath: 'preferredPath',
  overrideMinutes: 'overrideMinutes',
  boostMinutes: 'boostMinutes',
  awayHours: 'awayHours',
  homeProfileId: 'homeProfileId',
  roomProfileId: 'roomProfileId',
} as const;

/** Never stored in clear (context store) and never logged. */
export const SECRET_SETTINGS = [SETTING.clientSecret, SETTING.refreshToken] as const;

/** Inclusive bounds, shown on the page (min/max) and enforced by settings-schema.ts. */
export const LIMITS = {
  pollIntervalS: { min: POLL_TIMING.minPollS, max: POLL_TIMING.maxPollS },
  overrideMinutes: { min: 0, max: 1440 },
  boostMinutes: { min: 5, max: 720 },
  awayHours: { min: 0, max: 8760 },
} as const;

export const DEFAULT_BOOST_MINUTES = 30;

export type ConfigEntries = Record<string, unknown>;

function entriesOf(config: ConfigEntries, id: string): unknown[] {
  const value = config[id];
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function stringOf(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const value = (entry as { stringConfig?: { value?: unknown } }).stringConfig?.value;
  return typeof value === 'string' ? value : undefined;
}

/** The first string value of a setting, trimmed; undefined when absent or empty. */
export function configString(config: ConfigEntries, id: string): string | undefined {
  const value = stringOf(entriesOf(config, id)[0])?.trim();
  return value ? value : undefined;
}

export function configStrings(config: ConfigEntries, id: string): string[] {
  return entriesOf(config, id)
    .map(stringOf)
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

export interface NetatmoAccountAnswer {
  useBridgeAccount: boolean;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
}

export function netatmoAccountFromConfig(config: ConfigEntries): NetatmoAccountAnswer {
  return {
    // Without a typed refresh token: the account already connected to the bridge.
    useBridgeAccount: configString(config, SETTING.refreshToken) === undefined,
    clientId: configString(config, SETTING.clientId),
    clientSecret: configString(config, SETTING.clientSecret),
    refreshToken: configString(config, SETTING.refreshToken),
  };
}
