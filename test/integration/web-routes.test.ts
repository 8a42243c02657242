// The web routes over real HTTP with fetch: session cookie flags, CSRF and Origin checks, sign-in
// throttling, the once-printed admin password, form limits, OAuth state checks, history errors
// and caching, and that nothing open to the LAN carries a secret.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../helpers/admin-http.js';
import { LogCapture, startTestBridge, type TestBridge } from '../helpers/bridge.js';

const PASSWORD = 'route-test-password';

function signIn(url: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return postForm(`${url}/admin/sign-in`, { password }, headers);
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('bridge_admin='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

async function csrfToken(url: string, cookie: string): Promise<string> {
  const html = await (await fetch(`${url}/admin`, { headers: { cookie } })).text();
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the admin page');
  return match[1];
}

function post(url: string, pathname: string, cookie: string | null, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return postForm(`${url}${pathname}`, form, { ...(cookie ? { cookie } : {}), ...headers });
}

describe('web routes', () => {
  let tb: TestBridge;

  beforeAll(async () => {
    tb = await startTestBridge({ env: { ADMIN_PASSWORD: PASSWORD } });
    await tb.bridge.context.poller.pollNow();
    tb.bridge.context.pairing.close();
  });

  afterAll(async () => {
    await tb?.stop();
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, Secure only when the browser came over https', async () => {
    const plain = await signIn(tb.bridge.url, PASSWORD);
    expect(plain.status).toBe(303);
    const cookie = plain.headers.getSetCookie().find((c) => c.startsWith('bridge_admin='))!;
    expect(cookie).toMatch(/^bridge_admin=[A-Za-z0-9_-]{40,}; /);
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; SameSite=Strict');
    expect(cookie).toContain('; Path=/');
    expect(cookie).not.toContain('Secure');
    const viaHttpsProxy = await signIn(tb.bridge.url, PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(viaHttpsProxy.headers.getSetCookie().find((c) => c.startsWith('bridge_admin='))).toContain('; Secure');
    // Two sign-ins, two different session ids.
    expect(sessionCookie(plain)).not.toBe(sessionCookie(viaHttpsProxy));
  });

  it('refuses admin forms without a session, without the CSRF token, with a wrong one, or from another origin', async () => {
    const cookie = sessionCookie(await signIn(tb.bridge.url, PASSWORD));
    const csrf = await csrfToken(tb.bridge.url, cookie);

    expect((await post(tb.bridge.url, '/admin/pairing/open', null, { _csrf: csrf })).status).toBe(401);
    expect((await post(tb.bridge.url, '/admin/pairing/open', cookie, {})).status).toBe(403);
    expect((await post(tb.bridge.url, '/admin/pairing/open', cookie, { _csrf: `${csrf.slice(0, -2)}xx` })).status).toBe(403);
    const foreign = await post(tb.bridge.url, '/admin/pairing/open', cookie, { _csrf: csrf }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('nothing was changed');
    // Another session's token does not fit this session.
    const other = sessionCookie(await signIn(tb.bridge.url, PASSWORD));
    expect((await post(tb.bridge.url, '/admin/pairing/open', other, { _csrf: csrf })).status).toBe(403);
    expect(tb.bridge.context.pairing.isOpen()).toBe(false);

    const ok = await post(tb.bridge.url, '/admin/pairing/open', cookie, { _csrf: csrf }, { origin: tb.bridge.url });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin');
    expect(tb.bridge.context.pairing.isOpen()).toBe(true);
    tb.bridge.context.pairing.close();
  });

  it('refuses a sign-in form posted from another site', async () => {
    const response = await signIn(tb.bridge.url, PASSWORD, { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('signs out: the old session id no longer works', async () => {
    const cookie = sessionCookie(await signIn(tb.bridge.url, PASSWORD));
    const csrf = await csrfToken(tb.bridge.url, cookie);
    const out = await post(tb.bridge.url, '/admin/sign-out', cookie, { _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie()[0]).toContain('bridge_admin=; ');
    expect((await post(tb.bridge.url, '/admin/refresh', cookie, { _csrf: csrf })).status).toBe(401);
  });

  it('validates settings with clear messages and refuses oversized forms', async () => {
    const cookie = sessionCookie(await signIn(tb.bridge.url, PASSWORD));
    const csrf = await csrfToken(tb.bridge.url, cookie);
    const tooFast = await post(tb.bridge.url, '/admin/settings', cookie, { _csrf: csrf, pollIntervalS: '5', staleThresholdS: '600', preferredPath: 'lan' });
    expect(tooFast.status).toBe(303);
    const page = await (await fetch(`${tb.bridge.url}/admin`, { headers: { cookie } })).text();
    expect(page).toContain('POLL_INTERVAL_S (the poll interval) must be a whole number of seconds from 10 to 3600 (got 5)');
    expect(tb.bridge.context.store.data.settings.pollIntervalS).toBeUndefined();
    // The message is shown once.
    expect(await (await fetch(`${tb.bridge.url}/admin`, { headers: { cookie } })).text()).not.toContain('from 10 to 3600 (got 5)');

    const huge = await post(tb.bridge.url, '/admin/settings', cookie, { _csrf: csrf, pollIntervalS: '60', filler: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('text/html');
  });

  it('refuses an OAuth callback whose state it never issued, and a connect without the CSRF token', async () => {
    const callback = await fetch(`${tb.bridge.url}/oauth/callback?code=stolen&state=made-up`);
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain('does not belong to a connection started on this bridge');
    const cookie = sessionCookie(await signIn(tb.bridge.url, PASSWORD));
    const connect = await post(tb.bridge.url, '/admin/netatmo/connect', cookie, { clientId: 'x', clientSecret: 'y', redirectMode: 'bridge' });
    expect(connect.status).toBe(403);
    expect(tb.simulator.calls.list({ endpoint: 'oauth2/token' }).some((c) => c.params.grant_type === 'authorization_code')).toBe(false);
  });

  it('starts a connection with a state of its own and redirects to Netatmo’s authorize page', async () => {
    const cookie = sessionCookie(await signIn(tb.bridge.url, PASSWORD));
    const csrf = await csrfToken(tb.bridge.url, cookie);
    const response = await post(tb.bridge.url, '/admin/netatmo/connect', cookie, { _csrf: csrf, clientId: tb.simulator.clientId, clientSecret: '', redirectMode: 'bridge' });
    expect(response.status).toBe(303);
    const target = new URL(response.headers.get('location')!);
    expect(`${target.origin}${target.pathname}`).toBe(`${tb.simulator.url}/oauth2/authorize`);
    expect(target.searchParams.get('client_id')).toBe(tb.simulator.clientId);
    expect(target.searchParams.get('scope')).toBe('read_thermostat write_thermostat');
    expect(target.searchParams.get('redirect_uri')).toBe(`${tb.bridge.url}/oauth/callback`);
    const again = await post(tb.bridge.url, '/admin/netatmo/connect', cookie, { _csrf: csrf, clientId: tb.simulator.clientId, redirectMode: 'bridge' });
    expect(new URL(again.headers.get('location')!).searchParams.get('state')).not.toBe(target.searchParams.get('state'));

    const noSecret = await post(tb.bridge.url, '/admin/netatmo/connect', cookie, { _csrf: csrf, clientId: 'unknown-app', redirectMode: 'bridge' });
    expect(noSecret.status).toBe(303);
    expect(await (await fetch(`${tb.bridge.url}/admin`, { headers: { cookie } })).text()).toContain('Enter the client secret of your Netatmo app.');
  });

  it('serves status without sign-in and without any secret', async () => {
    const secrets = [tb.lanToken(), tb.simulator.clientSecret, tb.bridge.context.store.data.netatmo.tokens!.accessToken, tb.bridge.context.store.data.netatmo.tokens!.refreshToken];
    for (const pathname of ['/', '/status.json', '/status/panel', '/admin']) {
      const response = await fetch(`${tb.bridge.url}${pathname}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    const status = (await (await fetch(`${tb.bridge.url}/status.json`)).json()) as { netatmo: { status: string }; homes: unknown[] };
    expect(status.netatmo.status).toBe('ok');
    expect(status.homes.length).toBe(1);
    const page = await fetch(`${tb.bridge.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves the bundled assets, versioned and cacheable, and nothing else from /assets', async () => {
    const html = await (await fetch(`${tb.bridge.url}/`)).text();
    const css = /href="(\/assets\/app\.css\?v=[0-9a-f]+)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    const response = await fetch(`${tb.bridge.url}${css}`);
    expect(response.headers.get('content-type')).toContain('text/css');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${tb.bridge.url}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${tb.bridge.url}/assets/index.ts`)).status).toBe(404);
  });

  it('history: 404 for an unknown room, 400 for a bad range, cached per room and period', async () => {
    const home = tb.bridge.context.state.homes[0]!;
    const room = home.rooms[0]!;
    expect((await fetch(`${tb.bridge.url}/history/${home.id}/nope?range=24h`)).status).toBe(404);
    expect((await fetch(`${tb.bridge.url}/history/${home.id}/${room.id}?range=1y`)).status).toBe(400);
    const before = tb.simulator.calls.count('getroommeasure');
    const first = await fetch(`${tb.bridge.url}/history/${home.id}/${room.id}?range=7d`);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { scale: string; points: { t: number; measured: number | null }[] };
    expect(body.scale).toBe('3hours');
    expect(body.points.length).toBeGreaterThan(10);
    await fetch(`${tb.bridge.url}/history/${home.id}/${room.id}?range=7d`);
    expect(tb.simulator.calls.count('getroommeasure')).toBe(before + 1);
  });
});

describe('web routes: limits', () => {
  it('throttles sign-in after 5 wrong passwords, even for the right one', async () => {
    const tb = await startTestBridge({ env: { ADMIN_PASSWORD: PASSWORD } });
    try {
      for (let i = 0; i < 5; i += 1) expect((await signIn(tb.bridge.url, `wrong-${i}`)).status).toBe(401);
      const blocked = await signIn(tb.bridge.url, PASSWORD);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);
      expect(await blocked.text()).toContain('Too many wrong passwords');
      expect(blocked.headers.getSetCookie()).toEqual([]);
    } finally {
      await tb.stop();
    }
  });

  it('history: a refusal by the local rate budget is a clear 429, not a Netatmo error', async () => {
    const tb = await startTestBridge({ env: { RATE_BUDGET_PER_HOUR: '20' } });
    try {
      await tb.bridge.context.poller.pollNow();
      // Use up what polling may spend this hour (history counts as polling).
      while (tb.bridge.context.budget.tryAcquire('poll').ok);
      const home = tb.bridge.context.state.homes[0]!;
      const response = await fetch(`${tb.bridge.url}/history/${home.id}/${home.rooms[0]!.id}?range=24h`);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).not.toBeNull();
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('rate_limited');
      expect(body.error.message).toContain('saving its Netatmo request budget');
      expect(tb.simulator.calls.count('getroommeasure')).toBe(0);
    } finally {
      await tb.stop();
    }
  });

  it('generates the admin password once, prints it once, stores only its hash, and keeps it across restarts', async () => {
    const first = await startTestBridge();
    const dataDir = first.dataDir;
    const lines = first.logs.find('ADMIN PASSWORD');
    expect(lines).toHaveLength(1);
    const password = /: (\S+)$/.exec(lines[0]!.msg as string)![1]!;
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await first.stop({ keepData: true, keepSimulator: true });
    const file = await readFile(path.join(dataDir, 'bridge.json'), 'utf8');
    expect(file).not.toContain(password);
    expect((JSON.parse(file) as { web: { adminPasswordHash: string } }).web.adminPasswordHash).toMatch(/^scrypt\$/);

    const logs = new LogCapture();
    const second = await startTestBridge({ dataDir, existingSimulator: first.simulator, logs });
    try {
      expect(logs.find('ADMIN PASSWORD')).toHaveLength(0);
      expect(logs.text()).not.toContain(password);
      expect((await signIn(second.bridge.url, password)).status).toBe(303);
      expect((await signIn(second.bridge.url, 'guess')).status).toBe(401);
    } finally {
      await second.stop();
      await first.simulator.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
