// The sweep over a finished bundle: a known secret is removed wherever it sits and in whatever
// form (as is, base64, hex, URL-encoded), and home/room names are replaced unless kept.
import { describe, expect, it } from 'vitest';
import { homesForReport, knownSecrets, sweep } from '../../../src/diagnostics/redact.js';
import { createDefaultData } from '../../../src/store/defaults.js';

describe('sweep', () => {
  it('removes every known secret in every form, anywhere in the bundle', () => {
    const data = createDefaultData(new Date());
    data.netatmo.tokens = { accessToken: 'acc-token-value-1', refreshToken: 'ref/token+value=2', expiresAt: '', scope: [], obtainedAt: '' };
    data.smartthings.contexts.x = { installedAppId: 'x', locationId: 'l', authToken: 'st-auth-token-3', refreshToken: 'st-refresh-4', config: {} };
    const secrets = knownSecrets(data, null, ['control-key-5']);
    const bundle = {
      logs: [`said ${data.lanToken} and acc-token-value-1`, `b64 ${Buffer.from('st-auth-token-3').toString('base64')}`],
      nested: { hex: Buffer.from('st-refresh-4').toString('hex'), url: encodeURIComponent('ref/token+value=2'), key: 'control-key-5' },
    };
    const text = JSON.stringify(sweep(bundle, secrets));
    for (const secret of [data.lanToken, 'acc-token-value-1', 'st-auth-token-3', Buffer.from('st-auth-token-3').toString('base64'), Buffer.from('st-refresh-4').toString('hex'), encodeURIComponent('ref/token+value=2'), 'control-key-5']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('replaces names unless asked to keep them', () => {
    const homes = [{ id: 'h', name: 'Maison Dupont', schedules: [{ id: 's', name: 'Winter', selected: true }], rooms: [{ id: 'r', name: 'Chambre de Léa' }] }] as never;
    expect(JSON.stringify(homesForReport(homes, false))).not.toMatch(/Dupont|Winter|Léa/);
    expect(JSON.stringify(homesForReport(homes, true))).toContain('Chambre de Léa');
  });
});
