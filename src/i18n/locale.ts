// The languages of the pages and the CLI. English is the default and the reference: every other
// language has exactly its keys (src/i18n/catalogue.ts). To add one, see docs/web.md.

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

/**
 * The Intl locale used for dates and numbers. English is en-GB on purpose: a 24-hour clock and
 * day-before-month dates, which is what most users of Netatmo heating read.
 */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', fr: 'fr-FR' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
