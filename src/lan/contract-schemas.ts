// The LAN API's answers as zod schemas (docs/lan-api.md). The server builds its answers from the
// typed model; these schemas are the written-down contract the canonical payloads in
// test/fixtures/lan/ (also read by the Lua driver specs) and the integration tests are checked
// against, so a field added on one side without the other fails a test.
import { z } from 'zod';

const isoOrNull = z.iso.datetime({ offset: true }).nullable();

/** NetatmoErrorKind (src/model/types.ts). */
const errorKindSchema = z.enum([
  'auth', 'invalid_grant', 'rate_limited', 'overloaded', 'server', 'timeout', 'network', 'malformed',
  'device_not_found', 'bad_request', 'forbidden', 'relay_offline', 'not_configured', 'moved', 'unknown',
]);

export const healthErrorSchema = z.strictObject({ kind: errorKindSchema, code: z.number().nullable(), message: z.string(), at: z.iso.datetime({ offset: true }) });

export const moduleSchema = z.strictObject({
  id: z.string(),
  type: z.string(),
  reachable: z.boolean(),
  batteryState: z.string().nullable(),
  batteryPercent: z.number().nullable(),
  rfStrength: z.number().nullable(),
});

export const roomSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['thermostat', 'valves', 'mixed']),
  reachable: z.boolean(),
  measuredC: z.number().nullable(),
  setpointC: z.number().nullable(),
  setpointMode: z.enum(['schedule', 'manual', 'boost', 'off', 'away', 'frostguard']),
  setpointEndsAt: isoOrNull,
  heating: z.boolean().nullable(),
  heatingPowerRequest: z.number().min(0).max(100).nullable(),
  openWindow: z.boolean().nullable(),
  batteryPercent: z.number().nullable(),
  signal: z.enum(['excellent', 'good', 'fair', 'poor', 'unknown']),
  modules: z.array(moduleSchema),
});

export const homeSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  reachable: z.boolean(),
  mode: z.enum(['schedule', 'away', 'frostguard']),
  modeEndsAt: isoOrNull,
  schedules: z.array(z.strictObject({ id: z.string(), name: z.string(), selected: z.boolean() })),
  defaultOverrideMinutes: z.number().int().positive(),
  awayTempC: z.number(),
  frostguardTempC: z.number(),
  requiresSetState: z.boolean(),
  timezone: z.string().nullable(),
  rooms: z.array(roomSchema),
  error: healthErrorSchema.nullable(),
});

export const healthSchema = z.strictObject({
  status: z.enum(['starting', 'ok', 'degraded', 'down', 'auth_required', 'not_configured', 'moved']),
  stale: z.boolean(),
  lastSuccessAt: isoOrNull,
  consecutiveFailures: z.number().int().min(0),
  lastError: healthErrorSchema.nullable(),
  callsLastHour: z.number().int().min(0),
  callsLast10s: z.number().int().min(0),
  budgetPerHour: z.number().int().positive(),
  budgetPer10s: z.number().int().positive(),
  pollIntervalS: z.number().positive(),
  effectivePollIntervalS: z.number().positive(),
  backoffUntil: isoOrNull,
  tokenSaved: z.boolean(),
  /** Only while status is `moved`. */
  movedAt: z.iso.datetime({ offset: true }).optional(),
});

export const bridgeInfoSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  version: z.string(),
  startedAt: z.iso.datetime({ offset: true }),
  preferredPath: z.enum(['lan', 'cloud']),
  simulated: z.boolean(),
});

export const stateDocumentSchema = z.strictObject({
  revision: z.number().int().min(0),
  generatedAt: z.iso.datetime({ offset: true }),
  bridge: bridgeInfoSchema,
  netatmo: healthSchema,
  homes: z.array(homeSchema),
});

export const commandResultSchema = z.strictObject({ revision: z.number().int().min(0), home: homeSchema });
export const refreshResultSchema = z.strictObject({ revision: z.number().int().min(0) });
export const descriptionSchema = z.strictObject({ id: z.string().min(1), name: z.string(), version: z.string(), api: z.literal('v1'), port: z.number().int().min(1).max(65535) });
export const pairResultSchema = z.strictObject({ token: z.string().min(16) });
export const pairingStatusSchema = z.strictObject({
  open: z.boolean(),
  closesAt: isoOrNull,
  reason: z.enum(['first_start', 'requested']).nullable(),
});

export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum([
      'invalid_request',
      'unauthorized',
      'pairing_closed',
      'pairing_lan_only',
      'not_found',
      'not_supported',
      'payload_too_large',
      'rate_limited',
      'netatmo_error',
      'netatmo_unavailable',
      'auth_required',
      'not_configured',
      'moved',
      'internal_error',
    ]),
    message: z.string().min(1),
    details: z.unknown().optional(),
  }),
});

/** details of a 502 netatmo_error: Netatmo's own code and text. */
export const netatmoErrorDetailsSchema = z.strictObject({ netatmoCode: z.number().nullable(), netatmoMessage: z.string().nullable() });
