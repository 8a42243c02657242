// The admin page's settings: the cloud path is refused with the reason while no SmartApp is
// configured; settings saved in the demo go to the real data file too, so they survive
// connecting Netatmo; the poll/stale rule is the configuration's (one message).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cloudPathMissing } from '../../src/config/index.js';
import { adminSession, postAdminForm } from '../helpers/admin-http.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

const PASSWORD = 'settings-test-password';

describe('admin settings', () => {
  const bridges: TestBridge[] = [];
  afterEach(async () => {
    for (const b of bridges.splice(0).reverse()) await b.stop();
  });

  it('refuses the cloud path without a SmartApp, with the reason, and changes nothing', async () => {
    const tb = await startTestBridge({ env: { ADMIN_PASSWORD: PASSWORD } });
    bridges.push(tb);
    const session = await adminSession(tb.bridge.url, PASSWORD);
    expect(await (await fetch(`${tb.bridge.url}/admin`, { headers: { cookie: session.cookie } })).text()).toContain('The cloud path needs the SmartApp');
    const answer = await postAdminForm(tb.bridge.url, '/admin/settings', session, { pollIntervalS: '30', staleThresholdS: '120', preferredPath: 'cloud' });
    expect(answer.status).toBe(303);
    expect(answer.page).toMatch(/role="alert" id="flash"><p>The cloud path needs the SmartApp registered in the SmartThings Developer Workspace: set PUBLIC_URL, SMARTAPP_APP_ID, SMARTAPP_CLIENT_ID, SMARTAPP_CLIENT_SECRET \(docs\/smartapp\.md\)/);
    expect(tb.bridge.context.store.data.settings).toEqual({});
    expect(tb.bridge.context.bridgeInfo().preferredPath).toBe('lan');
  });

  it('the cloud path is allowed once the SmartApp settings are complete (same rule as PREFERRED_PATH=cloud)', () => {
    const smartapp = { appId: 'app', clientId: 'cid', clientSecret: 'secret' };
    expect(cloudPathMissing({ publicUrl: 'https://bridge.example.com', smartapp })).toEqual([]);
    expect(cloudPathMissing({ publicUrl: undefined, smartapp: { ...smartapp, appId: undefined } })).toEqual(['PUBLIC_URL', 'SMARTAPP_APP_ID']);
  });

  it('accepts a poll/stale pair the configuration accepts, with the configuration\'s message otherwise', async () => {
    const tb = await startTestBridge({ env: { ADMIN_PASSWORD: PASSWORD, POLL_INTERVAL_S: '60', STALE_THRESHOLD_S: '120' } });
    bridges.push(tb);
    const session = await adminSession(tb.bridge.url, PASSWORD);
    // The values from .env, pre-filled, save as they are: .env can no longer hold a pair this form refuses.
    const same = await postAdminForm(tb.bridge.url, '/admin/settings', session, { pollIntervalS: '60', staleThresholdS: '120', preferredPath: 'lan' });
    expect(same.page).toContain('Settings saved: poll every 60 s, stale after 120 s');
    const refused = await postAdminForm(tb.bridge.url, '/admin/settings', session, { pollIntervalS: '60', staleThresholdS: '100', preferredPath: 'lan' });
    expect(refused.page).toContain('STALE_THRESHOLD_S (the stale threshold) must be at least twice POLL_INTERVAL_S (the poll interval): got 100 and 60 seconds');
  });

  it('settings saved in the demo are kept in the real data file and used once Netatmo is connected', async () => {
    const demo = await startTestBridge({ bridge: { demo: true }, withRefreshToken: false, env: { ADMIN_PASSWORD: PASSWORD } });
    const session = await adminSession(demo.bridge.url, PASSWORD);
    const saved = await postAdminForm(demo.bridge.url, '/admin/settings', session, { pollIntervalS: '45', staleThresholdS: '300', preferredPath: 'lan' });
    expect(saved.page).toContain('Settings saved: poll every 45 s');
    await demo.stop({ keepData: true, keepSimulator: true });
    const real = JSON.parse(await readFile(path.join(demo.dataDir, 'bridge.json'), 'utf8')) as { settings: Record<string, unknown> };
    expect(real.settings).toMatchObject({ pollIntervalS: 45, staleThresholdS: 300, preferredPath: 'lan' });

    // The same data directory on the real account (what the restart after connecting does).
    const connected = await startTestBridge({ existingSimulator: demo.simulator, dataDir: demo.dataDir });
    bridges.push(connected);
    expect(connected.bridge.context.simulator).toBeNull();
    expect(connected.bridge.context.netatmoHealth().pollIntervalS).toBe(45);
    await demo.simulator.stop();
  });
});
