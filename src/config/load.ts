// loadConfig(): environment + .env → typed Config, or the complete list of problems. The real
// environment wins over .env. Nothing here exits or logs: main.ts prints formatConfigProblems()
// and exits non-zero, so the bridge never starts half configured.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { cloudPathMissing } from './cloud-path.js';
import { checkPollTiming } from './poll-timing.js';
import { ENV_NAMES, envSchema, SMARTTHINGS_DEFAULT_API_URL, SMARTTHINGS_DEFAULT_KEY_URL, type EnvName, type ParsedEnv } from './schema.js';
import type { Config, LoadConfigResult } from './types.js';

export interface LoadConfigOptions {
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Path of the .env file (relative to cwd), or false to read none. Defaults to `.env`. */
  envFile?: string | false;
  /** Base for DATA_DIR, .env and SMARTAPP_PUBLIC_KEY=@path. Defaults to process.cwd(). */
  cwd?: string;
  /** Whether stdout is a terminal (LOG_FORMAT=auto). Defaults to process.stdout.isTTY. */
  stdoutIsTTY?: boolean;
  /** The data directory when DATA_DIR is not set (relative to cwd). Defaults to ./data. */
  defaultDataDir?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): LoadConfigResult {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const problems: string[] = [];
  const warnings: string[] = [];

  const fileVars = readEnvFile(options.envFile, cwd, problems);
  const env: Record<string, string | undefined> = { ...fileVars, ...(options.env ?? process.env) };
  const unknown = Object.keys(fileVars).filter((name) => !(ENV_NAMES as string[]).includes(name));
  if (unknown.length > 0) warnings.push(`.env sets ${unknown.join(', ')}, which the bridge does not use (a typo?)`);

  const values = parseEachVariable(env, problems);
  const publicKey = resolvePublicKey(values.SMARTAPP_PUBLIC_KEY, cwd, problems);
  problems.push(...crossFieldProblems(values));
  warnings.push(...crossFieldWarnings(values));
  if (problems.length > 0) return { ok: false, problems };

  return { ok: true, config: buildConfig(values as ParsedEnv, publicKey, cwd, options), warnings };
}

/** Each variable on its own, so every problem is found and cross-checks can use what did parse. */
function parseEachVariable(env: Record<string, string | undefined>, problems: string[]): Partial<ParsedEnv> {
  const parsed: Partial<Record<EnvName, unknown>> = {};
  for (const name of ENV_NAMES) {
    const result = envSchema.shape[name].safeParse(env[name]);
    if (result.success) parsed[name] = result.data;
    else problems.push(...result.error.issues.map((issue) => (issue.code === 'custom' ? issue.message : `${name}: ${issue.message}`)));
  }
  return parsed as Partial<ParsedEnv>;
}

/** The typed Config from variables that all parsed. */
function buildConfig(v: ParsedEnv, publicKey: Config['smartapp']['publicKey'], cwd: string, options: LoadConfigOptions): Config {
  return {
    netatmo: {
      clientId: v.NETATMO_CLIENT_ID,
      clientSecret: v.NETATMO_CLIENT_SECRET,
      refreshToken: v.NETATMO_REFRESH_TOKEN,
      apiUrl: v.NETATMO_API_URL ?? '',
    },
    pollPolicy: v.POLL_POLICY,
    pollIntervalS: v.POLL_INTERVAL_S,
    adaptiveCalls: { perHour: v.ADAPTIVE_CALLS_PER_HOUR, maxPerHour: v.ADAPTIVE_MAX_CALLS_PER_HOUR },
    staleThresholdS: v.STALE_THRESHOLD_S,
    port: v.PORT,
    host: v.HOST ?? '0.0.0.0',
    allowedHosts: v.ALLOWED_HOSTS,
    dataDir: path.resolve(cwd, v.DATA_DIR ?? options.defaultDataDir ?? './data'),
    lanToken: v.LAN_TOKEN,
    ssdp: v.SSDP,
    preferredPath: v.PREFERRED_PATH,
    publicUrl: v.PUBLIC_URL,
    smartapp: {
      appId: v.SMARTAPP_APP_ID,
      clientId: v.SMARTAPP_CLIENT_ID,
      clientSecret: v.SMARTAPP_CLIENT_SECRET,
      publicKey,
    },
    smartthingsApiUrl: v.SMARTTHINGS_API_URL ?? '',
    // Same rule as the SmartThings SDK: the token endpoint lives under the API base URL.
    smartthingsTokenUrl: v.SMARTTHINGS_TOKEN_URL ?? `${v.SMARTTHINGS_API_URL ?? ''}/oauth/token`,
    smartthingsKeyUrl: v.SMARTTHINGS_KEY_URL ?? defaultKeyUrl(v.SMARTTHINGS_API_URL),
    adminPassword: v.ADMIN_PASSWORD,
    log: {
      level: v.LOG_LEVEL,
      format: v.LOG_FORMAT === 'auto' ? ((options.stdoutIsTTY ?? process.stdout.isTTY) ? 'pretty' : 'json') : v.LOG_FORMAT,
    },
    rateBudget: { perHour: v.RATE_BUDGET_PER_HOUR, per10s: v.RATE_BUDGET_PER_10S },
    metrics: v.METRICS,
    simulator: v.SIMULATOR,
    simulatorPort: v.SIMULATOR_PORT,
    watchdog: v.WATCHDOG,
  };
}

