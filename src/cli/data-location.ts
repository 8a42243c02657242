// Where the data directory and the settings file are, for a bridge started with `netatmo-bridge`
// and for the CLI tools. One rule, in this order:
//   1. --data-dir, 2. DATA_DIR (environment or .env),
//   3. for the tools (status, pair, doctor, auth …): the installed service's directory and settings
//      file, read from its unit — so `netatmo-bridge doctor` looks where the service runs,
//   4. a source checkout (the package has src/main.ts): ./data, as `npm start` has always used,
//   5. an installed package: the per-user data directory ($XDG_DATA_HOME/netatmo-bridge, else
//      ~/.local/share/netatmo-bridge).
// Pure apart from the injected file reads, so every branch is tested.
import path from 'node:path';

export const SERVICE_NAME = 'netatmo-bridge';
export const SERVICE_UNIT_FILE = `/etc/systemd/system/${SERVICE_NAME}.service`;
export const SERVICE_DATA_DIR = `/var/lib/${SERVICE_NAME}`;
export const SERVICE_ENV_FILE = `/etc/${SERVICE_NAME}/bridge.env`;

export type DataSource = 'option' | 'environment' | 'service' | 'checkout' | 'user';

export interface DataLocation {
  /** Absolute, or undefined when DATA_DIR (environment/.env) decides. */
  dataDir: string | undefined;
  /** The settings file to read: .env in the working directory, or the service's. */
  envFile: string;
  source: DataSource;
  /** The service user, when the tools use the service's data. */
  serviceUser?: string;
}

export interface LocationFacts {
  dataDirOption: string | undefined;
  /** DATA_DIR from the environment or the working directory's .env. */
  dataDirSetting: string | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The bridge itself (start/demo) never takes over the service's data. */
  forTool: boolean;
  isSourceCheckout: boolean;
  /** Text of the installed unit, or null. */
  serviceUnit: string | null;
  platform: NodeJS.Platform;
}

export function resolveDataLocation(facts: LocationFacts): DataLocation {
  const dotEnv = path.join(facts.cwd, '.env');
  if (facts.dataDirOption) return { dataDir: path.resolve(facts.cwd, facts.dataDirOption), envFile: dotEnv, source: 'option' };
  if (facts.dataDirSetting) return { dataDir: undefined, envFile: dotEnv, source: 'environment' };
  if (facts.forTool && facts.serviceUnit !== null) {
    const unit = readUnitFacts(facts.serviceUnit);
    return { dataDir: unit.dataDir ?? SERVICE_DATA_DIR, envFile: unit.envFile ?? SERVICE_ENV_FILE, source: 'service', serviceUser: unit.user };
  }
  if (facts.isSourceCheckout) return { dataDir: path.resolve(facts.cwd, 'data'), envFile: dotEnv, source: 'checkout' };
  return { dataDir: userDataDir(facts.env, facts.platform), envFile: dotEnv, source: 'user' };
}

/** The per-user data directory of an installed package. */
export function userDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? '.';
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), SERVICE_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', SERVICE_NAME);
  const xdg = env.XDG_DATA_HOME;
  // The XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'share'), SERVICE_NAME);
}

/** User=, Environment=DATA_DIR= and EnvironmentFile= of our unit (the last one wins, as in systemd). */
export function readUnitFacts(unit: string): { user?: string; dataDir?: string; envFile?: string } {
  const facts: { user?: string; dataDir?: string; envFile?: string } = {};
  for (const raw of unit.split('\n')) {
    const line = raw.trim();
    const user = /^User=(\S+)$/.exec(line);
    if (user?.[1]) facts.user = user[1];
    const dataDir = /^Environment="?DATA_DIR=([^"\s]+)"?$/.exec(line);
    if (dataDir?.[1]) facts.dataDir = dataDir[1];
    const envFile = /^EnvironmentFile=-?(\S+)$/.exec(line);
    if (envFile?.[1]) facts.envFile = envFile[1];
  }
  return facts;
}
