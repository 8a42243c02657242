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
  const failed = (throttle: SignInThrottle, address: string) => {
    const attempt = throttle.begin(address);
    if (!attempt.ok) throw new Error(`attempt from ${address} refused`);
    attempt.done(false);
  };

  it('blocks an address after 5 attempts for the rest of the window, counting attempts still being checked', () => {
    let now = 0;
    const throttle = new SignInThrottle({ now: () => now, perAddress: 5, global: 50, windowMs: 60_000 });
    const running = Array.from({ length: 5 }, () => throttle.begin('10.0.0.1'));
    expect(running.every((a) => a.ok)).toBe(true);
    expect(throttle.begin('10.0.0.1')).toEqual({ ok: false, retryAfterS: 60 });
    for (const attempt of running) if (attempt.ok) attempt.done(false);
    expect(throttle.begin('10.0.0.2').ok).toBe(true);
    now = 30_000;
    expect(throttle.begin('10.0.0.1')).toEqual({ ok: false, retryAfterS: 30 });
    now = 60_001;
    expect(throttle.begin('10.0.0.1').ok).toBe(true);
  });

  it('clears an address on success', () => {
    const throttle = new SignInThrottle({ now: () => 0, perAddress: 5 });
    for (let i = 0; i < 4; i += 1) failed(throttle, '10.0.0.1');
    const right = throttle.begin('10.0.0.1');
    expect(right.ok).toBe(true);
    if (right.ok) right.done(true);
    for (let i = 0; i < 5; i += 1) expect(throttle.begin('10.0.0.1').ok).toBe(true);
  });

  it('under a distributed attack, every address gets one try per window: a new address is never locked out', () => {
    let now = 0;
    const throttle = new SignInThrottle({ now: () => now, perAddress: 5, global: 50, windowMs: 15 * 60_000 });
    for (let i = 0; i < 10; i += 1) for (let j = 0; j < 5; j += 1) failed(throttle, `10.0.1.${i}`);
    // The global limit is reached: an address that already failed waits …
    const attacker = throttle.begin('10.0.1.200');
    expect(attacker.ok).toBe(true);
    if (attacker.ok) attacker.done(false);
    expect(throttle.begin('10.0.1.200').ok).toBe(false);
    // … but the admin from a new address still gets the password checked.
    const admin = throttle.begin('192.168.1.50');
    expect(admin.ok).toBe(true);
    if (admin.ok) admin.done(true);
    now += 15 * 60_000 + 1;
    for (let j = 0; j < 5; j += 1) expect(throttle.begin('10.0.1.200').ok).toBe(true);
  });

  it('keys IPv6 clients by their /64 and IPv4-mapped addresses as IPv4', () => {
    const throttle = new SignInThrottle({ now: () => 0, perAddress: 2 });
    failed(throttle, '2001:db8:1:2::1');
    failed(throttle, '2001:db8:1:2:aaaa::9');
    expect(throttle.begin('2001:db8:1:2::ffff').ok).toBe(false);
    expect(throttle.begin('2001:db8:1:3::1').ok).toBe(true);
    failed(throttle, '::ffff:192.168.1.9');
    failed(throttle, '192.168.1.9');
    expect(throttle.begin('192.168.1.9').ok).toBe(false);
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
