// The SmartApp's settings: ids of the page settings, and the pure translation of the answers
// (SmartThings sends every value as [{stringConfig: {value}}]) into the bridge's runtime settings.
import type { RuntimeSettings } from '../store/types.js';

export const SETTING = {
  useBridgeAccount: 'useBridgeAccount',
  clientId: 'netatmoClientId',
  clientSecret: 'netatmoClientSecret',
  refreshToken: 'netatmoRefreshToken',
  homes: 'homes',
  pollIntervalS: 'pollIntervalS',
  preferredPath: 'preferredPath',
  overrideMinutes: 'overrideMinutes',
  boostMinutes: 'boostMinutes',
  awayHours: 'awayHours',
} as const;

/** Never stored in clear (context store) and never logged. */
export const SECRET_SETTINGS = [SETTING.clientSecret, SETTING.refreshToken] as const;

export const LIMITS = {
  pollIntervalS: { min: 10, max: 3600 },
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

export function configBoolean(config: ConfigEntries, id: string): boolean | undefined {
  const value = configString(config, id);
  return value === undefined ? undefined : value === 'true';
}

function configInteger(config: ConfigEntries, id: string, limits: { min: number; max: number }): number | undefined {
  const raw = configString(config, id);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) return undefined;
  return Math.min(limits.max, Math.max(limits.min, Math.round(value)));
}

/** What the pages set, as runtime settings (only the answered ones). */
export function settingsFromConfig(config: ConfigEntries): RuntimeSettings {
  const settings: RuntimeSettings = {};
  const homes = configStrings(config, SETTING.homes);
  if (homes.length > 0) settings.homeIds = homes;
  const poll = configInteger(config, SETTING.pollIntervalS, LIMITS.pollIntervalS);
  if (poll !== undefined) settings.pollIntervalS = poll;
  const path = configString(config, SETTING.preferredPath);
  if (path === 'lan' || path === 'cloud') settings.preferredPath = path;
  const override = configInteger(config, SETTING.overrideMinutes, LIMITS.overrideMinutes);
  if (override !== undefined) settings.defaultOverrideMinutes = override;
  const boost = configInteger(config, SETTING.boostMinutes, LIMITS.boostMinutes);
  if (boost !== undefined) settings.boostMinutes = boost;
  const away = configInteger(config, SETTING.awayHours, LIMITS.awayHours);
  if (away !== undefined) settings.awayHours = away;
  return settings;
}

export interface NetatmoAccountAnswer {
  useBridgeAccount: boolean;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
}

export function netatmoAccountFromConfig(config: ConfigEntries): NetatmoAccountAnswer {
  return {
    // Default: the account already connected to the bridge.
    useBridgeAccount: configBoolean(config, SETTING.useBridgeAccount) ?? true,
    clientId: configString(config, SETTING.clientId),
    clientSecret: configString(config, SETTING.clientSecret),
    refreshToken: configString(config, SETTING.refreshToken),
  };
}
