// Text scrubbing and the log ring: token-shaped text goes, ordinary words and ids stay.
import { describe, expect, it } from 'vitest';
import { LogRing } from '../../../src/util/log-ring.js';
import { scrubText } from '../../../src/util/scrub.js';

describe('scrubText', () => {
  it('removes tokens, bearer headers, secret key/value pairs and e-mail addresses', () => {
    const lanToken = 'a'.repeat(16) + '0123456789abcdef0123456789abcdef0123456789abcdef';
    const text = [
      'Authorization: Bearer abc.def-ghi',
      '"refreshToken":"5f0c6e2a8d4b4c1e9a7f2b3c|0123456789abcdef0123456789abcdef"',
      `lan ${lanToken}`,
      'access_token=opaque-value-123',
      'mail jane.doe+bridge@example.org',
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      'key c2VjcmV0LXZhbHVlLXRoYXQtaXMtbG9uZy1lbm91Z2gtMTIzNDU2Nzg5MA==',
      'landed on http://localhost/?state=abc&code=oauth-code-value',
      '{"token":"pairing-token-value"}',
    ].join('\n');
    const out = scrubText(text);
    for (const secret of ['abc.def-ghi', '0123456789abcdef0123456789abcdef', lanToken, 'opaque-value-123', 'jane.doe', 'sflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'c2VjcmV0LXZhbHVl', 'oauth-code-value', 'pairing-token-value']) {
      expect(out).not.toContain(secret);
    }
  });

  it('keeps ordinary text, Netatmo ids, UUIDs and paths', () => {
    const text = '{"code":"EACCES","tokenSaved":true} home 5f0c6e2a8d4b4c1e9a7f2b3c room 2255031728 bridge 5f0c6e2a-8d4b-4c1e-9a7f-2b3c4d5e6f70 file /home/pi/.local/share/netatmo-bridge/bridge.json Netatmo poll failed: timeout';
    expect(scrubText(text)).toBe(text);
  });
});

describe('LogRing', () => {
  it('keeps the last lines, scrubbed, oldest first', () => {
    const ring = new LogRing(3);
    for (let i = 1; i <= 5; i += 1) ring.record(`{"msg":"line ${i}","auth":"Bearer secret${i}"}\n`);
    expect(ring.lines()).toEqual(['{"msg":"line 3","auth":"Bearer [redacted]"}', '{"msg":"line 4","auth":"Bearer [redacted]"}', '{"msg":"line 5","auth":"Bearer [redacted]"}']);
  });
});
