// A catalogue message with a little markup, as safe HTML. Messages may wrap words in <tag>…</tag>;
// only tags the caller maps to markup become markup (strong and code by default), everything else
// — the message's own text and every value filled in — is escaped. The tags are found in the
// message before values are filled in, so a home named "<admin>x</admin>" stays text.
import type { MessageKey, ParamArgs, ParamValues } from '../i18n/catalogue.js';
import type { Translator } from '../i18n/translator.js';
import { escapeHtml, html, SafeHtml } from './html.js';

export type TagWrappers = Readonly<Record<string, (inner: SafeHtml) => SafeHtml>>;

const DEFAULT_TAGS: TagWrappers = {
  strong: (inner) => html`<strong>${inner}</strong>`,
  code: (inner) => html`<code>${inner}</code>`,
};

const TAG = /<(\w+)>(.*?)<\/\1>/gs;

export function rich<K extends MessageKey>(tr: Translator, key: K, tags: TagWrappers, ...params: ParamArgs<K>): SafeHtml {
  const values = params[0] as ParamValues | undefined;
  const count = values?.count;
  const template = tr.template(key, typeof count === 'number' ? count : undefined);
  const text = (part: string) => escapeHtml(tr.fill(part, values));
  let out = '';
  let last = 0;
  for (const match of template.matchAll(TAG)) {
    out += text(template.slice(last, match.index));
    const inner = new SafeHtml(text(match[2] ?? ''));
    const wrap = tags[match[1] ?? ''] ?? DEFAULT_TAGS[match[1] ?? ''];
    out += wrap ? wrap(inner).value : inner.value;
    last = match.index + match[0].length;
  }
  return new SafeHtml(out + text(template.slice(last)));
}

