// Connecting Netatmo from the SmartApp's pages: a link to the bridge's own guided OAuth page is
// the first choice (no token typed into SmartThings); the fallback page uses a typed refresh
// token at once and answers with a page that no longer carries the secret fields.
import { afterEach, describe, expect, it } from 'vitest';
import { configOf, fetchPage, settingsOf, startCloudRig, type CloudRig } from './smartapp-helpers.js';

const PASSWORD = 'pages-test-password';

let rig: CloudRig | undefined;
afterEach(async () => {
  expect(rig?.st.violations ?? []).toEqual([]);
  await rig?.stop();
  rig = undefined;
});

describe('SmartApp Netatmo account pages', () => {
  it("page 1 links to the bridge's guided connection (PUBLIC_URL), which opens the Connect Netatmo card after sign-in; no secret field", async () => {
    rig = await startCloudRig({ env: { ADMIN_PASSWORD: PASSWORD } });
    const page = await fetchPage(rig, 'netatmo');
    const settings = settingsOf(page);
    expect(settings.some((s) => s.type === 'PASSWORD')).toBe(false);
    const link = settings.find((s) => s.type === 'LINK')!;
    expect(link.url).toBe(`http://127.0.0.1:${rig.port}/admin#connect`);
    expect(settings.find((s) => s.type === 'PAGE')).toMatchObject({ id: 'manualEntry', page: 'netatmoManual' });
    expect(page.nextPageId).toBe('homes');

    const signIn = await fetch(`${rig.t.bridge.url}/admin/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: PASSWORD }).toString(),
    });
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('bridge_admin='))!.split(';')[0]!;
    const admin = await fetch(link.url!.replace('#connect', ''), { headers: { cookie } });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('id="connect"');
  });

  it('the fallback page uses a typed refresh token once, at once, and answers without the secret and token fields', async () => {
    rig = await startCloudRig();
    const sim = rig.t.simulator;
    const empty = await fetchPage(rig, 'netatmoManual');
    expect(settingsOf(empty).map((s) => [s.id, s.type])).toEqual([
      ['netatmoClientId', 'TEXT'],
      ['netatmoClientSecret', 'PASSWORD'],
      ['netatmoRefreshToken', 'PASSWORD'],
    ]);
    expect(settingsOf(empty).find((s) => s.id === 'netatmoRefreshToken')?.submitOnChange).toBe(true);

    const token = sim.issueRefreshToken();
    const typed = configOf({ netatmoClientId: sim.clientId, netatmoClientSecret: sim.clientSecret, netatmoRefreshToken: token });
    const tokenCalls = sim.calls.list({ endpoint: 'oauth2/token' }).length;
    const answered = await fetchPage(rig, 'netatmoManual', typed, { resubmit: true });
    expect(sim.calls.list({ endpoint: 'oauth2/token' })).toHaveLength(tokenCalls + 1);
    const ids = settingsOf(answered).map((s) => s.id);
    expect(ids).not.toContain('netatmoRefreshToken');
    expect(ids).not.toContain('netatmoClientSecret');
    expect(JSON.stringify(answered)).not.toContain(token);
    expect(JSON.stringify(answered)).not.toContain(sim.clientSecret);
    expect(settingsOf(answered).find((s) => s.id === 'manualResult')?.description).toContain('Netatmo accepted these credentials');
    expect(rig.t.bridge.context.store.data.netatmo.credentials).toEqual({ clientId: sim.clientId, clientSecret: sim.clientSecret });

    // The homes page and a second visit never send the used token to Netatmo again.
    await fetchPage(rig, 'homes', typed);
    await fetchPage(rig, 'netatmoManual', typed, { resubmit: true });
    expect(sim.calls.list({ endpoint: 'oauth2/token' })).toHaveLength(tokenCalls + 1);
  });

  it('the fallback page says clearly when Netatmo refuses, and keeps the fields to correct them', async () => {
    rig = await startCloudRig();
    const sim = rig.t.simulator;
    const page = await fetchPage(rig, 'netatmoManual', configOf({ netatmoClientId: sim.clientId, netatmoClientSecret: sim.clientSecret, netatmoRefreshToken: 'not-a-token' }), { resubmit: true });
    expect(settingsOf(page).find((s) => s.id === 'manualResult')?.description).toContain('Netatmo refused the refresh token');
    expect(settingsOf(page).map((s) => s.id)).toContain('netatmoRefreshToken');
    expect(JSON.stringify(page)).not.toContain(sim.clientSecret);
  });
});
