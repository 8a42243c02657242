// zod schemas for everything Netatmo sends back. Tolerant on purpose: real payloads drop fields,
// misspell them (open_windows, rf_strenght, expire_in), give room ids as numbers and add new keys
// all the time (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads). Unknown keys pass through; a known key with an unexpected
// type becomes undefined instead of failing the whole answer; a list element that is not an
// object is dropped. Only the structure we cannot do without (the body itself) is required.
import { z } from 'zod';
import type { RawHomeStatusBody, RawHomesDataBody } from '../model/netatmo-raw.js';
import type { RoomMeasurePoint } from './api.js';

// ---------- tolerant building blocks ----------

const optNumber = z.number().finite().optional().catch(undefined);
const optString = z.string().optional().catch(undefined);
const optBoolean = z.boolean().optional().catch(undefined);
const optNullableNumber = z.number().finite().nullable().optional().catch(undefined);
const optStringArray = z.array(z.string()).optional().catch(undefined);

/** Ids are strings; Netatmo's spec types room ids int64 and some payloads send numbers. */
const optId = z
  .union([z.string(), z.number().finite().transform((n) => String(n))])
  .optional()
  .catch(undefined);

/** An array whose elements are parsed one by one; elements that do not fit are dropped. */
function tolerantArray<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .transform((items) =>
      items.flatMap((element) => {
        const parsed = item.safeParse(element);
        return parsed.success ? [parsed.data] : [];
      }),
    )
    .optional()
    .catch(undefined);
}

// ---------- envelopes ----------

/** Read success: `{ body, status: "ok", time_exec, time_server }` (status missing in some captures). */
export const successEnvelopeSchema = z.looseObject({
  body: z.unknown().refine((body) => body !== undefined, 'body is missing'),
  status: optString,
  time_server: optNumber,
  time_exec: optNumber,
});

/** Write success: `{ status: "ok", time_exec, time_server }` without a body. */
export const writeEnvelopeSchema = z.looseObject({
  status: z.literal('ok'),
  time_server: optNumber,
  time_exec: optNumber,
});

/**
 * A write Netatmo answered 200 "ok" but did not (fully) carry out: `body.errors` names what failed,
 * e.g. `{"status":"ok","body":{"home":{"id":…},"errors":[{"code":23,"message":"Already on","id":…}]}}`
 * (pyatmo fixtures/archive/camera_set_state_error_already_on.json). Only a non-empty list counts.
 */
export const writeRefusalSchema = z.looseObject({
  body: z.looseObject({
    errors: z
      .array(z.unknown())
      .min(1)
      .transform((items) =>
        items.map((item) => {
          const entry = z.looseObject({ code: optNumber, message: optString, id: optId }).safeParse(item);
          return entry.success ? entry.data : {};
        }),
      ),
  }),
});

export type WriteRefusal = z.output<typeof writeRefusalSchema>['body']['errors'];

/** The errors of a write answered 200 with `body.errors`, or null when the write was carried out. */
export function parseWriteRefusal(json: unknown): WriteRefusal | null {
  const parsed = writeRefusalSchema.safeParse(json);
  return parsed.success ? parsed.data.body.errors : null;
}

/** API form `{ error: { code, message } }` or OAuth form `{ error: "invalid_grant" }`. */
export const errorEnvelopeSchema = z.looseObject({
  error: z.union([
    z.looseObject({ code: z.union([z.number(), z.string()]), message: z.string().optional() }),
    z.string(),
  ]),
  error_description: z.string().optional(),
});

// ---------- OAuth token response ----------

const DEFAULT_EXPIRES_IN_S = 10_800; // Netatmo access tokens live 3 h (docs/netatmo.md#tokens)

const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional().catch(undefined);

export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  expiresInS: number;
  scope: string[];
}

export const tokenResponseSchema = z
  .looseObject({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1),
    expires_in: seconds,
    expire_in: seconds,
    scope: z
      .union([z.array(z.string()), z.string().transform((s) => s.split(/[\s,]+/).filter(Boolean))])
      .optional()
      .catch(undefined),
  })
  .transform(
    (raw): TokenResponse => ({
      accessToken: raw.access_token,
      refreshToken: raw.refresh_token,
      expiresInS: positiveOr(raw.expires_in, positiveOr(raw.expire_in, DEFAULT_EXPIRES_IN_S)),
      scope: raw.scope ?? [],
    }),
  );

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && value > 0 ? value : fallback;
}

// ---------- homesdata ----------

const zoneRoomSchema = z.looseObject({
  id: optId,
  therm_setpoint_temperature: optNumber,
  therm_setpoint_mode: optString,
});

/** A home schedule (homesdata schedules[], also the synchomeschedule request body). */
export const scheduleSchema = z.looseObject({
  id: optString,
  name: optString,
  type: optString,
  selected: optBoolean,
  default: optBoolean,
  away_temp: optNumber,
  hg_temp: optNumber,
  zones: tolerantArray(
    z.looseObject({ id: optNumber, name: optString, type: optNumber, rooms: tolerantArray(zoneRoomSchema) }),
  ),
  timetable: tolerantArray(z.looseObject({ zone_id: optNumber, m_offset: optNumber })),
});

