// zod schema of the data file at CURRENT_SCHEMA_VERSION. Tolerant by design: unknown fields are
// kept (a newer minor release may add some), optional sections get defaults. Strict only where a
// missing value would silently cost the user something (identity, LAN token, Netatmo tokens).
import { z } from 'zod';
import type { StoreData } from './types.js';

const tokensSchema = z.looseObject({
  accessToken: z.string(),
  refreshToken: z.string().min(1),
  expiresAt: z.string(),
  scope: z.array(z.string()).default(() => []),
  obtainedAt: z.string(),
});

const credentialsSchema = z.looseObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});

const healthErrorSchema = z.looseObject({
  kind: z.string(),
  code: z.number().nullable(),
  message: z.string(),
  at: z.string(),
});

// Homes are produced by our own normaliser; the file check only guards the envelope.
const homeSchema = z.looseObject({ id: z.string(), rooms: z.array(z.looseObject({ id: z.string() })) });

const settingsSchema = z.looseObject({
  pollIntervalS: z.number().int().positive().optional(),
  // An unknown policy (a newer version's) falls back to the configured one rather than failing the file.
  pollPolicy: z.enum(['adaptive', 'fixed']).optional().catch(undefined),
  staleThresholdS: z.number().int().positive().optional(),
  preferredPath: z.enum(['lan', 'cloud']).optional(),
  homeIds: z.array(z.string()).optional(),
  defaultOverrideMinutes: z.number().positive().optional(),
  boostMinutes: z.number().positive().optional(),
  awayHours: z.number().positive().optional(),
});

const contextSchema = z.looseObject({
  installedAppId: z.string(),
  locationId: z.string(),
  authToken: z.string(),
  refreshToken: z.string(),
  config: z.record(z.string(), z.unknown()),
  locale: z.string().optional(),
});

export const storeDataSchema = z.looseObject({
  schemaVersion: z.number().int().nonnegative(),
  bridgeId: z.string().min(1),
  lanToken: z.string().min(1),
  createdAt: z.string().min(1),
  netatmo: z.looseObject({
    credentials: credentialsSchema.nullable().default(null),
    tokens: tokensSchema.nullable().default(null),
    // Absent in files written before moving existed: not moved.
    moved: z.looseObject({ at: z.string().min(1), exportId: z.string().min(1) }).nullable().default(null),
  }),
  state: z
    .looseObject({
      revision: z.number().int().nonnegative(),
      changedAt: z.string().nullable(),
      homes: z.array(homeSchema),
    })
    .default(() => ({ revision: 0, changedAt: null, homes: [] })),
  health: z
    .looseObject({
      lastSuccessAt: z.string().nullable(),
      lastError: healthErrorSchema.nullable(),
      authRequired: z.boolean(),
    })
    .default(() => ({ lastSuccessAt: null, lastError: null, authRequired: false })),
  settings: settingsSchema.default(() => ({})),
  smartthings: z.looseObject({ contexts: z.record(z.string(), contextSchema) }).default(() => ({ contexts: {} })),
  web: z.looseObject({ adminPasswordHash: z.string().nullable() }).default(() => ({ adminPasswordHash: null })),
  // Learnt data only: each profile is checked where it is read (src/polling/activity-store.ts), so a
  // damaged one is dropped instead of failing the whole file.
  polling: z.looseObject({ activity: z.record(z.string(), z.unknown()).catch(() => ({})) }).default(() => ({ activity: {} })),
});

export type ValidationResult = { ok: true; data: StoreData } | { ok: false; problems: string[] };

/**
 * Check data against the schema. Problems name the field and the rule, never the value (the file
 * holds secrets).
 */
export function validateStoreData(input: unknown): ValidationResult {
  const result = storeDataSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { ok: false, problems };
  }
  // The schema checks the envelope; nested domain objects (homes, errors) come from our own code and
  // keep their full type. Checked above, so the cast only narrows the loose object types.
  return { ok: true, data: result.data as unknown as StoreData };
}
