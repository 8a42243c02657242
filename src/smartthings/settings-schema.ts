// The answers of the SmartApp's pages, validated as the options page describes them (zod). The
// SmartThings app does not enforce what the page says — the SDK even drops `min: 0` from number
// settings — so any value can arrive: each bad one becomes a sentence for the page and is not
// applied; the good ones are. 0 for the manual setpoint or away duration means "the home's
// default" / "until changed", i.e. no stored value.
import { z } from 'zod';
import { checkPollTiming, POLL_TIMING } from '../config/poll-timing.js';
import { englishTranslator, type Translator } from '../i18n/translator.js';
import type { RuntimeSettings } from '../store/types.js';
import { configString, configStrings, LIMITS, SETTING, type ConfigEntries } from './settings.js';

export interface SettingProblem {
  settingId: string;
  message: string;
}

export interface SettingsUpdate {
  set: RuntimeSettings;
  /** Settings the answers clear (0 = default, no homes chosen = every home). */
  unset: (keyof RuntimeSettings)[];
}

export interface ParsedAppSettings {
  update: SettingsUpdate;
  /** Device profiles created beforehand with the SmartThings CLI. */
  profileIds: { home?: string; room?: string };
  problems: SettingProblem[];
}

export interface SettingsContext {
  /** The stale threshold in force: the poll interval may be at most half of it. */
  staleThresholdS: number;
  /** What the cloud path still lacks (config/cloud-path.ts); empty when it can be chosen. */
  cloudPathMissing?: readonly string[];
}

/** The settings' names, as the options page shows them. */
const LABELS = {
  pollIntervalS: 'smartapp.pollInterval',
  overrideMinutes: 'smartapp.overrideMinutes',
  boostMinutes: 'smartapp.boostMinutes',
  awayHours: 'smartapp.awayHours',
} as const;

const wholeNumber = z
  .string()
  .trim()
  .regex(/^-?\d+(\.0+)?$/)
  .transform(Number);
const profileId = z.guid();
const pathChoice = z.enum(['lan', 'cloud']);

/** The page's inclusive bounds for the poll interval under this stale threshold (config/poll-timing.ts's rule). */
export function pollIntervalLimits(context: SettingsContext): { min: number; max: number } {
  return { min: LIMITS.pollIntervalS.min, max: Math.min(LIMITS.pollIntervalS.max, Math.floor(context.staleThresholdS / POLL_TIMING.staleFactor)) };
}

function shown(raw: string): string {
  return raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
}

/** A whole number within the limits, undefined when not answered, or a problem sentence. */
function readNumber(config: ConfigEntries, id: keyof typeof LABELS, limits: { min: number; max: number }, tr: Translator): number | undefined | SettingProblem {
  const raw = configString(config, id);
  if (raw === undefined) return undefined;
  const parsed = wholeNumber.safeParse(raw);
  if (parsed.success && parsed.data >= limits.min && parsed.data <= limits.max) return parsed.data;
  return { settingId: id, message: tr.t('setting.wholeNumber', { label: tr.t(LABELS[id]), min: limits.min, max: limits.max, got: shown(raw) }) };
}

function readPollInterval(config: ConfigEntries, context: SettingsContext, tr: Translator): number | undefined | SettingProblem {
  const value = readNumber(config, 'pollIntervalS', LIMITS.pollIntervalS, tr);
  const label = tr.t(LABELS.pollIntervalS);
  const max = pollIntervalLimits(context).max;
  if (typeof value !== 'number') {
    const got = shown(configString(config, SETTING.pollIntervalS) ?? '');
    if (value) value.message = tr.t('setting.pollWholeNumber', { label, min: LIMITS.pollIntervalS.min, max, got });
    return value;
  }
  // The same rule as .env and the admin page; the sentence speaks of this page's setting.
  if (checkPollTiming({ pollIntervalS: value, staleThresholdS: context.staleThresholdS }).length === 0) return value;
  return { settingId: SETTING.pollIntervalS, message: tr.t('setting.pollTooLong', { label, max, stale: context.staleThresholdS, got: value }) };
}

function readProfileId(config: ConfigEntries, id: 'homeProfileId' | 'roomProfileId', tr: Translator): string | undefined | SettingProblem {
  const raw = configString(config, id);
  if (raw === undefined) return undefined;
  if (profileId.safeParse(raw).success) return raw;
  return { settingId: id, message: tr.t('setting.profileId', { got: shown(raw) }) };
}

function isProblem(value: unknown): value is SettingProblem {
  return typeof value === 'object' && value !== null && 'settingId' in value;
}

/** The answers; refusals in the page's language (`tr`, English for the lifecycle's log). */
export function parseAppSettings(config: ConfigEntries, context: SettingsContext, tr: Translator = englishTranslator()): ParsedAppSettings {
  const problems: SettingProblem[] = [];
  const update: SettingsUpdate = { set: {}, unset: [] };
  const take = <T>(value: T | undefined | SettingProblem, apply: (v: T) => void): void => {
    if (isProblem(value)) problems.push(value);
    else if (value !== undefined) apply(value);
  };

  const homes = configStrings(config, SETTING.homes);
  if (homes.length > 0) update.set.homeIds = homes;
  else update.unset.push('homeIds');
  const path = pathChoice.safeParse(configString(config, SETTING.preferredPath));
  if (path.success && path.data === 'cloud' && (context.cloudPathMissing?.length ?? 0) > 0) {
    problems.push({ settingId: SETTING.preferredPath, message: tr.t('admin.cloudRefused', { missing: (context.cloudPathMissing ?? []).join(', ') }) });
  } else if (path.success) update.set.preferredPath = path.data;

  take(readPollInterval(config, context, tr), (v) => (update.set.pollIntervalS = v));
  take(readNumber(config, 'boostMinutes', LIMITS.boostMinutes, tr), (v) => (update.set.boostMinutes = v));
  take(readNumber(config, 'overrideMinutes', LIMITS.overrideMinutes, tr), (v) => {
    if (v > 0) update.set.defaultOverrideMinutes = v;
    else update.unset.push('defaultOverrideMinutes');
  });
  take(readNumber(config, 'awayHours', LIMITS.awayHours, tr), (v) => {
    if (v > 0) update.set.awayHours = v;
    else update.unset.push('awayHours');
  });

  const profileIds: ParsedAppSettings['profileIds'] = {};
  take(readProfileId(config, 'homeProfileId', tr), (v) => (profileIds.home = v));
  take(readProfileId(config, 'roomProfileId', tr), (v) => (profileIds.room = v));
  return { update, profileIds, problems };
}
