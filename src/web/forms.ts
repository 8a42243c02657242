// The admin forms' fields, validated with zod. Each refusal is a catalogue key (with its values in
// the issue's params), so the first problem is shown above the form in the page's language.
import { z } from 'zod';
import { checkPollTiming, type PollTimingProblem } from '../config/poll-timing.js';
import type { MessageKey, ParamValues } from '../i18n/catalogue.js';
import type { Translator } from '../i18n/translator.js';

type FormKey = Extract<MessageKey, `form.${string}`>;
const problem = (key: FormKey) => ({ error: key });

const csrf = z.string(problem('form.csrfMissing')).min(1).max(200);

export const signInForm = z.object({
  password: z.string(problem('form.passwordMissing')).min(1, problem('form.passwordMissing')).max(200, problem('form.passwordTooLong')),
});

export const actionForm = z.object({ _csrf: csrf });

const optionalText = z
  .string()
  .max(300, problem('form.tooLong'))
  .optional()
  .transform((value) => value?.trim() || undefined);

export const connectForm = z
  .object({
    _csrf: csrf,
    clientId: z
      .string(problem('form.clientIdMissing'))
      .trim()
      .min(1, problem('form.clientIdMissing'))
      .max(200, problem('form.clientIdTooLong'))
      .regex(/^\S+$/, problem('form.clientIdSpaces')),
    clientSecret: optionalText,
    redirectMode: z.enum(['bridge', 'paste'], problem('form.redirectMode')),
    redirectUri: optionalText,
  })
  .superRefine((form, ctx) => {
    if (form.clientSecret !== undefined && /\s/.test(form.clientSecret)) ctx.addIssue({ code: 'custom', message: 'form.secretSpaces' satisfies FormKey });
    if (form.redirectMode !== 'paste') return;
    if (!form.redirectUri) {
      ctx.addIssue({ code: 'custom', message: 'form.redirectMissing' satisfies FormKey });
      return;
    }
    if (!isHttpUrl(form.redirectUri)) ctx.addIssue({ code: 'custom', message: 'form.redirectNotHttp' satisfies FormKey });
  });

export const pasteForm = z.object({
  _csrf: csrf,
  address: z.string(problem('form.addressMissing')).max(4000, problem('form.addressTooLong')),
});

/** The configuration's rule (STALE_THRESHOLD_S / POLL_INTERVAL_S) with its values, as a form problem. */
const POLL_TIMING_KEYS: Record<PollTimingProblem['rule'], FormKey> = { poll_range: 'form.pollRange', stale_range: 'form.staleRange', stale_ratio: 'form.staleRatio' };

export const settingsForm = z
  .object({
    _csrf: csrf,
    pollIntervalS: z.coerce.number(problem('form.pollNotNumber')),
    staleThresholdS: z.coerce.number(problem('form.staleNotNumber')),
    preferredPath: z.enum(['lan', 'cloud'], problem('form.pathChoice')),
  })
  .superRefine((form, ctx) => {
    for (const found of checkPollTiming(form)) {
      ctx.addIssue({ code: 'custom', message: POLL_TIMING_KEYS[found.rule], path: [found.field], params: found.values });
    }
  });

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The first problem of a failed parse, as one sentence in the page's language. */
export function firstProblem(error: z.ZodError, tr: Translator): string {
  const issue = error.issues[0];
  const key = issue?.message.startsWith('form.') ? (issue.message as FormKey) : 'form.unreadable';
  const params = issue?.code === 'custom' ? (issue.params as ParamValues | undefined) : undefined;
  return tr.fill(tr.template(key), params);
}