const topologyRoomSchema = z.looseObject({
  id: optId,
  name: optString,
  type: optString,
  module_ids: optStringArray,
});

const topologyModuleSchema = z.looseObject({
  id: optString,
  type: optString,
  name: optString,
  room_id: optId,
  bridge: optString,
  modules_bridged: optStringArray,
});

const topologyHomeSchema = z.looseObject({
  id: optString,
  name: optString,
  timezone: optString,
  rooms: tolerantArray(topologyRoomSchema),
  modules: tolerantArray(topologyModuleSchema),
  schedules: tolerantArray(scheduleSchema),
  therm_mode: optString,
  therm_mode_endtime: optNullableNumber,
  therm_setpoint_default_duration: optNumber,
  therm_set_point_default_duration: optNumber,
  temperature_control_mode: optString,
});

export const homesDataBodySchema = z.looseObject({
  homes: tolerantArray(topologyHomeSchema),
});

// ---------- homestatus ----------

const statusRoomSchema = z.looseObject({
  id: optId,
  reachable: optBoolean,
  therm_measured_temperature: optNumber,
  therm_setpoint_temperature: optNumber,
  therm_setpoint_mode: optString,
  therm_setpoint_start_time: optNullableNumber,
  therm_setpoint_end_time: optNullableNumber,
  heating_power_request: optNumber,
  anticipating: optBoolean,
  open_window: optBoolean,
  open_windows: optBoolean,
});

const statusModuleSchema = z.looseObject({
  id: optString,
  type: optString,
  reachable: optBoolean,
  battery_state: optString,
  battery_level: optNumber,
  battery_percent: optNumber,
  rf_strength: optNumber,
  rf_strenght: optNumber,
  rf_state: optString,
  wifi_strength: optNumber,
  wifi_strenght: optNumber,
  wifi_state: optString,
  boiler_status: optBoolean,
  bridge: optString,
});

export const homeStatusBodySchema = z.looseObject({
  home: z
    .looseObject({ id: optString, rooms: tolerantArray(statusRoomSchema), modules: tolerantArray(statusModuleSchema) })
    .optional()
    .catch(undefined),
  errors: tolerantArray(z.looseObject({ id: optString, code: optNumber })),
});

// ---------- getroommeasure ----------

const measureValue = z.number().finite().nullable().catch(null);
const measureRow = z.union([z.array(measureValue), measureValue.transform((v) => [v])]);

/** optimize=true: segments `[{ beg_time, step_time, value: [[v…], …] }]`. */
const optimizedMeasureSchema = z.array(
  z.looseObject({ beg_time: z.number(), step_time: z.number().optional().catch(undefined), value: z.array(measureRow) }),
);

/** optimize=false: `{ "<unix s>": [v…] }`. */
const keyedMeasureSchema = z.record(z.string().regex(/^\d+$/), measureRow);

export const roomMeasureBodySchema = z.union([optimizedMeasureSchema, keyedMeasureSchema]).transform((body): RoomMeasurePoint[] => {
  const points: RoomMeasurePoint[] = [];
  if (Array.isArray(body)) {
    for (const segment of body) {
      const step = segment.step_time ?? 0;
      segment.value.forEach((values, index) => points.push({ time: segment.beg_time + index * step, values }));
    }
  } else {
    for (const [time, values] of Object.entries(body)) points.push({ time: Number(time), values });
  }
  return points.sort((a, b) => a.time - b.time);
});

// ---------- typed parse helpers ----------

export type SchemaResult<T> = { ok: true; value: T } | { ok: false; issue: string };

function run<T>(schema: z.ZodType<T>, input: unknown): SchemaResult<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  const path = first && first.path.length > 0 ? first.path.join('.') : '(root)';
  return { ok: false, issue: `${path}: ${first?.message ?? 'invalid'}` };
}

export function parseHomesDataBody(body: unknown): SchemaResult<RawHomesDataBody> {
  return run<RawHomesDataBody>(homesDataBodySchema, body);
}

export function parseHomeStatusBody(body: unknown): SchemaResult<RawHomeStatusBody> {
  return run<RawHomeStatusBody>(homeStatusBodySchema, body);
}

export function parseRoomMeasureBody(body: unknown): SchemaResult<RoomMeasurePoint[]> {
  return run(roomMeasureBodySchema, body);
}

export function parseTokenResponse(json: unknown): SchemaResult<TokenResponse> {
  return run(tokenResponseSchema, json);
}

export function parseSuccessEnvelope(json: unknown): SchemaResult<z.output<typeof successEnvelopeSchema>> {
  return run(successEnvelopeSchema, json);
}

export function parseWriteEnvelope(json: unknown): SchemaResult<z.output<typeof writeEnvelopeSchema>> {
  return run(writeEnvelopeSchema, json);
}

export function parseErrorEnvelope(json: unknown): SchemaResult<z.output<typeof errorEnvelopeSchema>> {
  return run(errorEnvelopeSchema, json);
}