/** SmartThings' key host; with another API URL (a local fake) key look-ups go there too, never outside. */
function defaultKeyUrl(apiUrl: string | undefined): string {
  return apiUrl === undefined || apiUrl === SMARTTHINGS_DEFAULT_API_URL ? SMARTTHINGS_DEFAULT_KEY_URL : `${apiUrl}/keys`;
}

function readEnvFile(envFile: string | false | undefined, cwd: string, problems: string[]): Record<string, string> {
  if (envFile === false) return {};
  const file = path.resolve(cwd, envFile ?? '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
    // No .env is normal (settings may all come from the environment); an unreadable one is not.
    if (code !== 'ENOENT') problems.push(`The settings file ${file} exists but cannot be read (${code})`);
    return {};
  }
  return parseDotenv(text);
}

function resolvePublicKey(raw: string | undefined, cwd: string, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  let pem = raw;
  if (raw.startsWith('@')) {
    const file = path.resolve(cwd, raw.slice(1));
    try {
      pem = readFileSync(file, 'utf8');
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
      problems.push(`SMARTAPP_PUBLIC_KEY points to ${file}, which cannot be read (${code})`);
      return undefined;
    }
  }
  // A PEM pasted into .env on one line often carries literal "\n" sequences.
  pem = pem.replace(/\\n/g, '\n').replace(/\r\n/g, '\n').trim();
  if (!/^-----BEGIN [A-Z ]+-----\n[\s\S]+\n-----END [A-Z ]+-----$/.test(pem)) {
    problems.push('SMARTAPP_PUBLIC_KEY must be a PEM public key ("-----BEGIN PUBLIC KEY-----" …) or @path to a file holding one');
    return undefined;
  }
  return `${pem}\n`;
}

function crossFieldProblems(v: Partial<ParsedEnv>): string[] {
  const problems: string[] = [];
  if (v.POLL_INTERVAL_S !== undefined && v.STALE_THRESHOLD_S !== undefined) {
    problems.push(...checkPollTiming({ pollIntervalS: v.POLL_INTERVAL_S, staleThresholdS: v.STALE_THRESHOLD_S }).map((p) => p.message));
  }
  if (v.ADAPTIVE_CALLS_PER_HOUR !== undefined && v.ADAPTIVE_MAX_CALLS_PER_HOUR !== undefined && v.ADAPTIVE_CALLS_PER_HOUR > v.ADAPTIVE_MAX_CALLS_PER_HOUR) {
    problems.push(
      `ADAPTIVE_CALLS_PER_HOUR (the hourly average, got ${v.ADAPTIVE_CALLS_PER_HOUR}) must not exceed ADAPTIVE_MAX_CALLS_PER_HOUR (the most in any hour, got ${v.ADAPTIVE_MAX_CALLS_PER_HOUR})`,
    );
  }
  if (v.NETATMO_CLIENT_ID && !v.NETATMO_CLIENT_SECRET) {
    problems.push('NETATMO_CLIENT_ID is set but NETATMO_CLIENT_SECRET is missing (both come from your app at dev.netatmo.com)');
  }
  if (v.NETATMO_CLIENT_SECRET && !v.NETATMO_CLIENT_ID) {
    problems.push('NETATMO_CLIENT_SECRET is set but NETATMO_CLIENT_ID is missing (both come from your app at dev.netatmo.com)');
  }
  if (v.PREFERRED_PATH === 'cloud') {
    const missing = cloudPathMissing({
      publicUrl: v.PUBLIC_URL,
      smartapp: { appId: v.SMARTAPP_APP_ID, clientId: v.SMARTAPP_CLIENT_ID, clientSecret: v.SMARTAPP_CLIENT_SECRET },
    });
    if (missing.length > 0) {
      problems.push(`PREFERRED_PATH=cloud needs ${missing.join(', ')} (the SmartApp registered in the SmartThings Developer Workspace)`);
    }
  }
  return problems;
}

function crossFieldWarnings(v: Partial<ParsedEnv>): string[] {
  const warnings: string[] = [];
  if (v.NETATMO_REFRESH_TOKEN && !v.NETATMO_CLIENT_ID) {
    warnings.push('NETATMO_REFRESH_TOKEN is set without NETATMO_CLIENT_ID/NETATMO_CLIENT_SECRET: it is used only if client credentials were saved on the setup page');
  }
  if (v.SIMULATOR === 'on' && v.NETATMO_CLIENT_ID) {
    warnings.push('SIMULATOR=on: the bridge talks to the built-in simulated home, not to your Netatmo account');
  }
  return warnings;
}
