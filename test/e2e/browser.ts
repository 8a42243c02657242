// Real headless Chromium (Debian's `chromium`) driven by playwright-core, for the web page tests.
// Each launch gets a fresh temporary profile (playwright creates and removes the user-data-dir).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM_PATH);
if (chromiumMissing) console.warn(`SKIPPING browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium's start-up: about 1 s on a quiet machine, but over 30 s was seen on a loaded 2-core
 * one. The hooks that launch it allow for this plus a bridge start (BROWSER_HOOK_MS).
 */
const LAUNCH_MS = 60_000;
export const BROWSER_HOOK_MS = LAUNCH_MS + 30_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: LAUNCH_MS });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Every response body the page loads from `origin` (HTML, JSON, assets), for leak checks. */
export function recordBodies(page: Page, origin: string): { url: string; body: Promise<string> }[] {
  const seen: { url: string; body: Promise<string> }[] = [];
  page.on('response', (response: Response) => {
    if (!response.url().startsWith(origin)) return;
    // Redirects have no body to read.
    if (response.status() >= 300 && response.status() < 400) return;
    seen.push({ url: response.url(), body: response.text().catch(() => '') });
  });
  return seen;
}

/** The admin password the bridge printed once in its log (generated at first start). */
export function passwordFromLog(lines: string[]): string {
  for (const line of lines) {
    const msg = (JSON.parse(line) as { msg?: string }).msg ?? '';
    const match = /ADMIN PASSWORD.*: (\S+)$/.exec(msg);
    if (match?.[1]) return match[1];
  }
  throw new Error('no admin password line in the log');
}
