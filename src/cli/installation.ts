// What the CLI knows about the local installation without starting a bridge: the configuration
// (even a broken one, as far as it goes), the data file (read only — the running bridge owns it)
// and the address of the running bridge.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { loadConfig, type Config } from '../config/index.js';
import { ENV_NAMES, envSchema } from '../config/schema.js';
import { createNetatmoServices } from '../netatmo/services.js';
import type { TokenManager } from '../netatmo/tokens.js';
import { DATA_FILE_NAME, openFileStore, storeTokenRepository, type Store, type StoreData } from '../store/index.js';
import { silentLogger } from '../util/logger.js';
import { parseStoreText } from '../store/load.js';
import { resolveDataLocation, SERVICE_UNIT_FILE, type DataLocation } from './data-location.js';
import { cliTranslator, type CliIo } from './io.js';
import { isSourceCheckout } from './package-info.js';
import { englishTranslator, type Translator } from '../i18n/translator.js';

export interface Installation {
  /** The configuration; when it has problems, the one built from the variables that did parse. */
  config: Config;
  /** Empty when the configuration is fine. */
  configProblems: string[];
  dataFile: string;
  /** Where a running bridge answers (loopback), from --url or HOST/PORT. */
  bridgeUrl: string;
  /** How the data directory was chosen (see data-location.ts). */
  location: DataLocation;
}

export interface InstallationOptions {
  /** --url */
  url?: string | undefined;
  /** --data-dir */
  dataDir?: string | undefined;
  /** A tool (status, doctor …) uses an installed service's data; the bridge itself never does. */
  forTool?: boolean;
}

export function locateData(io: CliIo, options: InstallationOptions): DataLocation {
  const dotEnv = parseDotenv(readTextOrEmpty(path.join(io.cwd, '.env')));
  return resolveDataLocation({
    dataDirOption: options.dataDir,
    dataDirSetting: io.env.DATA_DIR?.trim() || dotEnv.DATA_DIR?.trim() || undefined,
    cwd: io.cwd,
    env: io.env,
    forTool: options.forTool ?? true,
    isSourceCheckout: isSourceCheckout(),
    serviceUnit: readTextOrNull(SERVICE_UNIT_FILE),
    platform: process.platform,
  });
}

export function loadInstallation(io: CliIo, options: InstallationOptions = {}): Installation {
  const location = locateData(io, options);
  const env = location.source === 'option' ? { ...io.env, DATA_DIR: location.dataDir } : io.env;
  const loadOptions = { env, cwd: io.cwd, envFile: location.envFile, defaultDataDir: location.dataDir };
  const loaded = loadConfig(loadOptions);
  const config = loaded.ok ? loaded.config : fallbackConfig(loadOptions);
  return {
    config,
    configProblems: loaded.ok ? [] : loaded.problems,
    dataFile: path.join(config.dataDir, DATA_FILE_NAME),
    bridgeUrl: options.url?.replace(/\/+$/, '') ?? localBridgeUrl(config),
    location,
  };
}

/** The config from only the variables that parse on their own (so doctor can go on checking). */
function fallbackConfig(options: { env: NodeJS.ProcessEnv; cwd: string; envFile: string; defaultDataDir: string | undefined }): Config {
  const fileVars = parseDotenv(readTextOrEmpty(path.resolve(options.cwd, options.envFile)));
  const merged: Record<string, string | undefined> = { ...fileVars, ...options.env };
  const usable: Record<string, string> = {};
  for (const name of ENV_NAMES) {
    const value = merged[name];
    if (value !== undefined && envSchema.shape[name].safeParse(value).success) usable[name] = value;
  }
  const base = { envFile: false as const, cwd: options.cwd, stdoutIsTTY: false, defaultDataDir: options.defaultDataDir };
  const retried = loadConfig({ ...base, env: usable });
  if (retried.ok) return retried.config;
  // Cross-field problems remain: keep only what locates the installation.
  const minimal: Record<string, string> = {};
  for (const name of ['DATA_DIR', 'PORT', 'HOST', 'NETATMO_API_URL', 'SSDP'] as const) {
    if (usable[name] !== undefined) minimal[name] = usable[name];
  }
  const bare = loadConfig({ ...base, env: minimal });
  if (bare.ok) return bare.config;
  throw new Error(cliTranslator(options).t('cli.configUnreadable'));
}

/**
 * For a tool reading an installed service's data as another user: how to run it as the service user
 * (the data directory is 0700). Empty otherwise.
 */
export function serviceUserHint(
  installation: Pick<Installation, 'location'>,
  command: string,
  tr: Translator = englishTranslator(),
  who: { uid?: number; name?: string } = currentUser(),
): string {
  const { location } = installation;
  if (location.source !== 'service' || !location.serviceUser) return '';
  if (who.uid === 0 || who.name === location.serviceUser) return '';
  return tr.t('cli.serviceUserHint', { user: location.serviceUser, command });
}

function currentUser(): { uid?: number; name?: string } {
  try {
    return { uid: process.getuid?.(), name: os.userInfo().username };
  } catch {
    return { uid: process.getuid?.() };
  }
}

/** A missing or unreadable .env is simply empty here (loadConfig already reported it). */
function readTextOrEmpty(file: string): string {
  return readTextOrNull(file) ?? '';
}

function readTextOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function localBridgeUrl(config: Config): string {
  const host = config.host === '0.0.0.0' || config.host === '::' || config.host === '' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

export type DataFileRead =
  | { kind: 'ok'; data: StoreData }
  | { kind: 'missing' }
  | { kind: 'newer'; fileVersion: number }
  /** `code`: the file could not be read at all (EACCES …); without it, `problem` says what is wrong inside. */
  | { kind: 'unreadable'; problem: string; code?: string };

export async function readDataFile(file: string): Promise<DataFileRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', problem: code ?? 'error', code: code ?? 'error' };
  }
  const parsed = parseStoreText(text, new Date());
  if (parsed.kind === 'ok') return { kind: 'ok', data: parsed.data };
  if (parsed.kind === 'newer') return { kind: 'newer', fileVersion: parsed.fileVersion };
  return { kind: 'unreadable', problem: parsed.problem };
}

/** True when a bridge answers GET /healthz at `url` within 2 s. */
export async function bridgeIsRunning(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The data file and a token manager over it, for commands that run while the bridge is stopped
 * (auth, doctor --refresh). Credentials: the data file's, else the environment's.
 */
export async function offlineTokens(config: Config, options: { withEnvRefreshToken?: boolean } = {}): Promise<{ store: Store; tokens: TokenManager }> {
  const store = await openFileStore({ dataDir: config.dataDir, logger: silentLogger() });
  const { clientId, clientSecret } = config.netatmo;
  const { tokens } = createNetatmoServices({
    repository: storeTokenRepository(store),
    apiUrl: config.netatmo.apiUrl,
    logger: silentLogger(),
    credentials: clientId && clientSecret ? { clientId, clientSecret } : null,
    refreshToken: options.withEnvRefreshToken ? (config.netatmo.refreshToken ?? null) : null,
  });
  return { store, tokens };
}
