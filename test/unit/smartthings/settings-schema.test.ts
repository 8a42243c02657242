import { describe, expect, it } from 'vitest';
import { parseAppSettings } from '../../../src/smartthings/settings-schema.js';

type Config = Record<string, { valueType: 'STRING'; stringConfig: { value: string } }[]>;
function config(values: Record<string, string | string[]>): Config {
  const out: Config = {};
  for (const [key, value] of Object.entries(values)) out[key] = (Array.isArray(value) ? value : [value]).map((v) => ({ valueType: 'STRING', stringConfig: { value: v } }));
  return out;
}

const STALE = { staleThresholdS: 600 };

describe('SmartApp settings as the options page describes them', () => {
  it('accepts the page defaults: 0 means "home default" / "until changed" and clears the stored value', () => {
    const parsed = parseAppSettings(config({ preferredPath: 'cloud', pollIntervalS: '60', overrideMinutes: '0', boostMinutes: '30', awayHours: '0' }), STALE);
    expect(parsed.problems).toEqual([]);
    expect(parsed.update.set).toEqual({ preferredPath: 'cloud', pollIntervalS: 60, boostMinutes: 30 });
    expect(parsed.update.unset.sort()).toEqual(['awayHours', 'defaultOverrideMinutes', 'homeIds']);
  });

  it('refuses negative, fractional and non-numeric values with a sentence per setting, and applies none of them', () => {
    const parsed = parseAppSettings(config({ overrideMinutes: '-5', boostMinutes: '2.5', awayHours: 'soon', pollIntervalS: '5' }), STALE);
    expect(parsed.update.set).toEqual({});
    expect(parsed.update.unset).toEqual(['homeIds']);
    const bySetting = Object.fromEntries(parsed.problems.map((p) => [p.settingId, p.message]));
    expect(bySetting.overrideMinutes).toMatch(/Manual setpoint.*whole number from 0 to 1440.*-5/);
    expect(bySetting.boostMinutes).toMatch(/Boost.*whole number from 5 to 720/);
    expect(bySetting.awayHours).toMatch(/Away.*whole number from 0 to 8760/);
    expect(bySetting.pollIntervalS).toMatch(/at least 10/);
  });

  it('refuses a poll interval above half the stale threshold (it would flip every device offline between polls)', () => {
    const tooLong = parseAppSettings(config({ pollIntervalS: '400' }), STALE);
    expect(tooLong.update.set.pollIntervalS).toBeUndefined();
    expect(tooLong.problems).toEqual([{ settingId: 'pollIntervalS', message: expect.stringContaining('at most 300 s: half the stale threshold (600 s') }]);
    expect(parseAppSettings(config({ pollIntervalS: '300' }), STALE).update.set.pollIntervalS).toBe(300);
  });

  it('reads the homes and optional device profile ids, refusing ids that are not SmartThings ids', () => {
    const ok = parseAppSettings(config({ homes: ['h1', 'h2'], homeProfileId: '0a1b2c3d-1111-4222-8333-944455556666', roomProfileId: ' ' }), STALE);
    expect(ok.update.set.homeIds).toEqual(['h1', 'h2']);
    expect(ok.profileIds).toEqual({ home: '0a1b2c3d-1111-4222-8333-944455556666' });
    const bad = parseAppSettings(config({ roomProfileId: 'netatmo-cloud-room' }), STALE);
    expect(bad.profileIds).toEqual({});
    expect(bad.problems[0]).toMatchObject({ settingId: 'roomProfileId', message: expect.stringContaining('smartthings deviceprofiles') });
  });

  it('an empty homes answer clears the filter (every home)', () => {
    expect(parseAppSettings(config({ preferredPath: 'lan' }), STALE).update.unset).toContain('homeIds');
  });

  it('refuses the cloud path while the SmartApp registration is incomplete (the same rule as PREFERRED_PATH=cloud)', () => {
    const parsed = parseAppSettings(config({ preferredPath: 'cloud' }), { ...STALE, cloudPathMissing: ['SMARTAPP_CLIENT_SECRET'] });
    expect(parsed.update.set.preferredPath).toBeUndefined();
    expect(parsed.problems).toEqual([{ settingId: 'preferredPath', message: expect.stringContaining('SMARTAPP_CLIENT_SECRET') }]);
    expect(parseAppSettings(config({ preferredPath: 'lan' }), { ...STALE, cloudPathMissing: ['SMARTAPP_CLIENT_SECRET'] }).update.set.preferredPath).toBe('lan');
  });
});
