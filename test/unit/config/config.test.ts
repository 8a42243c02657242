import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENV_NAMES, formatConfigProblems, loadConfig, simulatorWanted, type Config } from '../../../src/config/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bridge-config-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexample\n-----END PUBLIC KEY-----';

/** Load with only the given variables (no process.env, no .env unless asked). */
function load(env: Record<string, string>, options: { envFile?: string | false; stdoutIsTTY?: boolean } = {}) {
  return loadConfig({ env, envFile: options.envFile ?? false, cwd: dir, stdoutIsTTY: options.stdoutIsTTY ?? false });
}

function expectConfig(env: Record<string, string>, options?: { envFile?: string | false; stdoutIsTTY?: boolean }): Config {
  const result = load(env, options);
  if (!result.ok) throw new Error(`expected a valid config, got:\n${formatConfigProblems(result.problems)}`);
  return result.config;
}

function expectProblems(env: Record<string, string>): string[] {
  const result = load(env);
  if (result.ok) throw new Error('expected problems, got a valid config');
  return result.problems;
}

describe('loadConfig: defaults', () => {
  it('gives every setting its documented default when nothing is set', () => {
    const config = expectConfig({});
    expect(config).toEqual<Config>({
      netatmo: { clientId: undefined, clientSecret: undefined, refreshToken: undefined, apiUrl: 'https://api.netatmo.com' },
      pollPolicy: 'adaptive',
      pollIntervalS: 60,
      adaptiveCalls: { perHour: 100, maxPerHour: 150 },
      staleThresholdS: 600,
      port: 5000,
      host: '0.0.0.0',
      allowedHosts: [],
      dataDir: path.join(dir, 'data'),
      lanToken: undefined,
      ssdp: true,
      preferredPath: 'lan',
      publicUrl: undefined,
      smartapp: { appId: undefined, clientId: undefined, clientSecret: undefined, publicKey: undefined },
      smartthingsApiUrl: 'https://api.smartthings.com',
      smartthingsTokenUrl: 'https://api.smartthings.com/oauth/token',
      smartthingsKeyUrl: 'https://key.smartthings.com',
      adminPassword: undefined,
      log: { level: 'info', format: 'json' },
      rateBudget: { perHour: 400, per10s: 40 },
      metrics: true,
      simulator: 'auto',
      simulatorPort: 0,
      watchdog: true,
    });
  });

  it('treats empty values (NAME= in .env) as not set', () => {
    const config = expectConfig({ POLL_INTERVAL_S: '', LAN_TOKEN: '', SSDP: ' ', DATA_DIR: '' });
    expect(config.pollIntervalS).toBe(60);
    expect(config.lanToken).toBeUndefined();
    expect(config.ssdp).toBe(true);
    expect(config.dataDir).toBe(path.join(dir, 'data'));
  });

  it('LOG_FORMAT=auto is pretty on a terminal and json otherwise', () => {
    expect(expectConfig({}, { stdoutIsTTY: true }).log.format).toBe('pretty');
    expect(expectConfig({}, { stdoutIsTTY: false }).log.format).toBe('json');
    expect(expectConfig({ LOG_FORMAT: 'json' }, { stdoutIsTTY: true }).log.format).toBe('json');
    expect(expectConfig({ LOG_FORMAT: 'pretty' }).log.format).toBe('pretty');
  });
});

