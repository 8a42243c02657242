// The one schema over the environment (plus .env). Variable names are a contract with the docs,
// the tests and .env.example (every variable is explained there and in docs/operations.md).
import { z } from 'zod';
import { parseLogLevel } from '../util/logger.js';
import { choice, hostList, onOff, secret, shown, text, url, wholeNumber } from './fields.js';

/** Where the SmartThings SDK (@smartthings/core-sdk) sends token refreshes: `${apiUrl}/oauth/token`. */
export const SMARTTHINGS_DEFAULT_API_URL = 'https://api.smartthings.com';
/** SmartThings' key host: the certificates of `/pl/…` signing key ids live under it. */
export const SMARTTHINGS_DEFAULT_KEY_URL = 'https://key.smartthings.com';
export const NETATMO_DEFAULT_API_URL = 'https://api.netatmo.com';

const logLevel = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const value = raw?.trim() || 'info';
    try {
      parseLogLevel(value);
      return value;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message:
          'LOG_LEVEL must be a level (fatal, error, warn, info, debug, trace, silent), optionally with ' +
          `per-module levels like "info,netatmo=debug" (got ${shown(value)})`,
      });
      return z.NEVER;
    }
  });

export const envSchema = z.object({
  NETATMO_CLIENT_ID: text('NETATMO_CLIENT_ID'),
  NETATMO_CLIENT_SECRET: secret('NETATMO_CLIENT_SECRET'),
  NETATMO_REFRESH_TOKEN: secret('NETATMO_REFRESH_TOKEN'),
  NETATMO_API_URL: url('NETATMO_API_URL', { fallback: NETATMO_DEFAULT_API_URL }),
  // Ranges and their relation: checkPollTiming() in the loader (the admin page applies the same rule).
  POLL_INTERVAL_S: wholeNumber('POLL_INTERVAL_S', { fallback: 60, min: 0, what: 'a whole number of seconds' }),
  POLL_POLICY: choice('POLL_POLICY', ['adaptive', 'fixed'], 'adaptive'),
  // The adaptive policy's call allowance per home; their relation is checked by the loader.
  ADAPTIVE_CALLS_PER_HOUR: wholeNumber('ADAPTIVE_CALLS_PER_HOUR', { fallback: 100, min: 20, max: 375, what: 'a whole number of Netatmo calls per hour per home from 20 to 375' }),
  ADAPTIVE_MAX_CALLS_PER_HOUR: wholeNumber('ADAPTIVE_MAX_CALLS_PER_HOUR', { fallback: 150, min: 20, max: 375, what: 'a whole number of Netatmo calls per hour per home from 20 to 375' }),
  STALE_THRESHOLD_S: wholeNumber('STALE_THRESHOLD_S', { fallback: 600, min: 0, what: 'a whole number of seconds' }),
  PORT: wholeNumber('PORT', { fallback: 5000, min: 0, max: 65535, what: 'a port number from 0 to 65535' }),
  HOST: text('HOST', '0.0.0.0'),
  ALLOWED_HOSTS: hostList('ALLOWED_HOSTS'),
  // Unset: the loader's defaultDataDir (./data from a source checkout; the CLI picks a per-user one).
  DATA_DIR: z
    .string()
    .optional()
    .transform((raw) => raw?.trim() || undefined),
  LAN_TOKEN: secret('LAN_TOKEN', { minLength: 16 }),
  SSDP: onOff('SSDP', true),
  PREFERRED_PATH: choice('PREFERRED_PATH', ['lan', 'cloud'], 'lan'),
  PUBLIC_URL: url('PUBLIC_URL', { httpsOnly: true }),
  SMARTAPP_APP_ID: text('SMARTAPP_APP_ID'),
  SMARTAPP_CLIENT_ID: text('SMARTAPP_CLIENT_ID'),
  SMARTAPP_CLIENT_SECRET: secret('SMARTAPP_CLIENT_SECRET'),
  // PEM text or @path; read and checked by the loader (it needs the working directory).
  SMARTAPP_PUBLIC_KEY: z
    .string()
    .optional()
    .transform((raw) => raw?.trim() || undefined),
  SMARTTHINGS_API_URL: url('SMARTTHINGS_API_URL', { fallback: SMARTTHINGS_DEFAULT_API_URL }),
  SMARTTHINGS_TOKEN_URL: url('SMARTTHINGS_TOKEN_URL'),
  SMARTTHINGS_KEY_URL: url('SMARTTHINGS_KEY_URL', { httpsOnly: true }),
  ADMIN_PASSWORD: secret('ADMIN_PASSWORD', { minLength: 8 }),
  LOG_LEVEL: logLevel,
  LOG_FORMAT: choice('LOG_FORMAT', ['auto', 'json', 'pretty'], 'auto'),
  RATE_BUDGET_PER_HOUR: wholeNumber('RATE_BUDGET_PER_HOUR', {
    fallback: 400,
    min: 1,
    max: 500,
    what: "a whole number from 1 to 500 (Netatmo's own limit is 500 per hour)",
  }),
  RATE_BUDGET_PER_10S: wholeNumber('RATE_BUDGET_PER_10S', {
    fallback: 40,
    min: 1,
    max: 50,
    what: "a whole number from 1 to 50 (Netatmo's own limit is 50 per 10 seconds)",
  }),
  METRICS: onOff('METRICS', true),
  SIMULATOR: choice('SIMULATOR', ['auto', 'on', 'off'], 'auto'),
  SIMULATOR_PORT: wholeNumber('SIMULATOR_PORT', { fallback: 0, min: 0, max: 65535, what: 'a port number from 0 to 65535 (0 = random)' }),
  WATCHDOG: onOff('WATCHDOG', true),
});

export type EnvName = keyof typeof envSchema.shape;
export const ENV_NAMES = Object.keys(envSchema.shape) as EnvName[];
export type ParsedEnv = z.output<typeof envSchema>;
