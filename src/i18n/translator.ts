// Messages in one language: a key and its values in, the sentence out. Placeholders are filled
// with the values (numbers with the language's decimal separator); plural messages pick their
// form with Intl.PluralRules, falling back to `_other` for a form the language's catalogue does
// not spell out (French "many"). Everything language-specific is Intl's; this is only lookup.
import { CATALOGUES, type MessageKey, type ParamArgs, type ParamValues } from './catalogue.js';
import { INTL_LOCALE, type Locale } from './locale.js';
import { systemTimeZone, validTimeZone } from './time-zone.js';

export interface Translator {
  readonly locale: Locale;
  /** The Intl locale for dates and numbers (en-GB, fr-FR). */
  readonly intlLocale: string;
  /** The zone of clock times that have none of their own (the bridge's, or the CLI user's). */
  readonly timeZone: string;
  t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string;
  /** The message before its placeholders are filled (for src/web/rich.ts); `count` picks a plural form. */
  template(key: MessageKey, count?: number): string;
  /** Fills a template's {placeholders}; unknown ones stay as they are. */
  fill(template: string, params?: ParamValues): string;
  /** A number with the language's decimal separator and no grouping (ports and years stay whole). */
  number(value: number, fractionDigits?: { min?: number; max?: number }): string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function createTranslator(locale: Locale, options: { timeZone?: string | null } = {}): Translator {
  const catalogue: Readonly<Record<string, string>> = CATALOGUES[locale];
  const intlLocale = INTL_LOCALE[locale];
  const plurals = new Intl.PluralRules(intlLocale);
  const numberFormats = new Map<string, Intl.NumberFormat>();
  const number = (value: number, digits: { min?: number; max?: number } = {}): string => {
    const min = digits.min ?? 0;
    const max = Math.max(min, digits.max ?? 2);
    const id = `${min}/${max}`;
    let format = numberFormats.get(id);
    if (!format) {
      format = new Intl.NumberFormat(intlLocale, { useGrouping: false, minimumFractionDigits: min, maximumFractionDigits: max });
      numberFormats.set(id, format);
    }
    return format.format(value);
  };
  const template = (key: MessageKey, count?: number): string => {
    const plain = catalogue[key];
    if (plain !== undefined) return plain;
    const form = count === undefined ? 'other' : plurals.select(count);
    // A key the types allow is always there (catalogue test); the key itself beats a crash.
    return catalogue[`${key}_${form}`] ?? catalogue[`${key}_other`] ?? key;
  };
  const fill = (text: string, params?: ParamValues): string =>
    params === undefined
      ? text
      : text.replace(PLACEHOLDER, (whole, name: string) => {
          const value = params[name];
          if (value === undefined) return whole;
          return typeof value === 'number' ? number(value) : value;
        });
  return {
    locale,
    intlLocale,
    timeZone: validTimeZone(options.timeZone) ?? systemTimeZone(),
    t: (key, ...params) => {
      const values = params[0] as ParamValues | undefined;
      const count = values?.count;
      return fill(template(key, typeof count === 'number' ? count : undefined), values);
    },
    template,
    fill,
    number,
  };
}

const cached = new Map<string, Translator>();

/** A translator in this process's time zone (or `timeZone`), made once per language and zone. */
export function translatorFor(locale: Locale, timeZone?: string): Translator {
  const id = `${locale}/${timeZone ?? ''}`;
  let tr = cached.get(id);
  if (!tr) {
    tr = createTranslator(locale, { timeZone });
    cached.set(id, tr);
  }
  return tr;
}

/** The English translator (tests, machine-facing defaults). */
export function englishTranslator(timeZone?: string): Translator {
  return translatorFor('en', timeZone);
}
