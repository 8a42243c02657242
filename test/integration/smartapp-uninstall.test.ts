// UNINSTALL of the last installation undoes what installing did: the Netatmo webhook (registered
// while the SmartApp is installed, through dropwebhook of the bridge's Netatmo client) and the
// cloud path preference written by the options page.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configOf, installApp, startCloudRig, uninstallBody, type CloudRig } from './smartapp-helpers.js';

let rig: CloudRig | undefined;
afterEach(async () => {
  expect(rig?.st.violations ?? []).toEqual([]);
  await rig?.stop();
  rig = undefined;
});

describe('SmartApp UNINSTALL', () => {
  it('drops the Netatmo webhook and the preferredPath=cloud setting, and a restart does not register the webhook again', async () => {
    // PREFERRED_PATH in the environment stays lan: the cloud path comes from the options page only.
    rig = await startCloudRig({ env: { PREFERRED_PATH: 'lan' } });
    const sim = rig.t.simulator;
    // A registered SmartApp that is not installed yet: no webhook.
    expect(sim.calls.list({ endpoint: 'addwebhook' })).toHaveLength(0);
    await installApp(rig, configOf({ preferredPath: 'cloud' }));
    await vi.waitFor(() => expect(sim.calls.list({ endpoint: 'addwebhook' })).toHaveLength(1), { timeout: 5_000 });
    expect(rig.t.bridge.context.store.data.settings.preferredPath).toBe('cloud');

    const res = await rig.lifecycle(uninstallBody());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ statusCode: 200, uninstallData: {} });
    await vi.waitFor(() => expect(sim.calls.list({ endpoint: 'dropwebhook' })).toHaveLength(1), { timeout: 5_000 });
    expect(rig.t.bridge.context.store.data.settings.preferredPath).toBeUndefined();
    expect(rig.t.bridge.context.bridgeInfo().preferredPath).toBe('lan');

    // Restart on the same data: still no SmartApp installed, so no webhook.
    const { st, signer } = rig;
    const first = rig.t;
    const dataDir = rig.t.dataDir;
    await rig.stop({ keepData: true });
    expect(sim.calls.list({ endpoint: 'dropwebhook' })).toHaveLength(1);
    rig = await startCloudRig({ dataDir, st, signer, existing: first, env: { PREFERRED_PATH: 'lan' } });
    await rig.t.bridge.context.poller.pollNow();
    expect(sim.calls.list({ endpoint: 'addwebhook' })).toHaveLength(1);
    await rig.stop();
    rig = undefined;
    await st.stop();
    await sim.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
});
