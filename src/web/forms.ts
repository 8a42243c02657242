// The admin forms' fields, validated with zod. Messages are written for the person who filled in
// the form; the first problem is shown above the form.
import { z } from 'zod';
import { checkPollTiming } from '../config/poll-timing.js';

const csrf = z.string({ error: 'The form is missing its security token: reload the page and try again.' }).min(1).max(200);

export const signInForm = z.object({
  password: z.string({ error: 'Enter the admin password.' }).min(1, { error: 'Enter the admin password.' }).max(200, { error: 'That password is too long.' }),
});

export const actionForm = z.object({ _csrf: csrf });

const optionalText = z
  .string()
  .max(300, { error: 'That value is too long.' })
  .optional()
  .transform((value) => value?.trim() || undefined);

export const connectForm = z
  .object({
    _csrf: csrf,
    clientId: z
      .string({ error: 'Enter the client id of your Netatmo app.' })
      .trim()
      .min(1, { error: 'Enter the client id of your Netatmo app.' })
      .max(200, { error: 'The client id is too long.' })
      .regex(/^\S+$/, { error: 'The client id cannot contain spaces.' }),
    clientSecret: optionalText,
    redirectMode: z.enum(['bridge', 'paste'], { error: 'Choose where Netatmo sends you back.' }),
    redirectUri: optionalText,
  })
  .superRefine((form, ctx) => {
    if (form.clientSecret !== undefined && /\s/.test(form.clientSecret)) ctx.addIssue({ code: 'custom', message: 'The client secret cannot contain spaces.' });
    if (form.redirectMode !== 'paste') return;
    if (!form.redirectUri) {
      ctx.addIssue({ code: 'custom', message: 'Enter the redirect URI registered on your Netatmo app (for example http://localhost).' });
      return;
    }
    if (!isHttpUrl(form.redirectUri)) ctx.addIssue({ code: 'custom', message: 'The redirect URI must be a web address starting with http:// or https://.' });
  });

export const pasteForm = z.object({
  _csrf: csrf,
  address: z.string({ error: 'Paste the address your browser showed.' }).max(4000, { error: 'That address is too long.' }),
});

export const settingsForm = z
  .object({
    _csrf: csrf,
    pollIntervalS: z.coerce.number({ error: 'The poll interval must be a number of seconds.' }),
    staleThresholdS: z.coerce.number({ error: 'The stale threshold must be a number of seconds.' }),
    preferredPath: z.enum(['lan', 'cloud'], { error: 'Choose LAN or cloud as the preferred path.' }),
  })
  .superRefine((form, ctx) => {
    // The same rule and sentence as the configuration (STALE_THRESHOLD_S / POLL_INTERVAL_S).
    for (const problem of checkPollTiming(form)) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.field] });
  });

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The first problem of a failed parse, as one sentence. */
export function firstProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'The form could not be read.';
}
