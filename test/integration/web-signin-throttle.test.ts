// The admin sign-in throttle over real HTTP: an attempt is counted before the (slow, async)
// password check, so a burst of concurrent guesses cannot slip past the documented 5 per 15 min.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

const PASSWORD = 'throttle-test-password';
let t: TestBridge;

beforeAll(async () => {
  t = await startTestBridge({ env: { ADMIN_PASSWORD: PASSWORD } });
});

afterAll(async () => {
  await t.stop();
});

function signIn(password: string): Promise<Response> {
  return fetch(`${t.bridge.url}/admin/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ password }).toString(),
  });
}

describe('sign-in throttle', () => {
  it('checks at most 5 of 40 concurrent wrong passwords from one address; the rest get 429', async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(`wrong-${i}`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(t.logs.find('admin sign-in refused: wrong password')).toHaveLength(5);
    // Guessing must not pay off: the right password from the same address waits too.
    const right = await signIn(PASSWORD);
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie()).toEqual([]);
  });
});
