// The diagnostics bundle (docs/operations.md "Diagnostics for a bug report"): one JSON document a
// user can attach to a bug report. Built from allow-listed facts only (this file, live.ts,
// offline.ts), then swept for every known secret and token-shaped text (redact.ts).
import os from 'node:os';
import type { Config } from '../config/index.js';
import type { HealthError } from '../model/types.js';
import type { StoreData, StoreProblem } from '../store/index.js';
import { configView, homeRelative, type ConfigView } from './config-view.js';
import { knownSecrets, sweep } from './redact.js';
import type { PollRecord, StatusChange } from './recorder.js';

export const BUNDLE_KIND = 'netatmo-bridge-diagnostics';
export const BUNDLE_FORMAT_VERSION = 1;

export interface DiagnosticsBundle {
  kind: typeof BUNDLE_KIND;
  formatVersion: number;
  generatedAt: string;
  /** Asked from the running bridge, or read from its data directory while it was stopped. */
  source: 'running-bridge' | 'data-directory';
  redaction: { names: 'kept' | 'replaced'; note: string };
  bridge: Record<string, unknown>;
  config: ConfigView;
  dataFile: Record<string, unknown>;
  netatmo: Record<string, unknown>;
  healthHistory: { statusChanges: StatusChange[]; polls: PollRecord[] } | null;
  lastErrors: Record<string, unknown>;
  state: { revision: number; changedAt: string | null; homes: unknown[] };
  hubs: { lastPollAt: string | null; list: unknown[] } | null;
  smartapp: Record<string, unknown>;
  logs: { note: string; lines: string[] };
}

export interface BundleOptions {
  /** Keep home, room and schedule names (default: replaced by neutral labels). */
  keepNames: boolean;
}

export function platformFacts(version: string): Record<string, unknown> {
  return { version, node: process.version, platform: process.platform, arch: process.arch, osRelease: os.release(), memoryMiB: Math.round(os.totalmem() / 2 ** 20) };
}

export function redactionNote(options: BundleOptions): BundleOptions & { note: string } & { names: 'kept' | 'replaced' } {
  return {
    ...options,
    names: options.keepNames ? 'kept' : 'replaced',
    note: 'Secrets (tokens, client secret, LAN token, passwords and their hashes, SmartApp tokens, session ids, e-mail addresses) are removed; settings are an allow-list.',
  };
}

/** Netatmo connection facts from the data file: never the tokens themselves. */
export function netatmoFacts(data: StoreData | null): Record<string, unknown> {
  const tokens = data?.netatmo.tokens ?? null;
  return {
    credentialsSaved: Boolean(data?.netatmo.credentials),
    connected: tokens !== null,
    movedAt: data?.netatmo.moved?.at ?? null,
    token: tokens ? { obtainedAt: tokens.obtainedAt, expiresAt: tokens.expiresAt, scope: tokens.scope } : null,
  };
}

export function dataFileFacts(file: string, data: StoreData | null, problem: StoreProblem | null): Record<string, unknown> {
  return {
    path: homeRelative(file),
    schemaVersion: data?.schemaVersion ?? null,
    createdAt: data?.createdAt ?? null,
    saving: problem === null,
    problem: problem ? { reason: problem.reason, message: problem.message, since: problem.since } : null,
  };
}

export function smartappFacts(config: Config, data: StoreData | null): Record<string, unknown> {
  const contexts = Object.values(data?.smartthings.contexts ?? {});
  return {
    configured: config.publicUrl !== undefined || config.smartapp.appId !== undefined,
    installations: contexts.map((context) => ({
      installedAppId: context.installedAppId,
      locationId: context.locationId,
      locale: context.locale ?? null,
      hasTokens: context.authToken !== '' && context.refreshToken !== '',
      settings: Object.keys(context.config).sort(),
    })),
  };
}

export function homeErrors(homes: readonly { error?: HealthError | null }[]): { home: string; error: HealthError }[] {
  return homes.flatMap((home, index) => (home.error ? [{ home: `home ${index + 1}`, error: home.error }] : []));
}

/** Warnings and errors among the log lines (pino levels 40+). */
export function logProblems(lines: readonly string[]): string[] {
  return lines.filter((line) => /"level":(4|5|6)\d/.test(line)).slice(-30);
}

/** The finished bundle: the allow-listed parts, swept for every known secret. */
export function finishBundle(parts: Omit<DiagnosticsBundle, 'kind' | 'formatVersion' | 'config'>, config: Config, secretSources: { data: (StoreData | null)[]; extra: string[] }): DiagnosticsBundle {
  const secrets = [...new Set(secretSources.data.flatMap((data) => knownSecrets(data, config, secretSources.extra)))];
  const bundle: DiagnosticsBundle = { kind: BUNDLE_KIND, formatVersion: BUNDLE_FORMAT_VERSION, ...parts, config: configView(config) };
  return sweep(bundle, secrets.sort((a, b) => b.length - a.length));
}
