// Moving with the admin page, over real HTTP as a browser posts its forms: the export download
// (passphrase typed twice), the status and admin pages saying the bridge moved, undo, and the
// import upload on the new machine (restart), with a wrong passphrase, an oversized file and a
// visitor who is not signed in refused and nothing changed; the same in French for a French browser.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openExport } from '../../src/moving/envelope.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { adminSession, postAdminForm } from '../helpers/admin-http.js';

const ADMIN_PASSWORD = 'admin-password-for-moving';
const PASSPHRASE = 'moving day passphrase';

const FRENCH = { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' };

async function upload(url: string, session: { cookie: string; csrf: string } | null, fields: Record<string, string>, file: string, headers: Record<string, string> = {}): Promise<Response> {
  const form = new FormData();
  if (session) form.append('_csrf', session.csrf);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([file], { type: 'application/json' }), 'netatmo-bridge-export.json');
  return fetch(`${url}/admin/move/import`, { method: 'POST', body: form, redirect: 'manual', headers: { ...headers, ...(session ? { cookie: session.cookie } : {}) } });
}

describe('moving from the admin page', () => {
  const bridges: TestBridge[] = [];
  afterEach(async () => {
    for (const bridge of bridges.splice(0)) await bridge.stop();
  });

  it('export download, moved everywhere, import upload on the new machine, undo', async () => {
    const old = await startTestBridge({ env: { ADMIN_PASSWORD } });
    bridges.push(old);
    expect((await old.bridge.context.poller.pollNow()).ok).toBe(true);
    const session = await adminSession(old.bridge.url, ADMIN_PASSWORD);

    const mismatch = await postAdminForm(old.bridge.url, '/admin/move/export', session, { passphrase: PASSPHRASE, passphraseAgain: `${PASSPHRASE}!` });
    expect(mismatch.status).toBe(303);
    expect(mismatch.page).toContain('The two passphrases are not the same');
    expect(old.bridge.context.tokens.status()).toBe('ok');

    const download = await fetch(`${old.bridge.url}/admin/move/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
      body: new URLSearchParams({ _csrf: session.csrf, passphrase: PASSPHRASE, passphraseAgain: PASSPHRASE }),
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="?netatmo-bridge-export-\d{4}-\d{2}-\d{2}\.json"?$/);
    expect(download.headers.get('cache-control')).toBe('no-store');
    const fileText = await download.text();
    const opened = JSON.parse((await openExport(fileText, PASSPHRASE)).plaintext.toString('utf8')) as { bridgeId: string; netatmo: { tokens: { refreshToken: string } } };
    expect(opened.bridgeId).toBe(old.bridge.context.store.data.bridgeId);
    expect(opened.netatmo.tokens.refreshToken).toBe(old.bridge.context.store.data.netatmo.tokens?.refreshToken);
    expect(old.bridge.context.tokens.status()).toBe('moved');
    const adminPage = await (await fetch(`${old.bridge.url}/admin`, { headers: { cookie: session.cookie } })).text();
    expect(adminPage).toContain('The export was downloaded. This bridge no longer uses Netatmo');
    expect(adminPage).toContain('Undo the move');
    const statusPage = await (await fetch(`${old.bridge.url}/`)).text();
    expect(statusPage).toContain('Moved to another machine');
    expect(statusPage).toContain('id="netatmo-moved"');
    // The same pages for a French browser: the moved box, the status card and its export time.
    const adminFr = await (await fetch(`${old.bridge.url}/admin`, { headers: { cookie: session.cookie, ...FRENCH } })).text();
    expect(adminFr).toContain('<h2 id="move-title">Transférer vers une nouvelle machine</h2>');
    expect(adminFr).toMatch(/La connexion Netatmo de cette passerelle a été exportée le <time datetime="\d{4}-[^"]+">\d{2}\/\d{2}\/\d{4} /);
    expect(adminFr).toContain('Annuler le transfert (utiliser de nouveau Netatmo ici)');
    expect(adminFr).toContain('Diagnostic pour signaler un problème');
    expect(adminFr).not.toContain('Move to a new machine');
    const statusFr = await (await fetch(`${old.bridge.url}/`, { headers: FRENCH })).text();
    expect(statusFr).toContain('Connexion transférée vers une autre machine');
    expect(statusFr).toMatch(/<p id="netatmo-moved">Exportée <time datetime="[^"]+">(?:à l’instant|il y a )/);

    // The new machine: a bridge with no account yet; a wrong passphrase, an oversized file and a
    // visitor without a session change nothing.
    const restarts: string[] = [];
    const fresh = await startTestBridge({ withRefreshToken: false, env: { ADMIN_PASSWORD, NETATMO_CLIENT_ID: '', NETATMO_CLIENT_SECRET: '' }, bridge: { onRestartRequested: (reason) => restarts.push(reason) } });
    bridges.push(fresh);
    await fresh.bridge.context.store.flush();
    const dataFile = path.join(fresh.dataDir, 'bridge.json');
    const before = await readFile(dataFile, 'utf8');
    const freshSession = await adminSession(fresh.bridge.url, ADMIN_PASSWORD);
    const wrong = await upload(fresh.bridge.url, freshSession, { passphrase: 'not the right passphrase' }, fileText);
    expect(wrong.status).toBe(303);
    const afterWrong = await (await fetch(`${fresh.bridge.url}/admin`, { headers: { cookie: freshSession.cookie } })).text();
    expect(afterWrong).toContain('The passphrase is not the one this file was exported with');
    const wrongFr = await upload(fresh.bridge.url, freshSession, { passphrase: 'not the right passphrase' }, fileText, FRENCH);
    expect(wrongFr.status).toBe(303);
    const afterWrongFr = await (await fetch(`${fresh.bridge.url}/admin`, { headers: { cookie: freshSession.cookie, ...FRENCH } })).text();
    expect(afterWrongFr).toContain('Ce n’est pas la phrase secrète avec laquelle ce fichier a été exporté. Rien n’a été modifié');
    expect(afterWrongFr).toContain('<h3>Importer</h3>');
    const huge = await upload(fresh.bridge.url, freshSession, { passphrase: PASSPHRASE }, 'x'.repeat(300 * 1024));
    expect(huge.status).toBe(303);
    expect(await (await fetch(`${fresh.bridge.url}/admin`, { headers: { cookie: freshSession.cookie } })).text()).toContain('larger than any export');
    const anonymous = await upload(fresh.bridge.url, null, { passphrase: PASSPHRASE }, fileText);
    expect(anonymous.status).toBe(401);
    const forged = await upload(fresh.bridge.url, { cookie: freshSession.cookie, csrf: 'forged' }, { passphrase: PASSPHRASE }, fileText);
    expect(forged.status).toBe(403);
    expect(await readFile(dataFile, 'utf8')).toBe(before);
    expect(restarts).toEqual([]);

    const imported = await upload(fresh.bridge.url, freshSession, { passphrase: PASSPHRASE }, fileText);
    expect(imported.status).toBe(200);
    expect(await imported.text()).toContain('The bridge restarts now to use the imported data');
    await expect.poll(() => restarts.length).toBe(1);
    const data = JSON.parse(await readFile(dataFile, 'utf8')) as { bridgeId: string; lanToken: string };
    expect(data.bridgeId).toBe(opened.bridgeId);
    expect(data.lanToken).toBe(old.lanToken());

    // Back on the old machine: undo (the new one was not started in this test).
    const undone = await postAdminForm(old.bridge.url, '/admin/move/undo', session, {});
    expect(undone.page).toContain('is undone: this bridge uses its Netatmo connection again');
    expect(old.bridge.context.tokens.status()).toBe('ok');
  });

  it('the diagnostics button downloads a JSON report', async () => {
    const bridge = await startTestBridge({ env: { ADMIN_PASSWORD } });
    bridges.push(bridge);
    expect((await bridge.bridge.context.poller.pollNow()).ok).toBe(true);
    const session = await adminSession(bridge.bridge.url, ADMIN_PASSWORD);
    const res = await fetch(`${bridge.bridge.url}/admin/diagnostics`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
      body: new URLSearchParams({ _csrf: session.csrf }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?netatmo-bridge-diagnostics-\d{4}-\d{2}-\d{2}\.json/);
    const bundle = (await res.json()) as { kind: string; source: string; state: { homes: { name: string }[] } };
    expect(bundle).toMatchObject({ kind: 'netatmo-bridge-diagnostics', source: 'running-bridge' });
    expect(bundle.state.homes[0]?.name).toBe('home 1');
    const refused = await fetch(`${bridge.bridge.url}/admin/diagnostics`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' });
    expect(refused.status).toBe(401);
  });
});
