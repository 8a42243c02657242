// The page shell shared by every page: landmarks (header/nav/main/footer), a skip link, the
// language switch, the bundled stylesheet and script (served from /assets, never a CDN), and the
// script's words in the page's language.
import { LOCALE_NAMES, LOCALES } from '../i18n/locale.js';
import type { Translator } from '../i18n/translator.js';
import { assetUrl } from './assets.js';
import { html, type SafeHtml } from './html.js';
import type { LanguageBack } from './language.js';
import { pageTextsBlock } from './page-texts.js';

export interface PageOptions {
  tr: Translator;
  title: string;
  current: 'status' | 'admin' | 'none';
  body: SafeHtml;
  version: string;
  /** Scripts from /assets to load (deferred); the page then carries the scripts' words too. */
  scripts?: string[];
  /** The zone of the clock times the scripts show (default the bridge's). */
  timeZone?: string;
}

export function page(options: PageOptions): string {
  const { tr } = options;
  const link = (href: string, label: string, key: PageOptions['current']) =>
    html`<a href="${href}"${options.current === key ? html` aria-current="page"` : ''}>${label}</a>`;
  const scripts = (options.scripts ?? []).map((name) => html`<script src="${assetUrl(name)}" defer></script>`);
  return html`<!doctype html>
<html lang="${tr.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="referrer" content="same-origin">
<title>${options.title} · ${tr.t('layout.siteName')}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('app.css')}">
${scripts.length > 0 ? pageTextsBlock(tr, options.timeZone) : ''}
${scripts}
</head>
<body>
<a class="skip-link" href="#main">${tr.t('layout.skipLink')}</a>
<header class="site-header">
  <div class="wrap header-row">
    <p class="brand"><span aria-hidden="true">♨</span> ${tr.t('layout.siteName')}</p>
    <nav aria-label="${tr.t('layout.mainNav')}">${link('/', tr.t('layout.navStatus'), 'status')} ${link('/admin', tr.t('layout.navAdmin'), 'admin')}</nav>
    ${languageSwitch(tr, options.current === 'status' ? '/' : '/admin')}
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${options.body}
</main>
<footer class="site-footer"><div class="wrap">netatmo-smartthings-bridge ${options.version}</div></footer>
</body>
</html>
`.value;
}

/** One button per other language, named in that language; a plain form, so it works without script. */
function languageSwitch(tr: Translator, back: LanguageBack): SafeHtml {
  const others = LOCALES.filter((locale) => locale !== tr.locale);
  return html`<form method="post" action="/language" class="language-switch" aria-label="${tr.t('layout.languageSwitch')}">
      <input type="hidden" name="back" value="${back}">
      ${others.map((locale) => html`<button type="submit" name="lang" value="${locale}" lang="${locale}">${LOCALE_NAMES[locale]}</button>`)}
    </form>`;
}