describe('loadConfig: every variable', () => {
  it('parses a complete cloud-path configuration', async () => {
    await writeFile(path.join(dir, 'key.pem'), `${PEM}\n`);
    const config = expectConfig({
      NETATMO_CLIENT_ID: 'cid',
      NETATMO_CLIENT_SECRET: 'csecret',
      NETATMO_REFRESH_TOKEN: 'rtoken|abc',
      NETATMO_API_URL: 'http://127.0.0.1:4010/',
      POLL_INTERVAL_S: '30',
      POLL_POLICY: 'Fixed',
      ADAPTIVE_CALLS_PER_HOUR: '120',
      ADAPTIVE_MAX_CALLS_PER_HOUR: '200',
      STALE_THRESHOLD_S: '300',
      PORT: '8080',
      HOST: '127.0.0.1',
      ALLOWED_HOSTS: 'Bridge.Example.com, *.home.example.,bridge.example.com',
      DATA_DIR: '/var/lib/bridge',
      LAN_TOKEN: 'x'.repeat(16),
      SSDP: 'off',
      PREFERRED_PATH: 'cloud',
      PUBLIC_URL: 'https://bridge.example.com/',
      SMARTAPP_APP_ID: 'app-id',
      SMARTAPP_CLIENT_ID: 'st-client',
      SMARTAPP_CLIENT_SECRET: 'st-secret',
      SMARTAPP_PUBLIC_KEY: '@key.pem',
      SMARTTHINGS_API_URL: 'http://127.0.0.1:4020',
      SMARTTHINGS_TOKEN_URL: 'http://127.0.0.1:4021/token',
      SMARTTHINGS_KEY_URL: 'http://127.0.0.1:4022/',
      ADMIN_PASSWORD: 'correct horse'.replace(' ', '-'),
      LOG_LEVEL: 'warn,netatmo=debug',
      LOG_FORMAT: 'pretty',
      RATE_BUDGET_PER_HOUR: '500',
      RATE_BUDGET_PER_10S: '50',
      METRICS: 'false',
      SIMULATOR: 'off',
      SIMULATOR_PORT: '4999',
      WATCHDOG: '0',
    });
    expect(config).toEqual<Config>({
      netatmo: { clientId: 'cid', clientSecret: 'csecret', refreshToken: 'rtoken|abc', apiUrl: 'http://127.0.0.1:4010' },
      pollPolicy: 'fixed',
      pollIntervalS: 30,
      adaptiveCalls: { perHour: 120, maxPerHour: 200 },
      staleThresholdS: 300,
      port: 8080,
      host: '127.0.0.1',
      allowedHosts: ['bridge.example.com', '*.home.example'],
      dataDir: '/var/lib/bridge',
      lanToken: 'x'.repeat(16),
      ssdp: false,
      preferredPath: 'cloud',
      publicUrl: 'https://bridge.example.com',
      smartapp: { appId: 'app-id', clientId: 'st-client', clientSecret: 'st-secret', publicKey: `${PEM}\n` },
      smartthingsApiUrl: 'http://127.0.0.1:4020',
      smartthingsTokenUrl: 'http://127.0.0.1:4021/token',
      smartthingsKeyUrl: 'http://127.0.0.1:4022',
      adminPassword: 'correct-horse',
      log: { level: 'warn,netatmo=debug', format: 'pretty' },
      rateBudget: { perHour: 500, per10s: 50 },
      metrics: false,
      simulator: 'off',
      simulatorPort: 4999,
      watchdog: false,
    });
  });

  it.each([
    ['on', true],
    ['ON', true],
    ['true', true],
    ['1', true],
    ['yes', true],
    ['off', false],
    ['False', false],
    ['0', false],
    ['no', false],
  ])('SSDP=%s → %s', (value, expected) => {
    expect(expectConfig({ SSDP: value }).ssdp).toBe(expected);
  });

  it('derives the SmartThings token URL from SMARTTHINGS_API_URL, as the SDK does', () => {
    expect(expectConfig({ SMARTTHINGS_API_URL: 'http://127.0.0.1:7000/' }).smartthingsTokenUrl).toBe('http://127.0.0.1:7000/oauth/token');
  });

  it('derives the SmartThings key URL: key.smartthings.com, or under a changed SMARTTHINGS_API_URL (local fakes)', () => {
    expect(expectConfig({}).smartthingsKeyUrl).toBe('https://key.smartthings.com');
    expect(expectConfig({ SMARTTHINGS_API_URL: 'http://127.0.0.1:7000/' }).smartthingsKeyUrl).toBe('http://127.0.0.1:7000/keys');
    expect(expectConfig({ SMARTTHINGS_KEY_URL: 'https://keys.example.com' }).smartthingsKeyUrl).toBe('https://keys.example.com');
  });

  it('accepts an inline PEM with literal \\n sequences (one-line .env value)', () => {
    const config = expectConfig({ SMARTAPP_PUBLIC_KEY: PEM.replace(/\n/g, '\\n') });
    expect(config.smartapp.publicKey).toBe(`${PEM}\n`);
  });

  it('resolves a relative DATA_DIR against the working directory', () => {
    expect(expectConfig({ DATA_DIR: 'state/bridge' }).dataDir).toBe(path.join(dir, 'state', 'bridge'));
  });
});

