// The diagnostics bundle after a full bridge run that produced every kind of secret — Netatmo
// tokens rotated several times, the LAN token, the Netatmo and SmartApp client secrets, the admin
// password and its session, a SmartApp installation with its tokens, a signed Netatmo webhook
// delivery, the CLI control key — from the CLI (live and offline) and the admin page: not one of
// them, in any of the forms it could take (as is, base64, base64url, hex, URL-encoded), is in
// the text of any bundle, while the facts a bug report needs are.
import { createHmac } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readControlFile } from '../../src/local/control-file.js';
import { adminSession } from '../helpers/admin-http.js';
import { cliEnv, runCliInProcess } from '../helpers/cli.js';
import { configOf, installApp, startCloudRig, type CloudRig } from './smartapp-helpers.js';

const ADMIN_PASSWORD = 'diagnostics-admin-password';
const LAN_TOKEN = 'lan-token-0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** The parts of the bundle this test reads. */
interface Bundle {
  [key: string]: unknown;
  config: { set: Record<string, boolean> };
  netatmo: { connected: boolean; health: { callsLastHour: number }; token: { expiresAt: string } };
  healthHistory: { polls: unknown[]; statusChanges: { status: string }[] };
  state: { homes: { name: string }[] };
  hubs: { list: { userAgent: string }[] };
  smartapp: { installations: unknown[] };
  logs: { lines: string[] };
}

function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex'), encodeURIComponent(secret)];
}

function leaks(text: string, secrets: ReadonlySet<string>): string[] {
  return [...secrets].filter((secret) => forms(secret).some((form) => text.includes(form)));
}

describe('diagnostics bundle', () => {
  let rig: CloudRig | undefined;
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it('holds no secret of a full bridge run, live or offline, and the facts a bug report needs', async () => {
    rig = await startCloudRig({ env: { ADMIN_PASSWORD, LAN_TOKEN } });
    const { t } = rig;
    const { context } = t.bridge;
    const secrets = new Set<string>([ADMIN_PASSWORD, LAN_TOKEN, t.simulator.clientSecret, rig.st.clientSecret]);
    const rememberTokens = () => {
      const tokens = context.store.data.netatmo.tokens;
      if (tokens) for (const value of [tokens.accessToken, tokens.refreshToken]) secrets.add(value);
    };
    if (t.config.netatmo.refreshToken) secrets.add(t.config.netatmo.refreshToken);

    // Netatmo tokens rotated three times; a SmartApp installation with its own tokens.
    const installed = await installApp(rig, configOf({ preferredPath: 'cloud' }));
    secrets.add(installed.tokens.authToken).add(installed.tokens.refreshToken);
    rememberTokens();
    for (let i = 0; i < 2; i += 1) {
      t.simulator.expireAccessTokens();
      expect((await context.poller.pollNow()).ok).toBe(true);
      rememberTokens();
    }
    // A signed Netatmo webhook delivery: its signature is keyed with the client secret.
    const home = context.state.homes[0]!;
    const event = JSON.stringify({ home_id: home.id, event_type: 'therm_mode', push_type: 'home_event_changed', mode: 'away', home: { id: home.id, therm_mode: 'away' } });
    const signature = createHmac('sha256', t.simulator.clientSecret).update(event).digest('hex');
    secrets.add(signature);
    expect((await fetch(`${t.bridge.url}/webhooks/netatmo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-netatmo-secret': signature }, body: event })).status).toBe(200);
    // An admin session, a hub reading the state, and the CLI's control key.
    const session = await adminSession(t.bridge.url, ADMIN_PASSWORD);
    secrets.add(session.cookie.split('=')[1] ?? '').add(session.csrf);
    expect((await t.api('/api/v1/state', { headers: { 'user-agent': 'SmartThings-Hub/1.0' } })).status).toBe(200);
    const control = await readControlFile(t.dataDir);
    secrets.add(control?.key ?? 'missing-control-key');
    const hash = context.store.data.web.adminPasswordHash;
    if (hash) secrets.add(hash);
    expect(secrets.size).toBeGreaterThanOrEqual(16);

    const env = await cliEnv(t.dataDir, t.simulator, { LAN_TOKEN, ADMIN_PASSWORD });
    const live = await runCliInProcess(['diagnostics', '--data-dir', t.dataDir], env, t.dataDir);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const download = await fetch(`${t.bridge.url}/admin/diagnostics`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
      body: new URLSearchParams({ _csrf: session.csrf, keepNames: 'yes' }),
    });
    const fromPage = await download.text();
    await rig.stop({ keepData: true });
    const outFile = path.join(t.dataDir, 'report.json');
    const offline = await runCliInProcess(['diagnostics', '--data-dir', t.dataDir, '--out', outFile], env, t.dataDir);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('from the data directory');
    const offlineText = await readFile(outFile, 'utf8');
    expect((await stat(outFile)).mode & 0o777).toBe(0o600);

    for (const text of [live.stdout, fromPage, offlineText]) expect(leaks(text, secrets)).toEqual([]);
    // The detector does see them where they legitimately are: the data file and the control file.
    const dataFile = await readFile(path.join(t.dataDir, 'bridge.json'), 'utf8');
    expect(leaks(dataFile, secrets).length).toBeGreaterThanOrEqual(4);

    const bundle = JSON.parse(live.stdout) as Bundle;
    expect(bundle).toMatchObject({ kind: 'netatmo-bridge-diagnostics', source: 'running-bridge', redaction: { names: 'replaced' } });
    expect(bundle.bridge).toMatchObject({ node: process.version, platform: process.platform, simulated: false });
    expect(bundle.config.set).toMatchObject({ LAN_TOKEN: true, ADMIN_PASSWORD: true, SMARTAPP_CLIENT_SECRET: true, PUBLIC_URL: true });
    expect(bundle.netatmo.health.callsLastHour).toBeGreaterThan(0);
    expect(bundle.netatmo.token.expiresAt).toMatch(/^\d{4}-/);
    expect(bundle.healthHistory.polls.length).toBeGreaterThanOrEqual(3);
    expect(bundle.healthHistory.statusChanges.map((c) => c.status)).toContain('ok');
    expect(bundle.state.homes[0]?.name).toBe('home 1');
    expect(bundle.hubs.list[0]?.userAgent).toBe('SmartThings-Hub/1.0');
    expect(bundle.smartapp.installations).toEqual([expect.objectContaining({ hasTokens: true })]);
    expect(bundle.logs.lines.length).toBeGreaterThan(10);
    expect((JSON.parse(fromPage) as Bundle).state.homes[0]?.name).toBe(home.name);
    const offlineBundle = JSON.parse(offlineText) as Bundle;
    expect(offlineBundle).toMatchObject({ source: 'data-directory', healthHistory: null, hubs: null });
    expect(offlineBundle.netatmo.connected).toBe(true);
    expect(offlineBundle.state.homes.length).toBe(context.state.homes.length);
  });
});
