// The status page in real headless Chromium against a real bridge polling the simulator: rooms and
// temperatures, self-updating panel, history chart, demo label, no secret in anything it loads.
// With SCREENSHOTS=1 (npm run screenshots) it also writes docs/screenshots/*.png.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { REPO_ROOT } from '../helpers/spawned-bridge.js';
import { BROWSER_HOOK_MS, chromiumMissing, DESKTOP, launchBrowser, PHONE, recordBodies } from './browser.js';

const SCREENSHOTS = process.env.SCREENSHOTS === '1';
const SHOT_DIR = path.join(REPO_ROOT, 'docs/screenshots');

interface SimRoom {
  id: string;
  name: string;
  measuredTemperature: number;
}

describe.skipIf(chromiumMissing)('status page in Chromium', () => {
  let browser: Browser;
  let tb: TestBridge;

  beforeAll(async () => {
    browser = await launchBrowser();
    // A frozen simulator clock: the page must show exactly what the simulator reports.
    const frozen = Date.now();
    tb = await startTestBridge({ simulator: { clock: () => frozen, scenario: 'multi-home' }, env: { ADMIN_PASSWORD: 'correct-horse-battery' } });
    const poll = await tb.bridge.context.poller.pollNow();
    expect(poll.ok).toBe(true);
    tb.bridge.context.pairing.close(); // the first-start window is open on a new data file
  }, BROWSER_HOOK_MS);

  afterAll(async () => {
    await browser?.close();
    await tb?.stop();
  });

  it("shows the simulator's rooms with their temperatures, and no demo label on a real bridge", async () => {
    const sim = (await (await fetch(`${tb.simulator.url}/__sim/state`)).json()) as { homes: { name: string; rooms: SimRoom[] }[] };
    // Rooms without modules are not bridged; every bridged room must be on the page.
    const bridged = new Set(tb.bridge.context.state.homes.flatMap((h) => h.rooms.map((r) => r.id)));
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(tb.bridge.url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bridge status');
    expect(await page.locator('#netatmo-headline').textContent()).toBe('Connected to Netatmo');
    const rooms = sim.homes.flatMap((h) => h.rooms).filter((r) => bridged.has(r.id));
    expect(rooms.length).toBeGreaterThan(4);
    for (const home of sim.homes) expect(await page.getByRole('heading', { level: 2, name: home.name }).count()).toBe(1);
    for (const room of rooms) {
      const card = page.locator('li.room', { has: page.getByRole('heading', { level: 3, name: room.name, exact: true }) });
      expect(await card.count()).toBe(1);
      // The bridge polled at the same simulated instant, so the value is the simulator's own.
      expect(await card.locator('[data-measured]').textContent()).toBe(`${room.measuredTemperature.toFixed(1)} °C`);
      for (const label of ['Mode', 'Heating', 'Battery', 'Window', 'Reachable']) expect(await card.locator('dt', { hasText: label }).count()).toBe(1);
    }
    expect(await page.getByText('SIMULATED HOME (demo)').count()).toBe(0);
    expect(await page.locator('#api-calls').textContent()).toMatch(/^\d+ of 400/);
    // Landmarks a screen reader can jump to.
    for (const role of ['banner', 'main', 'contentinfo', 'navigation'] as const) expect(await page.getByRole(role).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('updates by itself: the live panel is fetched again every 10 seconds', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.clock.install();
    await page.goto(tb.bridge.url);
    expect(await page.locator('#pairing-state').textContent()).toBe('closed');
    tb.bridge.context.pairing.open();
    const panelFetch = page.waitForResponse((r) => r.url().endsWith('/status/panel'));
    await page.clock.runFor(10_500);
    await panelFetch;
    await page.locator('#pairing-state', { hasText: 'open, closes in 5 min' }).waitFor();
    expect(await page.locator('#refresh-note').textContent()).toContain('Updated at');
    tb.bridge.context.pairing.close();
    await page.close();
  });

  it('draws a room history chart (24 h and 7 days) from getroommeasure, cached per room and period', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(tb.bridge.url);
    const before = tb.simulator.calls.count('getroommeasure');
    const firstRoom = page.locator('li.room').first();
    const roomName = (await firstRoom.locator('h3').textContent()) ?? '';
    await firstRoom.getByRole('button', { name: /Temperature history/ }).click();
    const line = page.locator('#history-chart svg polyline.line-measured').first();
    await line.waitFor({ state: 'attached' });
    const points = ((await line.getAttribute('points')) ?? '').trim().split(/\s+/);
    expect(points.length).toBeGreaterThan(10); // 24 h at 30 min ≈ 48 points
    expect(await page.locator('#history-chart svg polyline.line-setpoint').count()).toBeGreaterThan(0);
    expect(await page.locator('#history-title').textContent()).toBe(`Temperature history: ${roomName}`);
    expect(await page.locator('#history-chart svg title').textContent()).toContain('last 24 hours');
    if (SCREENSHOTS) await shoot(page, 'status-desktop.png', true);

    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.locator('#history-chart svg title', { hasText: 'last 7 days' }).waitFor({ state: 'attached' });
    expect(await page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed')).toBe('true');
    // Back to 24 h: served from the cache, no new Netatmo call.
    await page.getByRole('button', { name: 'Last 24 hours' }).click();
    await page.locator('#history-chart svg title', { hasText: 'last 24 hours' }).waitFor({ state: 'attached' });
    expect(tb.simulator.calls.count('getroommeasure') - before).toBe(2);
    await page.close();
  });

  it('never puts the LAN token (or any Netatmo secret) in the page or in anything the page loads', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const bodies = recordBodies(page, tb.bridge.url);
    await page.clock.install();
    await page.goto(tb.bridge.url);
    await page.locator('li.room').first().getByRole('button', { name: /Temperature history/ }).click();
    await page.locator('#history-chart svg').waitFor({ state: 'attached' });
    const panelFetch = page.waitForResponse((r) => r.url().endsWith('/status/panel'));
    await page.clock.runFor(10_500);
    await panelFetch;
    const json = await (await fetch(`${tb.bridge.url}/status.json`)).text();
    const urls = bodies.map((b) => new URL(b.url).pathname);
    expect(urls).toEqual(expect.arrayContaining(['/', '/assets/app.css', '/assets/status.js', '/assets/chart.js', '/status/panel']));
    expect(urls.some((u) => u.startsWith('/history/'))).toBe(true);
    const secrets = [tb.lanToken(), tb.simulator.clientSecret, tb.bridge.context.store.data.netatmo.tokens?.refreshToken ?? 'x'.repeat(40)];
    const texts = [await page.content(), json, ...(await Promise.all(bodies.map((b) => b.body)))];
    for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2 });
    await page.goto(tb.bridge.url);
    // A string expression: the test project has no DOM types.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    if (SCREENSHOTS) await shoot(page, 'status-phone.png', false);
    await page.close();
  });
});

describe.skipIf(chromiumMissing)('status page of the demo bridge', () => {
  let browser: Browser;
  let tb: TestBridge;

  beforeAll(async () => {
    browser = await launchBrowser();
    tb = await startTestBridge({ bridge: { demo: true } });
    await tb.bridge.context.poller.pollNow();
  }, BROWSER_HOOK_MS);

  afterAll(async () => {
    await browser?.close();
    await tb?.stop();
  });

  it('says clearly that the home is simulated', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(tb.bridge.url);
    const banner = page.getByRole('note', { name: 'Demo mode' });
    expect(await banner.textContent()).toContain('SIMULATED HOME (demo)');
    expect(await page.locator('li.room').count()).toBeGreaterThan(0);
    if (SCREENSHOTS) await shoot(page, 'status-demo-phone.png', false);
    await page.close();
  });
});

async function shoot(page: Page, name: string, fullPage: boolean): Promise<void> {
  await mkdir(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOT_DIR, name), fullPage });
}
