// Admin password hashing, the sign-in throttle and session expiry.
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '../../../src/web/auth/password.js';
import { SessionStore } from '../../../src/web/auth/sessions.js';
import { SignInThrottle } from '../../../src/web/auth/throttle.js';
import { html, raw } from '../../../src/web/html.js';

describe('admin password', () => {
  it('verifies the right password against its scrypt hash and refuses others and unreadable hashes', async () => {
    const password = generatePassword();
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(generatePassword()).not.toBe(password);
    const hash = await hashPassword(password);
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain(password);
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword(`${password}x`, hash)).toBe(false);
    expect(await verifyPassword(password, 'plain-text')).toBe(false);
    expect(await verifyPassword(password, 'scrypt$99999999$8$1$c2FsdA$aGFzaA')).toBe(false);
    expect(await hashPassword(password)).not.toBe(hash); // salted
  });
});

describe('SignInThrottle', () => {
  it('blocks an address after 5 failures for the rest of the window, and everyone after the global cap', () => {
    let now = 0;
    const throttle = new SignInThrottle({ now: () => now, perAddress: 5, global: 8, windowMs: 60_000 });
    for (let i = 0; i < 5; i += 1) {
      expect(throttle.check('a').ok).toBe(true);
      throttle.recordFailure('a');
    }
    expect(throttle.check('a')).toEqual({ ok: false, retryAfterS: 60 });
    expect(throttle.check('b').ok).toBe(true);
    now = 30_000;
    expect(throttle.check('a')).toEqual({ ok: false, retryAfterS: 30 });
    for (let i = 0; i < 3; i += 1) throttle.recordFailure(`x${i}`);
    expect(throttle.check('c').ok).toBe(false);
    now = 60_001;
    expect(throttle.check('a').ok).toBe(true);
    expect(throttle.check('c').ok).toBe(true);
  });
});

describe('SessionStore', () => {
  it('expires idle and old sessions and finds a session by its pending connection state', () => {
    let now = 0;
    const sessions = new SessionStore({ now: () => now, idleMs: 1000, maxAgeMs: 5000 });
    const a = sessions.create();
    expect(a.id).not.toBe(a.csrfToken);
    now = 900;
    expect(sessions.get(a.id)).toBe(a);
    now = 1800;
    expect(sessions.get(a.id)).toBe(a); // used 900 ms ago
    now = 2900;
    expect(sessions.get(a.id)).toBeNull();

    const b = sessions.create();
    b.connect = { state: 'state-1', clientId: 'c', clientSecret: 's', redirectUri: 'http://x/cb', mode: 'bridge', startedAt: now };
    expect(sessions.findByConnectState('state-1')).toBe(b);
    expect(sessions.findByConnectState('state-2')).toBeNull();
    for (let t = 0; t < 6; t += 1) {
      now += 900;
      sessions.get(b.id);
    }
    expect(sessions.get(b.id)).toBeNull(); // older than maxAge even though used
  });
});

describe('html', () => {
  it('escapes interpolated text but not nested templates', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(html`<p>${name}</p>`.value).toBe('<p>&#60;img src=x onerror=alert(1)&#62;</p>');
    expect(html`<ul>${[1, 2].map((n) => html`<li>${n}</li>`)}</ul>`.value).toBe('<ul><li>1</li><li>2</li></ul>');
    expect(html`${raw('<b>')}${null}${false}`.value).toBe('<b>');
  });
});
