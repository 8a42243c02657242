// Which language a person gets. Pages: the `lang` cookie set by the page's language switch, else
// the browser's Accept-Language with its q-values (negotiator, the same parser Express uses:
// "fr-CA" matches fr, "q=0" excludes), else English. CLI: the POSIX locale as gettext reads it.
import Negotiator from 'negotiator';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './locale.js';

export const LANGUAGE_COOKIE = 'lang';

export function localeForPage(request: { acceptLanguage: string | undefined; cookie: string | undefined }): Locale {
  if (isLocale(request.cookie)) return request.cookie;
  if (!request.acceptLanguage) return DEFAULT_LOCALE;
  const [best] = new Negotiator({ headers: { 'accept-language': request.acceptLanguage } }).languages([...LOCALES]);
  return isLocale(best) ? best : DEFAULT_LOCALE;
}

/**
 * The CLI's language, as gettext decides: LC_ALL, else LC_MESSAGES, else LANG names the locale;
 * "C"/"POSIX" (also C.UTF-8) means untranslated; otherwise LANGUAGE (a colon list) comes first.
 * "fr_FR.UTF-8@euro" → fr; anything unsupported → English.
 */
export function localeForCli(env: NodeJS.ProcessEnv): Locale {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
  const language = (tag: string) => tag.split(/[_.@-]/)[0]?.toLowerCase() ?? '';
  if (locale === '' || /^(C|POSIX)([._@]|$)/.test(locale)) return DEFAULT_LOCALE;
  for (const wanted of (env.LANGUAGE ?? '').split(':')) {
    const code = language(wanted);
    if (isLocale(code)) return code;
  }
  const code = language(locale);
  return isLocale(code) ? code : DEFAULT_LOCALE;
}
