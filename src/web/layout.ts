// The page shell shared by the status and admin pages: landmarks (header/nav/main/footer), a skip
// link, the bundled stylesheet and script (served from /assets, never a CDN).
import { html, type SafeHtml } from './html.js';
import { assetUrl } from './assets.js';

export interface PageOptions {
  title: string;
  current: 'status' | 'admin' | 'none';
  body: SafeHtml;
  version: string;
  /** Scripts from /assets to load (deferred). */
  scripts?: string[];
}

export function page(options: PageOptions): string {
  const link = (href: string, label: string, key: PageOptions['current']) =>
    html`<a href="${href}"${options.current === key ? html` aria-current="page"` : ''}>${label}</a>`;
  const scripts = (options.scripts ?? []).map((name) => html`<script src="${assetUrl(name)}" defer></script>`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="referrer" content="same-origin">
<title>${options.title} · Netatmo Bridge</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('app.css')}">
${scripts}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap header-row">
    <p class="brand"><span aria-hidden="true">♨</span> Netatmo Bridge</p>
    <nav aria-label="Main">${link('/', 'Status', 'status')} ${link('/admin', 'Admin', 'admin')}</nav>
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