describe('loadConfig: .env file', () => {
  it('reads .env and lets the real environment win', async () => {
    await writeFile(path.join(dir, '.env'), ['# comment', 'POLL_INTERVAL_S=45', 'PORT=6000', 'LAN_TOKEN="0123456789abcdef0123"', ''].join('\n'));
    const config = expectConfig({ PORT: '7000' }, { envFile: '.env' });
    expect(config.pollIntervalS).toBe(45);
    expect(config.lanToken).toBe('0123456789abcdef0123');
    expect(config.port).toBe(7000);
  });

  it('uses .env in the working directory by default and is fine without one', async () => {
    expect(loadConfig({ env: {}, cwd: dir }).ok).toBe(true);
    await writeFile(path.join(dir, '.env'), 'PORT=6001\n');
    const result = loadConfig({ env: {}, cwd: dir });
    expect(result.ok && result.config.port).toBe(6001);
  });

  it('warns about unknown names in .env (typos)', async () => {
    await writeFile(path.join(dir, '.env'), 'POLL_INTERVALL_S=30\n');
    const result = load({}, { envFile: '.env' });
    expect(result.ok && result.warnings.join('\n')).toContain('POLL_INTERVALL_S');
  });

  it('reports an unreadable .env instead of ignoring it', async () => {
    // A directory where the file should be: reading it fails with EISDIR, as root too.
    await mkdir(path.join(dir, '.env'));
    const result = load({}, { envFile: '.env' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([`The settings file ${path.join(dir, '.env')} exists but cannot be read (EISDIR)`]);
  });
});

describe('loadConfig: problems', () => {
  it('lists every problem at once, in plain words, with the formatter', () => {
    const result = load({
      POLL_INTERVAL_S: '5',
      PORT: 'eighty',
      SSDP: 'maybe',
      PREFERRED_PATH: 'satellite',
      NETATMO_API_URL: 'ftp://api.netatmo.com',
      LOG_LEVEL: 'loud',
      RATE_BUDGET_PER_HOUR: '900',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'NETATMO_API_URL must be an http:// or https:// URL (got a ftp: URL)',
      'PORT must be a port number from 0 to 65535 (got "eighty")',
      'SSDP must be one of on, off, true, false, 1, 0, yes, no (got "maybe")',
      'PREFERRED_PATH must be one of lan, cloud (got "satellite")',
      'LOG_LEVEL must be a level (fatal, error, warn, info, debug, trace, silent), optionally with per-module levels like "info,netatmo=debug" (got "loud")',
      "RATE_BUDGET_PER_HOUR must be a whole number from 1 to 500 (Netatmo's own limit is 500 per hour) (got \"900\")",
      'POLL_INTERVAL_S (the poll interval) must be a whole number of seconds from 10 to 3600 (got 5)',
    ]);
    const text = formatConfigProblems(result.problems);
    expect(text.split('\n')[0]).toBe('The configuration has 7 problems, so the bridge did not start:');
    expect(text).toContain('\n  - POLL_INTERVAL_S (the poll interval) must be a whole number of seconds from 10 to 3600 (got 5)\n');
    expect(text.endsWith('Fix them in .env or the environment; .env.example documents every setting.')).toBe(true);
  });

  it('says "1 problem" for one', () => {
    expect(formatConfigProblems(['X is wrong']).split('\n')[0]).toBe('The configuration has 1 problem, so the bridge did not start:');
  });

  it.each([
    [{ POLL_INTERVAL_S: '60', STALE_THRESHOLD_S: '60' }, 'STALE_THRESHOLD_S (the stale threshold) must be at least twice POLL_INTERVAL_S (the poll interval): got 60 and 60 seconds'],
    [{ POLL_INTERVAL_S: '700' }, 'STALE_THRESHOLD_S (the stale threshold) must be at least twice POLL_INTERVAL_S (the poll interval): got 600 and 700 seconds'],
    [{ NETATMO_CLIENT_ID: 'cid' }, 'NETATMO_CLIENT_ID is set but NETATMO_CLIENT_SECRET is missing'],
    [{ NETATMO_CLIENT_SECRET: 'sec' }, 'NETATMO_CLIENT_SECRET is set but NETATMO_CLIENT_ID is missing'],
    [{ PREFERRED_PATH: 'cloud', SMARTAPP_APP_ID: 'a' }, 'PREFERRED_PATH=cloud needs PUBLIC_URL, SMARTAPP_CLIENT_ID, SMARTAPP_CLIENT_SECRET'],
    [{ PUBLIC_URL: 'http://bridge.example.com' }, 'PUBLIC_URL must be an https:// URL (got a http: URL)'],
    [{ PUBLIC_URL: 'https://user:pw@bridge.example.com' }, 'PUBLIC_URL must not contain a user name or password'],
    [{ POLL_INTERVAL_S: '1.5' }, 'POLL_INTERVAL_S must be a whole number of seconds (got "1.5")'],
    [{ RATE_BUDGET_PER_10S: '51' }, 'RATE_BUDGET_PER_10S must be a whole number from 1 to 50'],
    [{ ADAPTIVE_CALLS_PER_HOUR: '160' }, 'ADAPTIVE_CALLS_PER_HOUR (the hourly average, got 160) must not exceed ADAPTIVE_MAX_CALLS_PER_HOUR (the most in any hour, got 150)'],
    [{ ADAPTIVE_MAX_CALLS_PER_HOUR: '400' }, 'ADAPTIVE_MAX_CALLS_PER_HOUR must be a whole number of Netatmo calls per hour per home from 20 to 375 (got "400")'],
    [{ ADAPTIVE_CALLS_PER_HOUR: '10' }, 'ADAPTIVE_CALLS_PER_HOUR must be a whole number of Netatmo calls per hour per home from 20 to 375 (got "10")'],
    [{ PORT: '70000' }, 'PORT must be a port number from 0 to 65535 (got "70000")'],
    [{ SIMULATOR: 'sometimes' }, 'SIMULATOR must be one of auto, on, off (got "sometimes")'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be one of auto, json, pretty (got "xml")'],
    [{ HOST: 'my host' }, 'HOST must not contain spaces'],
    [{ ALLOWED_HOSTS: 'ok.example, bad_name.example' }, 'ALLOWED_HOSTS must be host names separated by commas, like "bridge.example.com,*.home.example" (got "bad_name.example")'],
    [{ ALLOWED_HOSTS: 'http://bridge.example' }, 'ALLOWED_HOSTS must be host names separated by commas'],
    [{ ALLOWED_HOSTS: '*' }, 'ALLOWED_HOSTS must be host names separated by commas'],
    [{ SMARTTHINGS_KEY_URL: 'http://keys.example.com' }, 'SMARTTHINGS_KEY_URL must be an https:// URL (got a http: URL)'],
    [{ SMARTAPP_PUBLIC_KEY: 'not a key' }, 'SMARTAPP_PUBLIC_KEY must be a PEM public key'],
    [{ SMARTAPP_PUBLIC_KEY: '@missing.pem' }, 'missing.pem, which cannot be read (ENOENT)'],
  ])('%o → %s', (env, expected) => {
    expect(expectProblems(env).join('\n')).toContain(expected);
  });

  it('accepts http PUBLIC_URL on loopback (tests, local fakes)', () => {
    expect(expectConfig({ PUBLIC_URL: 'http://127.0.0.1:5000' }).publicUrl).toBe('http://127.0.0.1:5000');
  });

  it('never repeats a secret value in a problem', () => {
    const secrets = {
      LAN_TOKEN: 'short-lan',
      ADMIN_PASSWORD: 'pw1',
      NETATMO_CLIENT_SECRET: 'client secret with spaces',
      NETATMO_REFRESH_TOKEN: 'refresh\ttoken',
      SMARTAPP_CLIENT_SECRET: 'smartapp secret',
    };
    const problems = expectProblems(secrets);
    expect(problems).toEqual(
      expect.arrayContaining([
        'LAN_TOKEN is set but too short (needs at least 16 characters)',
        'ADMIN_PASSWORD is set but too short (needs at least 8 characters)',
        'NETATMO_CLIENT_SECRET is set but contains spaces or characters other than printable ASCII',
        'NETATMO_REFRESH_TOKEN is set but contains spaces or characters other than printable ASCII',
        'SMARTAPP_CLIENT_SECRET is set but contains spaces or characters other than printable ASCII',
      ]),
    );
    const text = formatConfigProblems(problems);
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
  });

  it('warns (without failing) about a refresh token with no client credentials', () => {
    const result = load({ NETATMO_REFRESH_TOKEN: 'rt' });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.warnings.join('\n')).toContain('NETATMO_REFRESH_TOKEN is set without NETATMO_CLIENT_ID');
      expect(result.warnings.join('\n')).not.toContain('"rt"');
    }
  });
});

describe('.env.example', () => {
  it('documents every setting and loads as a valid .env', async () => {
    const repoRoot = path.resolve(import.meta.dirname, '../../..');
    const example = await readFile(path.join(repoRoot, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
    for (const name of ENV_NAMES) expect(documented.has(name), `${name} missing from .env.example`).toBe(true);
    const result = loadConfig({ env: {}, envFile: path.join(repoRoot, '.env.example'), cwd: dir, stdoutIsTTY: false });
    expect(result.ok).toBe(true);
  });

  it('leaves DATA_DIR out, so a copy used as the service\'s EnvironmentFile cannot override the unit\'s data directory', async () => {
    const repoRoot = path.resolve(import.meta.dirname, '../../..');
    const example = await readFile(path.join(repoRoot, '.env.example'), 'utf8');
    expect(example).not.toMatch(/^DATA_DIR=/m);
    expect(example).toMatch(/^# DATA_DIR=/m);
    // As systemd would: the unit's DATA_DIR, then the file's variables on top.
    const result = loadConfig({ env: { DATA_DIR: '/var/lib/netatmo-bridge' }, envFile: path.join(repoRoot, '.env.example'), cwd: dir, stdoutIsTTY: false });
    expect(result.ok && result.config.dataDir).toBe('/var/lib/netatmo-bridge');
    const withoutEnv = loadConfig({ env: {}, envFile: path.join(repoRoot, '.env.example'), cwd: dir, stdoutIsTTY: false, defaultDataDir: '/home/pi/.local/share/netatmo-bridge' });
    expect(withoutEnv.ok && withoutEnv.config.dataDir).toBe('/home/pi/.local/share/netatmo-bridge');
  });
});

describe('simulatorWanted', () => {
  const none = { netatmo: { credentials: null } };
  const saved = { netatmo: { credentials: { clientId: 'c', clientSecret: 's' } } };
  it('auto runs the simulator only without credentials in env and store', () => {
    expect(simulatorWanted(expectConfig({}), none)).toBe(true);
    expect(simulatorWanted(expectConfig({}), saved)).toBe(false);
    expect(simulatorWanted(expectConfig({ NETATMO_CLIENT_ID: 'c', NETATMO_CLIENT_SECRET: 's' }), none)).toBe(false);
  });
  it('on and off are obeyed', () => {
    expect(simulatorWanted(expectConfig({ SIMULATOR: 'on', NETATMO_CLIENT_ID: 'c', NETATMO_CLIENT_SECRET: 's' }), saved)).toBe(true);
    expect(simulatorWanted(expectConfig({ SIMULATOR: 'off' }), none)).toBe(false);
  });
});
