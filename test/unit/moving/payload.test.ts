import { describe, expect, it } from 'vitest';
import { applyPayload, parsePayload, payloadFrom } from '../../../src/moving/payload.js';
import { createDefaultData } from '../../../src/store/defaults.js';

const EXPORT_ID = '0b8f3c2e-4a51-4d7e-9a3f-2c1d5e6f7a80';

describe('export payload', () => {
  it('carries what adaptive polling learnt to the new machine', () => {
    const old = createDefaultData(new Date('2026-11-01T00:00:00Z'));
    const hours = Array.from({ length: 24 }, (_, h) => (h >= 6 && h < 9 ? 3.5 : 0.25));
    old.polling.activity['home-1'] = { hours, updatedAt: '2026-11-30T21:00:00.000Z' };

    const bytes = Buffer.from(JSON.stringify(payloadFrom(old, EXPORT_ID, '2026-12-01T10:00:00.000Z')));
    const fresh = createDefaultData(new Date('2026-12-01T09:00:00Z'));
    applyPayload(fresh, parsePayload(bytes, EXPORT_ID));

    expect(fresh.polling.activity['home-1']).toEqual({ hours, updatedAt: '2026-11-30T21:00:00.000Z' });
  });

  it('keeps the new machine’s learnt hours when the export has none (an older bridge)', () => {
    const old = createDefaultData(new Date('2026-11-01T00:00:00Z'));
    const payload = payloadFrom(old, EXPORT_ID, '2026-12-01T10:00:00.000Z');
    delete (payload as { polling?: unknown }).polling;
    const fresh = createDefaultData(new Date('2026-12-01T09:00:00Z'));
    fresh.polling.activity['home-2'] = { hours: new Array<number>(24).fill(1), updatedAt: '2026-12-01T08:00:00.000Z' };

    applyPayload(fresh, parsePayload(Buffer.from(JSON.stringify(payload)), EXPORT_ID));

    expect(Object.keys(fresh.polling.activity)).toEqual(['home-2']);
  });

  it('refuses a polling section that is not an object of profiles', () => {
    const old = createDefaultData(new Date('2026-11-01T00:00:00Z'));
    const payload = { ...payloadFrom(old, EXPORT_ID, '2026-12-01T10:00:00.000Z'), polling: { activity: 'everything' } };
    expect(() => parsePayload(Buffer.from(JSON.stringify(payload)), EXPORT_ID)).toThrow(expect.objectContaining({ reason: 'invalid_payload' }));
  });
});
