// zod schemas for every LAN API request body and path parameter, and the one function that turns
// a zod failure into a 400 a person understands ("temperatureC must be a number …"). Objects are
// strict: a field the API does not know is refused rather than silently ignored, so a typo in the
// driver shows up at once instead of as a command that "did nothing".
import { z } from 'zod';
import { LanError } from './errors.js';

/** Message for a field: "<name> is required." when absent, else the given sentence. */
function field(name: string, sentence: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? `${name} is required.` : sentence) };
}

const durationMinutes = z
  .number(field('durationMinutes', 'durationMinutes must be a whole number of minutes.'))
  .int(field('durationMinutes', 'durationMinutes must be a whole number of minutes.'))
  .min(1, field('durationMinutes', 'durationMinutes must be at least 1 minute.'))
  .max(525_600, field('durationMinutes', 'durationMinutes must be at most 525600 minutes (one year).'));

const endsAt = z.iso.datetime({ offset: true, ...field('endsAt', 'endsAt must be an ISO-8601 time such as 2026-11-26T22:00:00Z.') });

export const homeModeBody = z.strictObject({
  mode: z.enum(['schedule', 'away', 'frostguard'], field('mode', 'mode must be one of schedule, away, frostguard.')),
  endsAt: endsAt.optional(),
  durationMinutes: durationMinutes.optional(),
});

export const scheduleBody = z.strictObject({
  scheduleId: z.string(field('scheduleId', 'scheduleId must be the id of one of the home\'s schedules.')).min(1, field('scheduleId', 'scheduleId must not be empty.')).max(64),
});

export const setpointBody = z.strictObject({
  temperatureC: z.number(field('temperatureC', 'temperatureC must be a number between 7 and 30 °C.')),
  durationMinutes: durationMinutes.optional(),
  endsAt: endsAt.optional(),
});

export const roomModeBody = z.strictObject({
  mode: z.enum(['schedule', 'manual', 'boost', 'off'], field('mode', 'mode must be one of schedule, manual, boost, off.')),
  durationMinutes: durationMinutes.optional(),
});

/** Routes without a body accept none, or an empty JSON object. */
export const emptyBody = z.union([z.undefined(), z.strictObject({})]);

/** Netatmo ids: hex home ids, numeric room ids, schedule ids; anything else cannot exist. */
export const idParam = z.string().regex(/^[A-Za-z0-9:._-]{1,64}$/);

function sentenceFor(issue: z.core.$ZodIssue): { message: string; field?: string } {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const [first] = issue.keys;
    const list = issue.keys.map((k) => `"${k}"`).join(', ');
    return { message: `${issue.keys.length === 1 ? 'The field' : 'The fields'} ${list} ${issue.keys.length === 1 ? 'is' : 'are'} not part of this request.`, field: first };
  }
  if (path === '' && issue.code === 'invalid_type') return { message: 'The request body must be a JSON object.' };
  if (path === '' && issue.code === 'invalid_union') return { message: 'This request takes no body (or an empty JSON object).' };
  return { message: issue.message, field: path || undefined };
}

/** Parses a body or throws 400 invalid_request naming the first problem. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  const { message, field: name } = issue ? sentenceFor(issue) : { message: 'The request body is not valid.', field: undefined };
  throw new LanError(400, 'invalid_request', message, name === undefined ? undefined : { field: name });
}

/** A path id or 404: an id that cannot be a Netatmo id names nothing the bridge knows. */
export function parseId(value: unknown, what: 'home' | 'room'): string {
  const result = idParam.safeParse(value);
  if (!result.success) throw new LanError(404, 'not_found', `There is no such ${what}.`);
  return result.data;
}
