// The pages in the person's language over real HTTP: Accept-Language and the language cookie, the
// switch (a plain form: Origin-checked, only back to our own pages, a Lax cookie), the headers that
// tell caches the page depends on them, the page's JSON and the chart's refusals in the language,
// and the LAN API's machine errors staying English whatever the browser asks for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, postAdminForm, postForm } from '../helpers/admin-http.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

const PASSWORD = 'language-test-password';

function switchLanguage(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return postForm(`${url}/language`, form, headers);
}

describe('pages in the person’s language', () => {
  let tb: TestBridge;

  beforeAll(async () => {
    tb = await startTestBridge({ env: { ADMIN_PASSWORD: PASSWORD } });
    await tb.bridge.context.poller.pollNow();
    tb.bridge.context.pairing.close();
  });

  afterAll(async () => {
    await tb?.stop();
  });

  it('follows Accept-Language (q-values, regions) and says so to caches', async () => {
    const french = await fetch(`${tb.bridge.url}/`, { headers: { 'accept-language': 'de-DE,fr-CA;q=0.8,en;q=0.5' } });
    const page = await french.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<h1>État de la passerelle</h1>');
    expect(page).toContain('Connectée à Netatmo');
    expect(french.headers.get('content-language')).toBe('fr');
    expect(french.headers.get('vary')).toMatch(/Accept-Language/i);
    expect(french.headers.get('vary')).toMatch(/Cookie/i);
    // A temperature with the French decimal comma.
    expect(page).toMatch(/data-measured>\d+,\d °C</);

    // The script's words travel in the page, with the Intl locale and the home's time zone.
    const texts = JSON.parse(/<script type="application\/json" id="page-texts">([^<]*)<\/script>/.exec(page)?.[1] ?? 'null') as { locale: string; timeZone: string; messages: Record<string, string> };
    expect(texts).toMatchObject({ locale: 'fr-FR', timeZone: tb.bridge.context.state.homes[0]?.timezone });
    expect(texts.messages['client.loading']).toBe('Chargement de l’historique depuis Netatmo…');

    const english = await (await fetch(`${tb.bridge.url}/`, { headers: { 'accept-language': 'es, de;q=0.9' } })).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toMatch(/data-measured>\d+\.\d °C</);
  });

  it('switches with a plain form: sets a Lax, year-long cookie and goes back to the page', async () => {
    const answer = await switchLanguage(tb.bridge.url, { lang: 'fr', back: '/admin' }, { origin: tb.bridge.url });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/admin');
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('lang='))!;
    expect(cookie).toMatch(/^lang=fr; Path=\/; SameSite=Lax; HttpOnly; Max-Age=31536000$/);
    // The cookie beats the browser's header.
    const signIn = await (await fetch(`${tb.bridge.url}/admin`, { headers: { cookie: 'lang=fr', 'accept-language': 'en-GB' } })).text();
    expect(signIn).toContain('Mot de passe d’administration');
    expect(signIn).toContain('<button type="submit" name="lang" value="en" lang="en">English</button>');
    const back = await (await fetch(`${tb.bridge.url}/`, { headers: { cookie: 'lang=en', 'accept-language': 'fr' } })).text();
    expect(back).toContain('<h1>Bridge status</h1>');
  });

  it('refuses a switch from another site, an unknown language or a way out of the bridge, and sets nothing', async () => {
    const foreign = await switchLanguage(tb.bridge.url, { lang: 'fr', back: '/' }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.getSetCookie()).toEqual([]);
    for (const form of [{ lang: 'de', back: '/' }, { lang: 'fr', back: 'https://evil.example/' }, { lang: 'fr', back: '//evil.example' }, { lang: 'fr', back: '/oauth/callback?state=x' }]) {
      const answer = await switchLanguage(tb.bridge.url, form, { origin: tb.bridge.url });
      expect(answer.status).toBe(400);
      expect(answer.headers.getSetCookie()).toEqual([]);
      expect(answer.headers.get('location')).toBeNull();
    }
    expect(foreign.headers.get('content-security-policy')).toContain("form-action 'self'");
  });

  it('translates the admin actions’ messages and the form refusals', async () => {
    const session = await adminSession(tb.bridge.url, PASSWORD);
    const french = { cookie: `${session.cookie}; lang=fr`, csrf: session.csrf };
    const saved = await postAdminForm(tb.bridge.url, '/admin/settings', french, { pollIntervalS: '45', staleThresholdS: '300', preferredPath: 'lan' });
    expect(saved.page).toContain('Réglages enregistrés : lecture adaptative, au plus 45 s d’écart, périmé après 300 s, voie réseau local préférée.');
    const refused = await postAdminForm(tb.bridge.url, '/admin/settings', french, { pollIntervalS: '60', staleThresholdS: '100', preferredPath: 'lan' });
    expect(refused.page).toContain('doit valoir au moins deux fois POLL_INTERVAL_S');
    const wrong = await postForm(`${tb.bridge.url}/admin/sign-in`, { password: 'nope' }, { 'accept-language': 'fr' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Ce mot de passe n’est pas le bon.');
  });

  it('gives the page’s JSON and the chart’s refusals in the language, the LAN API’s errors in English', async () => {
    const json = (await (await fetch(`${tb.bridge.url}/status.json`, { headers: { 'accept-language': 'fr' } })).json()) as { netatmo: { headline: string } };
    expect(json.netatmo.headline).toBe('Connectée à Netatmo');
    const plain = (await (await fetch(`${tb.bridge.url}/status.json`)).json()) as { netatmo: { headline: string } };
    expect(plain.netatmo.headline).toBe('Connected to Netatmo');
    const noRoom = await fetch(`${tb.bridge.url}/history/nohome/noroom`, { headers: { 'accept-language': 'fr' } });
    expect(noRoom.status).toBe(404);
    expect(((await noRoom.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'not_found', message: 'Cette pièce n’existe pas dans les logements reliés.' });
    const lan = await fetch(`${tb.bridge.url}/api/v1/state`, { headers: { 'accept-language': 'fr' } });
    expect(lan.status).toBe(401);
    expect(((await lan.json()) as { error: { message: string } }).error.message).toMatch(/^[\x20-\x7e]+$/);
  });
});
