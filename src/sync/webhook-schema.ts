// Netatmo energy webhook payloads (netatmo-api.md §6.2), validated loosely: Netatmo adds fields
// freely, so unknown keys pass; only what the patch reads is typed. Anything else is ignored.
import { z } from 'zod';

const nullableNumber = z.number().finite().nullable().optional();

const webhookRoomSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    therm_setpoint_mode: z.string().optional(),
    therm_setpoint_temperature: nullableNumber,
    therm_setpoint_end_time: nullableNumber,
  })
  .loose();

export const webhookEventSchema = z
  .object({
    event_type: z.string().optional(),
    push_type: z.string().optional(),
    home_id: z.string().optional(),
    room_id: z.union([z.string(), z.number()]).transform(String).optional(),
    mode: z.string().optional(),
    temperature: nullableNumber,
    schedule_id: z.string().optional(),
    home: z
      .object({
        id: z.string().optional(),
        therm_mode: z.string().optional(),
        rooms: z.array(webhookRoomSchema).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export type WebhookEvent = z.output<typeof webhookEventSchema>;
export type WebhookRoom = z.output<typeof webhookRoomSchema>;

export function parseWebhookEvent(raw: unknown): WebhookEvent | null {
  const parsed = webhookEventSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
