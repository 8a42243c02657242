// What an export carries (docs/operations.md "Move to a new machine"): everything a new machine
// needs to take over — identity (bridge id: SSDP, SmartThings device ids), the LAN token (paired
// hubs keep working), the Netatmo app credentials and token pair, the settings, the SmartApp
// installations with their tokens, what adaptive polling learnt, and the last known homes (so
// the new bridge starts like a restarted one instead of with an empty home list).
// Left out on purpose: the admin password hash (each machine keeps its own sign-in), the data
// file's creation time (it opens the first pairing window), health errors, logs and backups.
import { z } from 'zod';
import type { StoreData } from '../store/index.js';
import { MoveError } from './errors.js';

export const PAYLOAD_VERSION = 1;

const tokensSchema = z.looseObject({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.string().min(1),
  scope: z.array(z.string()),
  obtainedAt: z.string().min(1),
});

const contextSchema = z.looseObject({
  installedAppId: z.string().min(1),
  locationId: z.string(),
  authToken: z.string(),
  refreshToken: z.string(),
  config: z.record(z.string(), z.unknown()),
});

export const payloadSchema = z.strictObject({
  payloadVersion: z.literal(PAYLOAD_VERSION),
  exportId: z.uuid(),
  exportedAt: z.iso.datetime({ offset: true }),
  bridgeId: z.string().min(1).max(200),
  lanToken: z.string().min(16).max(500),
  netatmo: z.strictObject({
    credentials: z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1) }).nullable(),
    tokens: tokensSchema.nullable(),
  }),
  settings: z.record(z.string(), z.unknown()),
  smartthings: z.strictObject({ contexts: z.record(z.string(), contextSchema) }),
  state: z.strictObject({
    revision: z.number().int().nonnegative(),
    changedAt: z.string().nullable(),
    homes: z.array(z.looseObject({ id: z.string(), rooms: z.array(z.looseObject({ id: z.string() })) })),
  }),
  lastSuccessAt: z.string().nullable(),
  /** What adaptive polling learnt, when the exporting bridge had it (kept as it was). */
  polling: z.record(z.string(), z.unknown()).optional(),
});

export type ExportPayload = z.infer<typeof payloadSchema>;

/** The payload of an export taken from `data` (pure). */
export function payloadFrom(data: StoreData, exportId: string, exportedAt: string): ExportPayload {
  const polling = (data as unknown as { polling?: Record<string, unknown> }).polling;
  return {
    payloadVersion: PAYLOAD_VERSION,
    exportId,
    exportedAt,
    bridgeId: data.bridgeId,
    lanToken: data.lanToken,
    netatmo: { credentials: data.netatmo.credentials, tokens: data.netatmo.tokens ? { ...data.netatmo.tokens } : null },
    settings: { ...data.settings },
    smartthings: { contexts: structuredClone(data.smartthings.contexts) },
    state: { revision: data.state.revision, changedAt: data.state.changedAt, homes: structuredClone(data.state.homes) as unknown as ExportPayload['state']['homes'] },
    lastSuccessAt: data.health.lastSuccessAt,
    ...(polling ? { polling: structuredClone(polling) } : {}),
  };
}

/** The decrypted bytes as a payload, checked; the export id must be the envelope's. */
export function parsePayload(plaintext: Buffer, exportId: string): ExportPayload {
  let raw: unknown;
  try {
    raw = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new MoveError('invalid_payload');
  }
  const version = (raw as { payloadVersion?: unknown } | null)?.payloadVersion;
  if (typeof version === 'number' && version > PAYLOAD_VERSION) throw new MoveError('unsupported_version');
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success || parsed.data.exportId !== exportId) throw new MoveError('invalid_payload');
  return parsed.data;
}

/**
 * Puts the payload into `draft` (the data file being written). The state revision rises past both
 * machines' so a hub's cached ETag never names the imported homes wrongly; health starts afresh
 * apart from the last success (the data's age).
 */
export function applyPayload(draft: StoreData, payload: ExportPayload): void {
  draft.bridgeId = payload.bridgeId;
  draft.lanToken = payload.lanToken;
  draft.netatmo = { credentials: payload.netatmo.credentials, tokens: payload.netatmo.tokens, moved: null };
  draft.settings = payload.settings;
  draft.smartthings = { ...draft.smartthings, contexts: payload.smartthings.contexts };
  draft.state = {
    revision: Math.max(draft.state.revision, payload.state.revision) + 1,
    changedAt: payload.state.changedAt,
    homes: payload.state.homes as unknown as StoreData['state']['homes'],
  };
  draft.health = { lastSuccessAt: payload.lastSuccessAt, lastError: null, authRequired: false };
  if (payload.polling) (draft as unknown as { polling: Record<string, unknown> }).polling = payload.polling;
}
