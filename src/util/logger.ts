// One pino logger for the process; modules take a child with `moduleLogger(root, 'netatmo')`.
// Secrets are redacted by key name wherever they appear in a logged object, so a careless
// `log.info({ tokens })` still prints nothing secret. Messages themselves must never interpolate
// secrets: the redaction works on object keys only. Every line written is also kept, scrubbed, in
// a small ring of recent lines (recentLogLines) for the diagnostics bundle.
import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';
import { LogRing } from './log-ring.js';

export type { Logger };

/** Key names whose values never reach a log line. */
export const SECRET_KEYS = [
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'clientSecret',
  'client_secret',
  'lanToken',
  'token',
  'authToken',
  'authorization',
  'Authorization',
  'password',
  'adminPassword',
  'code',
  'cookie',
  'smartappClientSecret',
  'secret',
  'apiKey',
  'privateKey',
  'idToken',
  'id_token',
  'passwordHash',
  'adminPasswordHash',
  'newPassword',
  'passphrase',
];

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of SECRET_KEYS) {
    if (key === 'code') continue; // `code` is also Netatmo's error code; redacted only under oauth/query objects
    paths.push(key, `*.${key}`, `*.*.${key}`);
  }
  paths.push(
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-api-key"]',
    'res.headers["set-cookie"]',
    'headers.authorization',
    'headers.cookie',
    'query.code',
    'oauth.code',
    // Netatmo-shaped bodies logged by mistake: body.access_token, response.body.refresh_token …
    ...['access_token', 'refresh_token', 'client_secret'].map((key) => `*.*.*.${key}`),
  );
  return paths;
}

export interface LoggerSettings {
  /** "info", or "info,netatmo=debug,lan=warn": a default level plus per-module levels. */
  level: string;
  /** Pretty output for a human at a terminal; JSON otherwise. */
  pretty?: boolean;
  destination?: DestinationStream;
}

export interface ParsedLevels {
  defaultLevel: string;
  modules: Record<string, string>;
}

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function parseLogLevel(spec: string): ParsedLevels {
  const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
  let defaultLevel = 'info';
  const modules: Record<string, string> = {};
  for (const part of parts) {
    const [name, level] = part.includes('=') ? part.split('=', 2) : [undefined, part];
    if (!level || !LEVELS.has(level)) throw new Error(`unknown log level "${level ?? ''}"`);
    if (name) modules[name] = level;
    else defaultLevel = level;
  }
  return { defaultLevel, modules };
}

const moduleLevels = new WeakMap<Logger, Record<string, string>>();
const rings = new WeakMap<Logger, LogRing>();

export function createLogger(settings: LoggerSettings): Logger {
  const { defaultLevel, modules } = parseLogLevel(settings.level);
  const ring = new LogRing();
  const options: LoggerOptions = {
    hooks: { streamWrite: (line) => ring.record(line) },
    level: defaultLevel,
    base: { name: 'netatmo-bridge' },
    redact: { paths: redactPaths(), censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  let logger: Logger;
  if (settings.destination) {
    logger = pino(options, settings.destination);
  } else if (settings.pretty) {
    logger = pino({
      ...options,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' } },
    });
  } else {
    logger = pino(options);
  }
  moduleLevels.set(logger, modules);
  rings.set(logger, ring);
  return logger;
}

/** The last lines the root logger (createLogger) wrote, scrubbed, oldest first; [] for other loggers. */
export function recentLogLines(root: Logger): string[] {
  return rings.get(root)?.lines() ?? [];
}

/** A child logger tagged with the module name, at that module's configured level. */
export function moduleLogger(root: Logger, module: string): Logger {
  // pino repeats a binding given twice ("module":"store","module":"store"): code that names its
  // own module may be handed a logger already named so.
  if (root.bindings().module === module) return root;
  const level = moduleLevels.get(root)?.[module];
  const child = root.child({ module });
  if (level) child.level = level;
  return child;
}

/** A logger that drops everything (unit tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
