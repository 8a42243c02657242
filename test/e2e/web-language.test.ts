// The pages in both languages in real headless Chromium: a French browser gets French pages (the
// live panel's script and the history chart too, from the same catalogue); an English browser
// switches with the on-page language switch (a plain form, no script) and back, and the admin
// sign-in follows. Temperatures with the French decimal comma, an end time in the home's zone
// with Intl's French clock, and no Content-Security-Policy refusal on the way.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { BROWSER_HOOK_MS, chromiumMissing, DESKTOP, launchBrowser } from './browser.js';

const PASSWORD = 'language-e2e-password';

describe.skipIf(chromiumMissing)('pages in French and English in Chromium', () => {
  let browser: Browser;
  let tb: TestBridge;
  let endsAt: string;
  let room: { homeId: string; id: string; name: string; timeZone: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    tb = await startTestBridge({ env: { ADMIN_PASSWORD: PASSWORD } });
    expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);
    tb.bridge.context.pairing.close();
    // One room on 20.5 °C until a known time, so the page must format both.
    const home = tb.bridge.context.state.homes[0]!;
    const first = home.rooms[0]!;
    room = { homeId: home.id, id: first.id, name: first.name, timeZone: home.timezone ?? 'UTC' };
    endsAt = new Date(Math.ceil((Date.now() + 2 * 3600_000) / 60_000) * 60_000).toISOString();
    const answer = await tb.api(`/api/v1/homes/${home.id}/rooms/${first.id}/setpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ temperatureC: 20.5, endsAt }),
    });
    expect(answer.status).toBe(200);
    expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);
  }, BROWSER_HOOK_MS);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await tb?.stop();
  });

  async function pageIn(locale: string): Promise<{ page: Page; cspErrors: string[] }> {
    const context = await browser.newContext({ locale, viewport: DESKTOP });
    contexts.push(context);
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    return { page, cspErrors };
  }

  const card = (page: Page) => page.locator(`li.room[data-room-id="${room.id}"]`);
  // The page writes the end time alone on the same local day and with its weekday once it falls
  // after midnight (a run late in the evening, home time): the test expects whichever applies.
  const clock = (locale: string) => {
    const at = Date.parse(endsAt);
    const inZone = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: room.timeZone });
    const time = inZone({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    const day = inZone({ dateStyle: 'short' });
    return day.format(at) === day.format(Date.now()) ? time : `${inZone({ weekday: 'short' }).format(at)} ${time}`;
  };

  it('gives a French browser the French status page, live panel and chart', async () => {
    const { page, cspErrors } = await pageIn('fr-FR');
    await page.clock.install();
    await page.goto(tb.bridge.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('État de la passerelle');
    expect(await page.locator('#netatmo-headline').textContent()).toBe('Connectée à Netatmo');
    expect(await card(page).locator('.setpoint').textContent()).toBe('consigne 20,5 °C');
    expect(await card(page).locator('[data-measured]').textContent()).toMatch(/^\d+,\d °C$/);
    const mode = card(page).locator('dt', { hasText: 'Mode' }).locator('xpath=following-sibling::dd');
    expect(await mode.textContent()).toBe(`Manuel jusqu’à ${clock('fr-FR')}`);
    expect(await page.locator('#refresh-note').textContent()).toBe('Cette page se met à jour toutes les 10 secondes.');

    const panel = page.waitForResponse((r) => r.url().endsWith('/status/panel'));
    await page.clock.runFor(10_500);
    await panel;
    await page.locator('#refresh-note', { hasText: 'Mis à jour à' }).waitFor();
    expect(await page.locator('#refresh-note').textContent()).toMatch(/^Mis à jour à \d\d:\d\d:\d\d · cette page se met à jour toutes les 10 secondes\.$/);
    expect(await card(page).locator('.setpoint').textContent()).toBe('consigne 20,5 °C');

    await card(page).getByRole('button', { name: `Historique des températures de ${room.name}` }).click();
    await page.locator('#history-chart svg polyline.line-measured').first().waitFor({ state: 'attached' });
    expect(await page.locator('#history-title').textContent()).toBe(`Historique des températures : ${room.name}`);
    expect(await page.locator('#history-chart svg title').textContent()).toBe(`Température de ${room.name}, dernières 24 heures`);
    expect(await page.locator('#history-chart svg desc').textContent()).toMatch(/^mesurée entre \d+,\d et \d+,\d °C, dernière valeur \d+,\d °C; consigne entre/);
    expect(await page.locator('#history-chart .legend').textContent()).toBe('Température mesurée (trait plein)Consigne (pointillés)');
    await page.getByRole('button', { name: '7 derniers jours' }).click();
    await page.locator('#history-chart svg title', { hasText: '7 derniers jours' }).waitFor({ state: 'attached' });
    // The week's axis: French weekday abbreviations, not English ones.
    const ticks = await page.locator('#history-chart svg text.tick').allTextContents();
    expect(ticks.some((t) => /^(lun|mar|mer|jeu|ven|sam|dim)\. \d+$/.test(t))).toBe(true);
    expect(ticks.some((t) => /Mon|Tue|Wed|Thu|Fri|Sat|Sun/.test(t))).toBe(false);
    expect(cspErrors).toEqual([]);
  });

  it('lets an English browser switch with the on-page form and back, and the admin page follows', async () => {
    const { page, cspErrors } = await pageIn('en-GB');
    await page.goto(tb.bridge.url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bridge status');
    expect(await card(page).locator('.setpoint').textContent()).toBe('set to 20.5 °C');

    await page.getByRole('form', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await page.waitForURL(`${tb.bridge.url}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('État de la passerelle');
    expect(await card(page).locator('.setpoint').textContent()).toBe('consigne 20,5 °C');
    expect(await card(page).locator('dd').first().textContent()).toBe(`Manuel jusqu’à ${clock('fr-FR')}`);

    // The choice is kept: the admin page (sign-in) is French too.
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByLabel('Mot de passe d’administration').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 2, name: 'Connecter Netatmo' }).waitFor();
    expect(await page.getByRole('button', { name: 'Ouvrir la fenêtre d’appairage pour 5 minutes' }).count()).toBe(1);

    await page.getByRole('form', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    await page.waitForURL(`${tb.bridge.url}/admin`);
    await page.getByRole('heading', { level: 2, name: 'Connect Netatmo' }).waitFor();
    expect(await page.getByRole('button', { name: 'Open the pairing window for 5 minutes' }).count()).toBe(1);
    expect(cspErrors).toEqual([]);
  });

  it('switches without any script: the form works with JavaScript off', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: DESKTOP, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(tb.bridge.url);
    await page.getByRole('button', { name: 'Français' }).click();
    await page.waitForURL(`${tb.bridge.url}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('État de la passerelle');
  });
});
