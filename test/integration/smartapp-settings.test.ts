// The options page and the settings it produces, over real signed lifecycles: INSTALL with the
// page's own defaults, values the SmartThings app lets through although the page forbids them
// (negative numbers: the SDK drops `min: 0`), and the poll interval against the stale threshold.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configOf, defaultsOf, fetchPage, INSTALLED_APP_ID, installBody, settingsOf, startCloudRig, updateBody, type CloudRig } from './smartapp-helpers.js';

let rig: CloudRig | undefined;
afterEach(async () => {
  expect(rig?.st.violations ?? []).toEqual([]);
  await rig?.stop();
  rig = undefined;
});

function problemTexts(page: Awaited<ReturnType<typeof fetchPage>>): string[] {
  const section = page.sections.find((s) => s.name === 'Please correct');
  return (section?.settings ?? []).map((s) => `${s.name ?? ''}: ${s.description ?? ''}`);
}

describe('SmartApp options page and settings', () => {
  it('INSTALL with every default the pages offer answers 200, stores no "0" durations and creates the devices', async () => {
    rig = await startCloudRig();
    await rig.t.bridge.context.poller.pollNow();
    const pages = [await fetchPage(rig, 'netatmo'), await fetchPage(rig, 'homes'), await fetchPage(rig, 'options')];
    const config = defaultsOf(...pages);
    expect(config.overrideMinutes?.[0]?.stringConfig.value).toBe('0');
    expect(config.awayHours?.[0]?.stringConfig.value).toBe('0');

    const res = await rig.lifecycle(installBody(rig.st.issueTokens(INSTALLED_APP_ID), config));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ statusCode: 200, installData: {} });
    const settings = rig.t.bridge.context.store.data.settings;
    expect(settings.defaultOverrideMinutes).toBeUndefined();
    expect(settings.awayHours).toBeUndefined();
    expect(settings.boostMinutes).toBe(30);
    const rooms = rig.t.bridge.context.state.homes[0]!.rooms.length;
    await vi.waitFor(() => expect(rig!.st.devices.size).toBe(1 + rooms), { timeout: 5_000 });
  });

  it('describes every number setting with its real bounds, 0 included (the SDK would drop min: 0)', async () => {
    rig = await startCloudRig();
    const numbers = settingsOf(await fetchPage(rig, 'options')).filter((s) => s.type === 'NUMBER');
    expect(numbers.map((s) => [s.id, s.min, s.max])).toEqual([
      ['pollIntervalS', 10, 300],
      ['overrideMinutes', 0, 1440],
      ['boostMinutes', 5, 720],
      ['awayHours', 0, 8760],
    ]);
    // A changed number re-sends the page at once, so a bad value is reported before Done.
    expect(numbers.every((s) => s.submitOnChange === true)).toBe(true);
  });

  it('a negative duration gets a page error on the re-sent page and never a 500; INSTALL keeps the good values only', async () => {
    rig = await startCloudRig();
    await rig.t.bridge.context.poller.pollNow();
    const bad = configOf({ preferredPath: 'cloud', overrideMinutes: '-5', boostMinutes: '45', awayHours: '0' });
    const page = await fetchPage(rig, 'options', bad, { resubmit: true });
    expect(problemTexts(page)).toEqual([expect.stringMatching(/Manual setpoint \(minutes\).*whole number from 0 to 1440 \(got -5\)/)]);

    const res = await rig.lifecycle(installBody(rig.st.issueTokens(INSTALLED_APP_ID), bad));
    expect(res.status).toBe(200);
    const settings = rig.t.bridge.context.store.data.settings;
    expect(settings.boostMinutes).toBe(45);
    expect(settings.defaultOverrideMinutes).toBeUndefined();
    expect(rig.t.logs.find('settings were not applied')).toHaveLength(1);
    // Opening the settings again shows what was refused (SmartThings sends the saved answers).
    expect(problemTexts(await fetchPage(rig, 'options', bad))).toHaveLength(1);
  });

  it('refuses a poll interval above half the stale threshold on the page and in UPDATE (devices would flip offline between polls)', async () => {
    rig = await startCloudRig();
    await rig.t.bridge.context.poller.pollNow();
    const tooLong = configOf({ preferredPath: 'cloud', pollIntervalS: '400' });
    expect(problemTexts(await fetchPage(rig, 'options', tooLong, { resubmit: true }))).toEqual([expect.stringContaining('at most 300 s')]);

    const before = rig.t.bridge.context.netatmoHealth().pollIntervalS;
    expect((await rig.lifecycle(installBody(rig.st.issueTokens(INSTALLED_APP_ID), configOf({ preferredPath: 'cloud', pollIntervalS: '120' })))).status).toBe(200);
    expect(rig.t.bridge.context.netatmoHealth().pollIntervalS).toBe(120);
    expect((await rig.lifecycle(updateBody(rig.st.issueTokens(INSTALLED_APP_ID), tooLong))).status).toBe(200);
    expect(rig.t.bridge.context.netatmoHealth().pollIntervalS).toBe(120);
    expect(before).not.toBe(120);
  });
});
