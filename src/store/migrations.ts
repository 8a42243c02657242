// Step-by-step upgrades of the data file. MIGRATIONS[n] turns version n into version n + 1; the
// loader applies them in order until CURRENT_SCHEMA_VERSION, then validates with the schema.
// A file from a NEWER version is never touched: the caller refuses to start instead.
// To change the shape: bump CURRENT_SCHEMA_VERSION in types.ts, add MIGRATIONS[old], add a test.
import { CURRENT_SCHEMA_VERSION } from './types.js';
import { createDefaultData } from './defaults.js';

type Json = Record<string, unknown>;

export interface MigrationContext {
  now: Date;
}

type Migration = (data: Json, context: MigrationContext) => Json;

export type MigrationOutcome =
  | { kind: 'ok'; data: Json; fromVersion: number }
  | { kind: 'newer'; fileVersion: number }
  | { kind: 'invalid'; problem: string };

/**
 * Version 0: the first prototype's file (no schemaVersion), Netatmo's own snake_case token fields:
 * `{ tokens: { access_token, refresh_token, expires_at, scope? }, client_id?, client_secret?,
 *    bridge_id?, lan_token? }`. expires_at may be epoch seconds, epoch milliseconds or ISO text.
 * The refresh token is the one thing that must survive: it cannot be recovered without the user.
 */
function migrateV0toV1(v0: Json, { now }: MigrationContext): Json {
  const fresh = createDefaultData(now);
  const tokens = asObject(v0.tokens);
  const refreshToken = asString(tokens?.refresh_token) ?? asString(tokens?.refreshToken);
  const clientId = asString(v0.client_id);
  const clientSecret = asString(v0.client_secret);
  return {
    schemaVersion: 1,
    bridgeId: asString(v0.bridge_id) ?? fresh.bridgeId,
    lanToken: asString(v0.lan_token) ?? fresh.lanToken,
    createdAt: fresh.createdAt,
    netatmo: {
      credentials: clientId && clientSecret ? { clientId, clientSecret } : null,
      tokens: refreshToken
        ? {
            accessToken: asString(tokens?.access_token) ?? '',
            refreshToken,
            // An unknown expiry counts as expired: the token manager refreshes at once.
            expiresAt: toIsoTime(tokens?.expires_at) ?? new Date(0).toISOString(),
            scope: toScopeList(tokens?.scope),
            obtainedAt: now.toISOString(),
          }
        : null,
    },
    state: fresh.state,
    health: fresh.health,
    settings: {},
    smartthings: { contexts: {} },
    web: { adminPasswordHash: null },
  };
}

/** Version 2 adds what the adaptive poll policy learns (`polling.activity`, empty at first). */
function migrateV1toV2(v1: Json): Json {
  return { ...v1, schemaVersion: 2, polling: asObject(v1.polling) ?? { activity: {} } };
}

const MIGRATIONS: Record<number, Migration> = {
  0: migrateV0toV1,
  1: migrateV1toV2,
};

/** Bring parsed JSON up to CURRENT_SCHEMA_VERSION (not yet validated). */
export function migrate(raw: unknown, context: MigrationContext): MigrationOutcome {
  const data = asObject(raw);
  if (!data) return { kind: 'invalid', problem: 'the file does not hold a JSON object' };
  const declared = data.schemaVersion;
  // Without a version, only the first prototype's shape counts as format 0. Anything else (`{}`,
  // unknown fields) is damage: "migrating" it would start empty and soon overwrite the backup.
  if (declared === undefined && !looksLikeVersion0(data)) {
    return { kind: 'invalid', problem: 'the file has no format version (schemaVersion) and is not a file of the first format' };
  }
  const fromVersion = declared === undefined ? 0 : declared;
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 0) {
    return { kind: 'invalid', problem: 'schemaVersion is not a whole number' };
  }
  if (fromVersion > CURRENT_SCHEMA_VERSION) return { kind: 'newer', fileVersion: fromVersion };
  let current = data;
  for (let version = fromVersion; version < CURRENT_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) return { kind: 'invalid', problem: `no migration from data format ${version}` };
    current = step(current, context);
  }
  return { kind: 'ok', data: current, fromVersion };
}

/** The first prototype always wrote its Netatmo tokens or client credentials (snake_case). */
function looksLikeVersion0(data: Json): boolean {
  const tokens = asObject(data.tokens);
  if (tokens && (asString(tokens.refresh_token) ?? asString(tokens.refreshToken))) return true;
  return [data.client_id, data.client_secret, data.bridge_id, data.lan_token].some((value) => asString(value) !== undefined);
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function toIsoTime(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Before 2001-09 in ms is 1e12; any real expiry in seconds is far below that.
    return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  }
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  return undefined;
}

function toScopeList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}
