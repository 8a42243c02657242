// The words of the status page's script, sent inside the page as a JSON data block (not a script:
// the CSP's script-src 'self' stays as it is). The script reads them with its language's Intl
// locale and the bridge's time zone, so it has no words of its own and nothing falls back to English.
import { CLIENT_KEYS } from '../i18n/en/client.js';
import type { Translator } from '../i18n/translator.js';
import { raw, type SafeHtml } from './html.js';

export interface PageTexts {
  locale: string;
  timeZone: string;
  messages: Record<string, string>;
}

/** `timeZone`: the zone the script shows clock times in (the page's; default the translator's, the bridge's). */
export function pageTextsOf(tr: Translator, timeZone = tr.timeZone): PageTexts {
  return { locale: tr.intlLocale, timeZone, messages: Object.fromEntries(CLIENT_KEYS.map((key) => [key, tr.template(key)])) };
}

export function pageTextsBlock(tr: Translator, timeZone?: string): SafeHtml {
  // "<" as \u003c: no "</script>" or "<!--" can end the block early, whatever a message holds.
  const json = JSON.stringify(pageTextsOf(tr, timeZone)).replace(/</g, '\\u003c');
  return raw(`<script type="application/json" id="page-texts">${json}</script>`);
}
