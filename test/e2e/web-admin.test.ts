// The admin page in real headless Chromium: the generated password from the log, a wrong password
// refused, the LAN token shown only after sign-in and rotated, pairing, refresh and settings.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { REPO_ROOT } from '../helpers/spawned-bridge.js';
import { BROWSER_HOOK_MS, chromiumMissing, DESKTOP, launchBrowser, passwordFromLog, PHONE, recordBodies } from './browser.js';

const SCREENSHOTS = process.env.SCREENSHOTS === '1';
const shotPath = (name: string) => path.join(REPO_ROOT, 'docs/screenshots', name);

describe.skipIf(chromiumMissing)('admin page in Chromium', () => {
  let browser: Browser;
  let tb: TestBridge;
  let password: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    tb = await startTestBridge();
    await tb.bridge.context.poller.pollNow();
    tb.bridge.context.pairing.close();
    password = passwordFromLog(tb.logs.lines);
  }, BROWSER_HOOK_MS);

  afterAll(async () => {
    await browser?.close();
    await tb?.stop();
  });

  async function signIn(page: Page, secret: string): Promise<void> {
    await page.goto(`${tb.bridge.url}/admin`);
    await page.getByLabel('Admin password').fill(secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('refuses a wrong password, and shows no LAN token before sign-in', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const bodies = recordBodies(page, tb.bridge.url);
    const answer = page.waitForResponse((r) => r.url().endsWith('/admin/sign-in'));
    await signIn(page, 'not-the-password');
    expect((await answer).status()).toBe(401);
    expect(await page.getByRole('alert').textContent()).toBe('That password is not right.');
    expect(await page.getByLabel('Admin password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    const texts = [await page.content(), ...(await Promise.all(bodies.map((b) => b.body)))];
    for (const text of texts) expect(text).not.toContain(tb.lanToken());
    await page.close();
  });

  it('signs in with the password printed once in the log; shows and rotates the LAN token (paired hubs must re-pair)', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, password);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const oldToken = tb.lanToken();
    if (SCREENSHOTS) await page.screenshot({ path: shotPath('admin-desktop.png'), fullPage: true });
    await page.getByText('Show the LAN token').click();
    expect(await page.locator('#lan-token').textContent()).toBe(oldToken);

    await page.getByRole('button', { name: 'Rotate the LAN token' }).click();
    expect(await page.locator('#flash').textContent()).toContain('Paired hubs stop working until they pair again');
    const newToken = tb.lanToken();
    expect(newToken).not.toBe(oldToken);
    expect(newToken).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetch(`${tb.bridge.url}/api/v1/state`, { headers: { authorization: `Bearer ${oldToken}` } })).status).toBe(401);
    expect((await tb.api('/api/v1/state')).status).toBe(200);
    await page.close();
  });

  it('opens the pairing window, refreshes, and saves settings that apply at once (with clear errors)', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await signIn(page, password);
    await page.getByRole('button', { name: 'Open the pairing window for 5 minutes' }).click();
    expect(await page.locator('#flash').textContent()).toContain('The pairing window is open and closes in 5 min');
    expect(tb.bridge.context.pairing.isOpen()).toBe(true);
    expect(await page.locator('#admin-pairing-state').textContent()).toContain('open, closes in 5 min');

    const polls = tb.simulator.calls.count('homestatus');
    await page.getByRole('button', { name: 'Refresh from Netatmo now' }).click();
    expect(await page.locator('#flash').textContent()).toBe('Refreshed from Netatmo.');
    expect(tb.simulator.calls.count('homestatus')).toBe(polls + 1);

    await page.getByLabel('Poll interval (seconds)').fill('30');
    await page.getByLabel('Stale threshold (seconds)').fill('45');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('must be at least twice POLL_INTERVAL_S (the poll interval)');
    expect(tb.bridge.context.store.data.settings.pollIntervalS).toBeUndefined();

    await page.getByLabel('Poll interval (seconds)').fill('30');
    await page.getByLabel('Stale threshold (seconds)').fill('120');
    await page.getByLabel('Cloud (SmartApp)').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('The cloud path needs the SmartApp registered in the SmartThings Developer Workspace');
    expect(tb.bridge.context.store.data.settings.preferredPath).toBeUndefined();
    await page.getByLabel('Poll interval (seconds)').fill('30');
    await page.getByLabel('Stale threshold (seconds)').fill('120');
    await page.getByLabel('LAN (Edge driver on the hub)').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await page.locator('#flash').textContent()).toContain('Settings saved: adaptive polling, at most 30 s apart, stale after 120 s, LAN path preferred.');
    expect(tb.bridge.context.store.data.settings).toMatchObject({ pollIntervalS: 30, staleThresholdS: 120, preferredPath: 'lan' });
    expect(tb.bridge.context.netatmoHealth().pollIntervalS).toBe(30);
    expect(tb.bridge.context.bridgeInfo().preferredPath).toBe('lan');
    expect(await page.getByLabel('Poll interval (seconds)').inputValue()).toBe('30');
    if (SCREENSHOTS) await page.screenshot({ path: shotPath('admin-phone.png') });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${tb.bridge.url}/`);
    await page.goto(`${tb.bridge.url}/admin`);
    expect(await page.getByLabel('Admin password').count()).toBe(1);
    await page.close();
  });
});
