// Guided Netatmo connection in real headless Chromium against the simulator's authorize page:
// redirect back to /oauth/callback, the paste-the-address path, and connecting from the demo
// (saved in the real data file, then a restart on the real account).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge } from '../../src/app.js';
import { startSimulator } from '../../src/simulator/index.js';
import { LogCapture, startTestBridge, testConfig, type TestBridge } from '../helpers/bridge.js';
import { BROWSER_HOOK_MS, chromiumMissing, DESKTOP, launchBrowser } from './browser.js';

const PASSWORD = 'bridge-admin-pass';

async function signIn(page: Page, bridgeUrl: string): Promise<void> {
  await page.goto(`${bridgeUrl}/admin`);
  await page.getByLabel('Admin password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function statusOf(tb: { bridge: { url: string } }): Promise<string> {
  const body = (await (await fetch(`${tb.bridge.url}/status.json`)).json()) as { netatmo: { status: string } };
  return body.netatmo.status;
}

describe.skipIf(chromiumMissing)('connecting Netatmo from the admin page', () => {
  let browser: Browser;
  const bridges: TestBridge[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  }, BROWSER_HOOK_MS);

  afterAll(async () => {
    await browser?.close();
    for (const tb of bridges) await tb.stop();
  });

  async function unconnectedBridge(): Promise<TestBridge> {
    // Client id and secret in the environment, but no refresh token: the user has to connect.
    const tb = await startTestBridge({ withRefreshToken: false, env: { ADMIN_PASSWORD: PASSWORD } });
    bridges.push(tb);
    expect(await statusOf(tb)).toBe('not_configured');
    expect((await tb.bridge.context.poller.pollNow()).ok).toBe(false);
    return tb;
  }

  it('goes through Netatmo’s authorize page and back to /oauth/callback, and the stored tokens keep working', async () => {
    const tb = await unconnectedBridge();
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, tb.bridge.url);
    await page.getByLabel('Client id').fill(tb.simulator.clientId);
    await page.getByLabel('Client secret').fill(tb.simulator.clientSecret);
    await page.getByRole('button', { name: 'Connect Netatmo' }).click();

    await page.waitForURL(`${tb.simulator.url}/oauth2/authorize?**`);
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${tb.bridge.url}/oauth/callback`);
    expect(authorize.searchParams.get('scope')).toBe('read_thermostat write_thermostat');
    expect(authorize.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL(`${tb.bridge.url}/oauth/callback?**`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Netatmo connected');
    expect(await page.getByRole('status').textContent()).toContain('1 home found');

    const tokens = tb.bridge.context.store.data.netatmo.tokens;
    expect(tokens?.scope).toEqual(['read_thermostat', 'write_thermostat']);
    const onDisk = JSON.parse(await readFile(path.join(tb.dataDir, 'bridge.json'), 'utf8')) as { netatmo: { tokens: { refreshToken: string } | null } };
    expect(onDisk.netatmo.tokens?.refreshToken).toBe(tokens?.refreshToken);
    expect(tb.simulator.calls.list({ endpoint: 'oauth2/token' }).map((c) => c.params.grant_type)).toContain('authorization_code');
    expect(await statusOf(tb)).toBe('ok');

    // The stored refresh token works too: expire every access token and poll again.
    tb.simulator.expireAccessTokens();
    expect((await tb.bridge.context.poller.pollNow()).ok).toBe(true);
    await page.goto(tb.bridge.url);
    expect(await page.locator('#netatmo-headline').textContent()).toBe('Connected to Netatmo');
    expect(await page.locator('li.room').count()).toBe(tb.bridge.context.state.homes[0]?.rooms.length);
    await page.close();
  });

  it('lets the user paste the address Netatmo sent the browser to when it cannot reach the bridge', async () => {
    const tb = await unconnectedBridge();
    const page = await browser.newPage({ viewport: DESKTOP });
    // Nothing answers at http://localhost on the user's machine: the browser shows an error page.
    await page.route('http://localhost/**', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>This site can’t be reached</h1>' }));
    await signIn(page, tb.bridge.url);
    await page.getByLabel('Client id').fill(tb.simulator.clientId);
    // The secret stays empty: the one from the environment is used for this client id.
    await page.getByLabel(/Another address registered on the app/).check();
    await page.getByLabel('Other redirect URI').fill('http://localhost/netatmo');
    await page.getByRole('button', { name: 'Connect Netatmo' }).click();
    await page.waitForURL(`${tb.simulator.url}/oauth2/authorize?**`);
    expect(new URL(page.url()).searchParams.get('redirect_uri')).toBe('http://localhost/netatmo');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL('http://localhost/netatmo?**');
    const landed = page.url();
    expect(landed).toContain('code=');

    await page.goto(`${tb.bridge.url}/admin`);
    const addressField = page.getByLabel('Address you landed on');
    // An address from another attempt (other state) is refused and nothing is stored.
    const foreign = new URL(landed);
    foreign.searchParams.set('state', 'someone-elses-state');
    await addressField.fill(foreign.toString());
    await page.getByRole('button', { name: 'Finish connecting' }).click();
    expect(await page.locator('#flash').textContent()).toContain('state does not match');
    expect(tb.bridge.context.store.data.netatmo.tokens).toBeNull();

    await page.getByLabel('Address you landed on').fill(landed);
    await page.getByRole('button', { name: 'Finish connecting' }).click();
    expect(await page.locator('#flash').textContent()).toContain('Netatmo is connected: 1 home found.');
    expect(await statusOf(tb)).toBe('ok');
    expect(await page.getByLabel('Address you landed on').count()).toBe(0);
    await page.close();
  });

  it('from the demo: saves the account in the REAL data file, asks for a restart, and the next start uses it', async () => {
    const netatmo = await startSimulator({ rateLimits: false }); // plays the real Netatmo
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bridge-web-demo-'));
    const config = testConfig(dataDir, { NETATMO_API_URL: netatmo.url, ADMIN_PASSWORD: PASSWORD });
    const restarts: string[] = [];
    const demo = await startBridge({ config, logger: new LogCapture().logger(), manualPolling: true, demo: true, onRestartRequested: (reason) => restarts.push(reason) });
    let next: Awaited<ReturnType<typeof startBridge>> | null = null;
    try {
      expect(demo.context.simulator).not.toBeNull();
      const page = await browser.newPage({ viewport: DESKTOP });
      await signIn(page, demo.url);
      await page.getByLabel('Client id').fill(netatmo.clientId);
      await page.getByLabel('Client secret').fill(netatmo.clientSecret);
      await page.getByRole('button', { name: 'Connect Netatmo' }).click();
      await page.waitForURL(`${netatmo.url}/oauth2/authorize?**`);
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(`${demo.url}/oauth/callback?**`);
      expect(await page.getByRole('status').textContent()).toContain('restarts on your real account');
      expect(restarts).toEqual(['Netatmo connected']);
      await page.close();

      const real = JSON.parse(await readFile(path.join(dataDir, 'bridge.json'), 'utf8')) as {
        netatmo: { credentials: { clientId: string } | null; tokens: { refreshToken: string } | null };
      };
      expect(real.netatmo.credentials?.clientId).toBe(netatmo.clientId);
      expect(real.netatmo.tokens?.refreshToken).toBeTruthy();
      // The demo's own data file keeps the simulator's tokens.
      expect(demo.context.store.data.netatmo.tokens?.refreshToken).not.toBe(real.netatmo.tokens?.refreshToken);

      // What src/main.ts does on the restart request: stop, then start again without --demo.
      await demo.stop();
      next = await startBridge({ config, logger: new LogCapture().logger(), manualPolling: true });
      expect(next.context.simulator).toBeNull();
      expect((await next.context.poller.pollNow()).ok).toBe(true);
      expect(next.context.state.homes.map((h) => h.id)).toEqual((netatmo.world.snapshot() as { homes: { id: string }[] }).homes.map((h) => h.id));
    } finally {
      if (next) await next.stop();
      else await demo.stop();
      await netatmo.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
