// The language of a SmartApp page: the SmartThings app sends the phone's language with each page
// request (client.language, e.g. "fr-FR"; the SDK puts it in context.locale). The pages use the
// bridge's own catalogue rather than the SDK's configureI18n: that one runs every text, names from
// Netatmo included, through Mustache (a room called "{{#a}}" makes it throw) and is process-global.
import { localeForPage } from '../i18n/negotiate.js';
import { translatorFor, type Translator } from '../i18n/translator.js';

export function pageTranslator(context: { locale?: string }): Translator {
  return translatorFor(localeForPage({ acceptLanguage: context.locale, cookie: undefined }));
}
