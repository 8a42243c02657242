// `status` and `pair` against a real bridge over HTTP, with the LAN token read from its data file.
import { afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

describe('netatmo-bridge status and pair', () => {
  let t: TestBridge | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  function env(bridge: TestBridge): Record<string, string> {
    return { DATA_DIR: bridge.dataDir, HOST: '127.0.0.1', PORT: String(bridge.bridge.port), SSDP: 'off', SIMULATOR: 'off' };
  }

  it('status says in words that Netatmo works, with homes and the budget', async () => {
    t = await startTestBridge();
    await t.bridge.context.poller.pollNow();
    const run = await runCliInProcess(['status'], env(t), t.dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Bridge 1\.0\.0: running at http:\/\/127\.0\.0\.1:\d+\/ \(status page\)\./);
    expect(run.stdout).toMatch(/Netatmo: working \(data from just now\)\./);
    expect(run.stdout).toMatch(/Homes: .+ \(\d+ rooms\)\./);
    expect(run.stdout).toMatch(/Netatmo API calls: \d+ in the last hour \(budget 400\)/);
    expect(run.stdout).not.toContain(t.lanToken());
  });

  it('in the demo, status says the home is simulated and doctor finds nothing to fix', async () => {
    t = await startTestBridge({ bridge: { demo: true }, withRefreshToken: false });
    await t.bridge.context.poller.pollNow();
    const cliEnv = { ...env(t), NETATMO_API_URL: t.simulator.url };
    const status = await runCliInProcess(['status'], cliEnv, t.dataDir);
    expect(status.stdout).toMatch(/Netatmo: the SIMULATED demo home \(data from just now\), not your heating\. Connect your account on the admin page/);
    expect(status.code).toBe(0);
    const doctor = await runCliInProcess(['doctor'], cliEnv, t.dataDir);
    expect(doctor.stdout).toMatch(/^ok +Netatmo login: no account connected: the bridge runs the simulated demo home/m);
    expect(doctor.stdout).not.toMatch(/^FIX/m);
    expect(doctor.code).toBe(0);
  });

  it('status explains auth_required and exits 2', async () => {
    t = await startTestBridge();
    t.simulator.revokeRefreshTokens();
    t.simulator.expireAccessTokens();
    await t.bridge.context.poller.pollNow();
    const run = await runCliInProcess(['status'], env(t), t.dataDir);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Netatmo: the saved login was refused\. Reconnect on the admin page \(\/admin\)/);
  });

  it('status says where it looked when no bridge answers', async () => {
    t = await startTestBridge();
    const run = await runCliInProcess(['status', '--url', 'http://127.0.0.1:9'], env(t), t.dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/does not answer at http:\/\/127\.0\.0\.1:9\. Is it running\?/);
  });

  it('pair opens the pairing window of the running bridge', async () => {
    t = await startTestBridge();
    t.bridge.context.pairing.close();
    const run = await runCliInProcess(['pair'], env(t), t.dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(t.bridge.context.pairing.isOpen()).toBe(true);
    expect(run.stdout).toMatch(/Pairing is open until \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d /);
    const pair = await fetch(`${t.bridge.url}/api/v1/pair`, { method: 'POST' });
    expect(pair.status).toBe(200);
  });

  it('refuses an unknown command and names the commands', async () => {
    const run = await runCliInProcess(['frobnicate'], {}, process.cwd());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unknown command "frobnicate"\. Commands: start, demo, status, pair, doctor, auth, service/);
  });
});

describe('doctor and the status page on versions', () => {
  let t: TestBridge | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('names the running version and an Edge driver that speaks an older LAN API, with what to do', async () => {
    t = await startTestBridge();
    await t.bridge.context.poller.pollNow();
    await t.bridge.context.store.flush();
    // A current driver (sends its version and level) and an older one (no header), as hubs poll.
    const current = await t.api('/api/v1/state', { headers: { 'x-netatmo-bridge-driver': '1.1.0; api=2' } });
    expect(current.status).toBe(200);
    const page = await (await fetch(`${t.bridge.url}/`)).text();
    expect(page).toMatch(/<dd id="bridge-version">1\.0\.0 \(LAN API 2\)<\/dd>/);
    expect(page).toContain('<td>1.1.0 (LAN API 2)</td>');
    const env = { DATA_DIR: t.dataDir, HOST: '127.0.0.1', PORT: String(t.bridge.port), SSDP: 'off', SIMULATOR: 'off', NETATMO_API_URL: t.simulator.url, NETATMO_CLIENT_ID: t.simulator.clientId, NETATMO_CLIENT_SECRET: t.simulator.clientSecret };
    const good = await runCliInProcess(['doctor'], env, t.dataDir);
    expect(good.stdout).toMatch(/^ok +Version: netatmo-bridge 1\.0\.0 \(LAN API 2\) runs$/m);
    expect(good.stdout).toMatch(/^ok +Edge driver on hub 127\.0\.0\.1: 1\.1\.0 \(LAN API 2\), current$/m);
    expect(good.stdout.split("\n").filter((l) => l.startsWith("FIX"))).toEqual([]);
    expect(good.code).toBe(0); // the CLI's own state reads are not taken for a hub

    await t.api('/api/v1/state'); // an older driver: no header
    const stale = await runCliInProcess(['doctor'], env, t.dataDir);
    expect(stale.stdout).toMatch(/^FIX +Edge driver on hub 127\.0\.0\.1: older, no version sent \(LAN API 1\) → The hub runs an older driver .* update the driver .*driver\/README\.md/m);
    expect(stale.code).toBe(1);
    expect(await (await fetch(`${t.bridge.url}/`)).text()).toMatch(/class="warn-text driver-update" role="status">.*127\.0\.0\.1: The hub runs an older driver/);
  });
});
