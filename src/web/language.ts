// The language of a page: the `lang` cookie from the page's language switch, else the browser's
// Accept-Language, else English (src/i18n/negotiate.ts). The switch is a small form in every
// page's header (no script needed): POST /language sets the cookie and goes back to the page. A
// language is a harmless preference, so no sign-in; like the sign-in form it must come from the
// bridge's own page (Origin), and it only ever sends the browser back to one of our pages.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { LANGUAGE_COOKIE, localeForPage } from '../i18n/negotiate.js';
import { LOCALES } from '../i18n/locale.js';
import { translatorFor as translatorForLocale, type Translator } from '../i18n/translator.js';
import { isHttps, originAllowed, readCookie } from './auth/cookies.js';

export function translatorFor(req: Request): Translator {
  return translatorForLocale(localeForPage({ acceptLanguage: req.get('accept-language'), cookie: readCookie(req, LANGUAGE_COOKIE) }));
}

/** Where the switch may send the browser back to: pages that are safe to load again. */
export const LANGUAGE_BACK_PATHS = ['/', '/admin'] as const;
export type LanguageBack = (typeof LANGUAGE_BACK_PATHS)[number];

const languageForm = z.object({
  lang: z.enum(LOCALES),
  back: z.enum(LANGUAGE_BACK_PATHS).default('/'),
});

/** A year: the choice outlives sessions and restarts. */
const COOKIE_MAX_AGE_S = 365 * 24 * 3600;

export function languageRouter(formParser: express.RequestHandler, refuse: (req: Request, res: Response, status: number) => void): Router {
  const router = express.Router();
  router.post('/language', formParser, (req, res) => {
    const form = languageForm.safeParse(req.body);
    if (!originAllowed(req) || !form.success) {
      refuse(req, res, originAllowed(req) ? 400 : 403);
      return;
    }
    // SameSite=Lax, not Strict: the page Netatmo sends the browser back to must be in this language too.
    res.append('set-cookie', `${LANGUAGE_COOKIE}=${form.data.lang}; Path=/; SameSite=Lax; HttpOnly; Max-Age=${COOKIE_MAX_AGE_S}${isHttps(req) ? '; Secure' : ''}`);
    res.redirect(303, form.data.back);
  });
  return router;
}
