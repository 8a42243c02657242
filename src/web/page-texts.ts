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

export function pageTextsOf(tr: Translator): PageTexts {
  return { locale: tr.intlLocale, timeZone: tr.timeZone, messages: Object.fromEntries(CLIENT_KEYS.map((key) => [key, tr.template(key)])) };
}

export function pageTextsBlock(tr: Translator): SafeHtml {
  // "<" as \u003c: no "</script>" or "<!--" can end the block early, whatever a message holds.
  const json = JSON.stringify(pageTextsOf(tr)).replace(/</g, '\\u003c');
  return raw(`<script type="application/json" id="page-texts">${json}</script>`);
}
