// Netatmo energy webhook payloads (docs/netatmo.md "Webhooks"). Netatmo adds fields freely, so
// unknown keys pass untouched; everything the patch reads is bounded: ids are short, mode words
// come from Netatmo's vocabulary, temperatures lie between 0 °C (a room switched off) and 40 °C,
// end times are 32-bit Unix seconds. An event with anything else in those fields is ignored whole.
import { z } from 'zod';

const MAX_ID_LENGTH = 64;
const MAX_ROOMS = 200;
/** Netatmo's setpoints are 5–30 °C and 0 for "off"; 40 leaves room for cooling setpoints. */
export const MAX_EVENT_TEMPERATURE_C = 40;
const MAX_UNIX_S = 2_147_483_647;

const textId = z.string().min(1).max(MAX_ID_LENGTH);
/** Room ids come as strings or numbers, like in homesdata. */
const roomId = z.union([textId, z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String)]);
const word = z.string().max(MAX_ID_LENGTH);
/** Room setpoint modes (homestatus words; frost_guard as newer payloads spell hg). */
const roomMode = z.enum(['manual', 'max', 'off', 'home', 'schedule', 'away', 'hg', 'frost_guard']);
const homeMode = z.enum(['schedule', 'away', 'hg', 'frost_guard']);
const temperature = z.number().min(0).max(MAX_EVENT_TEMPERATURE_C).nullable().optional();
const endTime = z.number().int().min(0).max(MAX_UNIX_S).nullable().optional();

const webhookRoomSchema = z.looseObject({
  id: roomId,
  therm_setpoint_mode: roomMode.optional(),
  therm_setpoint_temperature: temperature,
  therm_setpoint_end_time: endTime,
});

export const webhookEventSchema = z.looseObject({
  event_type: word.optional(),
  push_type: word.optional(),
  home_id: textId.optional(),
  room_id: roomId.optional(),
  /** set_point: the room's mode; therm_mode: the home's. */
  mode: roomMode.optional(),
  temperature,
  schedule_id: textId.optional(),
  home: z
    .looseObject({
      id: textId.optional(),
      therm_mode: homeMode.optional(),
      rooms: z.array(webhookRoomSchema).max(MAX_ROOMS).optional(),
    })
    .optional(),
});

export type WebhookEvent = z.output<typeof webhookEventSchema>;
export type WebhookRoom = z.output<typeof webhookRoomSchema>;

export function parseWebhookEvent(raw: unknown): WebhookEvent | null {
  const parsed = webhookEventSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
