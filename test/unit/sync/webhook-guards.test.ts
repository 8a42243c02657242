// Pure parts of the webhook intake: the signature check, the replay guard and the confirmation gate.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfirmationGate, ReplayGuard } from '../../../src/sync/webhook-guards.js';
import { hasValidSignature } from '../../../src/sync/webhook-signature.js';

const SECRET = 'app-client-secret';
const body = Buffer.from('{"event_type":"therm_mode","home_id":"h1","mode":"away"}');
const sign = (bytes: Buffer, key = SECRET) => createHmac('sha256', key).update(bytes).digest('hex');

describe('X-Netatmo-secret', () => {
  it('accepts the hex HMAC-SHA256 of the exact bytes under the client secret (either case, surrounding spaces)', () => {
    expect(hasValidSignature(body, sign(body), SECRET)).toBe(true);
    expect(hasValidSignature(body, ` ${sign(body).toUpperCase()} `, SECRET)).toBe(true);
  });

  it('refuses another key, another body, a missing, short, long, non-hex or repeated header, and an empty secret', () => {
    expect(hasValidSignature(body, sign(body, 'other'), SECRET)).toBe(false);
    expect(hasValidSignature(Buffer.concat([body, Buffer.from(' ')]), sign(body), SECRET)).toBe(false);
    for (const header of [undefined, '', sign(body).slice(0, 62), `${sign(body)}00`, 'g'.repeat(64), [sign(body)]]) {
      expect(hasValidSignature(body, header, SECRET)).toBe(false);
    }
    expect(hasValidSignature(body, sign(body, ''), '')).toBe(false);
  });
});

describe('ReplayGuard', () => {
  it('drops a digest seen within the window, forgets it afterwards and keeps at most its capacity', () => {
    let now = 0;
    const guard = new ReplayGuard(() => now, 60_000, 3);
    expect(guard.firstTime('a')).toBe(true);
    expect(guard.firstTime('a')).toBe(false);
    now = 60_000;
    expect(guard.firstTime('a')).toBe(true);
    for (const digest of ['b', 'c', 'd', 'e']) expect(guard.firstTime(digest)).toBe(true);
    // 'a' was pushed out by capacity, 'e' is still remembered.
    expect(guard.firstTime('e')).toBe(false);
    expect(guard.firstTime('a')).toBe(true);
  });
});

describe('ConfirmationGate', () => {
  it('passes one request per gap, reads the gap each time and is not stuck by a clock stepped back', () => {
    let now = 1_000_000;
    let gap = 60_000;
    const gate = new ConfirmationGate(() => now, () => gap);
    expect(gate.tryPass()).toBe(true);
    now += 59_999;
    expect(gate.tryPass()).toBe(false);
    now += 1;
    expect(gate.tryPass()).toBe(true);
    gap = 120_000;
    now += 60_000;
    expect(gate.tryPass()).toBe(false);
    now -= 3_600_000;
    expect(gate.tryPass()).toBe(true);
  });
});
