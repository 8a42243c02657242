// Moving to a new machine with the CLI, end to end over real HTTP against the simulator: export
// from a running bridge (it stops calling Netatmo, the LAN API answers the last state as stale,
// its commands are refused), import on a stopped "new machine" that then carries on with the
// moved token (it works once more, rotation goes on), wrong passphrase / damaged file / connected
// account refused with nothing changed, undo, and the offline export of a stopped bridge; in French
// with LANG=fr_FR.UTF-8 (refusals made here and refusals the running bridge sends, prompts, help).
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readControlFile } from '../../src/local/control-file.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { cliEnv, runCliInProcess } from '../helpers/cli.js';

const PASSPHRASE = 'a long passphrase for moving';

async function refreshDirectly(simulator: RunningSimulator, refreshToken: string): Promise<number> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: simulator.clientId, client_secret: simulator.clientSecret });
  const res = await fetch(`${simulator.url}/oauth2/token`, { method: 'POST', body });
  await res.body?.cancel();
  return res.status;
}

describe('netatmo-bridge export / import', () => {
  let dir: string;
  let simulator: RunningSimulator;
  let passphraseFile: string;
  const bridges: TestBridge[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'move-cli-'));
    simulator = await startSimulator({ rateLimits: false });
    passphraseFile = path.join(dir, 'passphrase.txt');
    await writeFile(passphraseFile, `${PASSPHRASE}\n`);
  });
  afterEach(async () => {
    for (const bridge of bridges.splice(0)) await bridge.stop({ keepSimulator: true });
    await simulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = async (args: string[], dataDir: string, input = '', env: Record<string, string> = {}) =>
    runCliInProcess([...args, '--data-dir', dataDir], await cliEnv(dataDir, simulator, env), dir, input);
  const FRENCH = { LANG: 'fr_FR.UTF-8' };
  const oldMachine = async (dataDir = path.join(dir, 'old')) => {
    const bridge = await startTestBridge({ existingSimulator: simulator, dataDir });
    bridges.push(bridge);
    expect((await bridge.bridge.context.poller.pollNow()).ok).toBe(true);
    return bridge;
  };

  it('round trip: the old bridge stops calling Netatmo, the new one carries on with the moved token', async () => {
    const old = await oldMachine();
    const exported = old.bridge.context.store.data.netatmo.tokens;
    const file = path.join(dir, 'bridge-export.json');
    const out = await cli(['export', file, '--passphrase-file', passphraseFile], old.dataDir);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('no longer uses the Netatmo sign-in');
    expect(out.stdout).toContain('import --undo-move');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    for (const secret of [exported?.refreshToken, exported?.accessToken, simulator.clientSecret, old.lanToken()]) expect(text).not.toContain(secret);

    // The old bridge: moved, no more Netatmo calls, the LAN API keeps answering (stale), commands refused.
    const { context } = old.bridge;
    expect(context.tokens.status()).toBe('moved');
    const callsBefore = simulator.calls.count();
    simulator.expireAccessTokens();
    for (let i = 0; i < 3; i += 1) expect((await context.poller.pollNow()).ok).toBe(false);
    expect(simulator.calls.count()).toBe(callsBefore);
    const state = (await (await old.api('/api/v1/state')).json()) as { netatmo: { status: string; stale: boolean; movedAt?: string }; homes: unknown[] };
    expect(state.netatmo).toMatchObject({ status: 'moved', stale: true });
    expect(state.netatmo.movedAt).toMatch(/^\d{4}-/);
    expect(state.homes.length).toBeGreaterThan(0);
    const home = context.state.homes[0];
    const refused = await old.api(`/api/v1/homes/${home?.id}/mode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mode":"away"}' });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('moved');
    expect(simulator.calls.count()).toBe(callsBefore);
    const status = (await (await fetch(`${old.bridge.url}/status.json`)).json()) as { netatmo: { status: string; movedAt: string | null } };
    expect(status.netatmo).toMatchObject({ status: 'moved', movedAt: state.netatmo.movedAt });
    const doctor = await cli(['doctor'], old.dataDir);
    expect(doctor.stdout).toMatch(/FIX {3}Netatmo login: moved to another machine on \d{2}\/\d{2}\/\d{4}, /);

    // The new machine (never started): import while stopped, then start on the imported data.
    const fresh = path.join(dir, 'new');
    const imported = await cli(['import', file, '--passphrase-file', passphraseFile], fresh);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported: the Netatmo connection');
    const next = await startTestBridge({ existingSimulator: simulator, dataDir: fresh, withRefreshToken: false });
    bridges.push(next);
    expect(next.bridge.context.store.data.bridgeId).toBe(context.store.data.bridgeId);
    expect(next.lanToken()).toBe(old.lanToken());
    // The moved pair works once more (its access token expired: one refresh), then rotation goes on.
    const tokenCalls = simulator.calls.count('oauth2/token');
    expect((await next.bridge.context.poller.pollNow()).ok).toBe(true);
    expect(simulator.calls.count('oauth2/token')).toBe(tokenCalls + 1);
    expect(next.bridge.context.store.data.netatmo.tokens?.refreshToken).not.toBe(exported?.refreshToken);
    expect(await refreshDirectly(simulator, exported?.refreshToken ?? '')).toBe(400);
    simulator.expireAccessTokens();
    expect((await next.bridge.context.poller.pollNow()).ok).toBe(true);
    expect(next.bridge.context.tokens.status()).toBe('ok');
    // The old bridge never called again.
    expect(context.tokens.status()).toBe('moved');
  });

  it('wrong passphrase, damaged or truncated file, connected account: clear error, nothing changed', async () => {
    const source = await oldMachine();
    const file = path.join(dir, 'export.json');
    expect((await cli(['export', file, '--passphrase-file', passphraseFile], source.dataDir)).code).toBe(0);
    // The target: a machine connected to an account, stopped (so the data file must stay byte for byte).
    const target = await oldMachine(path.join(dir, 'target'));
    await target.stop({ keepData: true, keepSimulator: true });
    bridges.splice(bridges.indexOf(target), 1);
    const dataFile = path.join(target.dataDir, 'bridge.json');
    const before = await readFile(dataFile, 'utf8');

    const wrong = path.join(dir, 'wrong.txt');
    await writeFile(wrong, 'not the passphrase at all\n');
    const refusedWrong = await cli(['import', file, '--passphrase-file', wrong, '--force'], target.dataDir);
    expect(refusedWrong.code).toBe(1);
    expect(refusedWrong.stderr).toContain('The passphrase is not the one this file was exported with. Nothing was changed');
    const refusedWrongFr = await cli(['import', file, '--passphrase-file', wrong, '--force'], target.dataDir, '', FRENCH);
    expect(refusedWrongFr.code).toBe(1);
    expect(refusedWrongFr.stderr).toBe('Ce n’est pas la phrase secrète avec laquelle ce fichier a été exporté. Rien n’a été modifié ; réessayez.\n');

    const envelope = JSON.parse(await readFile(file, 'utf8')) as { ciphertext: string };
    const damaged = path.join(dir, 'damaged.json');
    await writeFile(damaged, JSON.stringify({ ...envelope, ciphertext: `${envelope.ciphertext.slice(0, -8)}AAAAAAA=` }));
    const refusedDamaged = await cli(['import', damaged, '--passphrase-file', passphraseFile, '--force'], target.dataDir);
    expect(refusedDamaged.code).toBe(1);
    expect(refusedDamaged.stderr).toContain('changed or damaged after it was exported');

    const truncated = path.join(dir, 'truncated.json');
    await writeFile(truncated, (await readFile(file, 'utf8')).slice(0, 300));
    const refusedTruncated = await cli(['import', truncated, '--passphrase-file', passphraseFile, '--force'], target.dataDir);
    expect(refusedTruncated.code).toBe(1);
    expect(refusedTruncated.stderr).toContain('not an export file of the Netatmo bridge (or it is incomplete');

    // The target is connected to an account: refused without --force.
    const refusedConnected = await cli(['import', file, '--passphrase-file', passphraseFile], target.dataDir);
    expect(refusedConnected.code).toBe(1);
    expect(refusedConnected.stderr).toContain('already connected to a Netatmo account');
    expect(refusedConnected.stderr).toContain('--force');

    expect(await readFile(dataFile, 'utf8')).toBe(before);
  });

  it('undo: the old bridge uses Netatmo again; a second export is refused while moved', async () => {
    const old = await oldMachine();
    const file = path.join(dir, 'export.json');
    expect((await cli(['export', file, '--passphrase-file', passphraseFile], old.dataDir)).code).toBe(0);
    const again = await cli(['export', path.join(dir, 'again.json'), '--passphrase-file', passphraseFile], old.dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('was already exported on');
    // The running bridge refuses over the control channel; the CLI says it in French from the code and facts.
    const againFr = await cli(['export', path.join(dir, 'again-fr.json'), '--passphrase-file', passphraseFile], old.dataDir, '', FRENCH);
    expect(againFr.code).toBe(1);
    expect(againFr.stderr).toMatch(/^La connexion Netatmo de cette passerelle a déjà été exportée le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} /);
    const undo = await cli(['import', '--undo-move'], old.dataDir);
    expect(undo.stderr).toBe('');
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('is undone');
    expect(old.bridge.context.tokens.status()).toBe('ok');
    simulator.expireAccessTokens();
    expect((await old.bridge.context.poller.pollNow()).ok).toBe(true);
  });

  it('a stopped bridge exports from its data file; started again it stays moved and silent', async () => {
    const old = await oldMachine();
    const dataDir = old.dataDir;
    await old.stop({ keepData: true, keepSimulator: true });
    bridges.splice(bridges.indexOf(old), 1);
    const file = path.join(dir, 'offline.json');
    // Passphrase typed twice on the input (a script without a terminal).
    const out = await cli(['export', file], dataDir, `${PASSPHRASE}\n${PASSPHRASE}\n`);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const mismatch = await cli(['export', path.join(dir, 'other.json')], dataDir, `${PASSPHRASE}\nsomething else entirely\n`);
    expect(mismatch.stderr).toContain('The two passphrases are not the same');
    const mismatchFr = await cli(['export', path.join(dir, 'other.json')], dataDir, `${PASSPHRASE}\nsomething else entirely\n`, FRENCH);
    expect(mismatchFr.stderr).toBe('Les deux phrases secrètes ne sont pas identiques. Rien n’a été exporté.\n');
    const restarted = await startTestBridge({ existingSimulator: simulator, dataDir, withRefreshToken: false });
    bridges.push(restarted);
    const calls = simulator.calls.count();
    expect((await restarted.bridge.context.poller.pollNow()).ok).toBe(false);
    expect(restarted.bridge.context.netatmoHealth().status).toBe('moved');
    expect(simulator.calls.count()).toBe(calls);
  });

  it('the help of export, import and diagnostics follows LANG', async () => {
    const help = async (command: string) => (await cli([command, '--help'], path.join(dir, 'none'), '', FRENCH)).stdout;
    const exportHelp = await help('export');
    expect(exportHelp).toContain('enregistre les données de cette passerelle');
    expect(exportHelp).toContain('Demande deux fois une phrase secrète (au moins 12 caractères).');
    expect(exportHelp).toMatch(/--passphrase-file FILE +lit la phrase secrète sur la première ligne de FILE/);
    expect(await help('import')).toMatch(/--undo-move +annule un export sur cette machine/);
    expect(await help('diagnostics')).toMatch(/--keep-names +garde les noms des logements, pièces et plannings/);
    const english = (await cli(['export', '--help'], path.join(dir, 'none'))).stdout;
    expect(english).toContain('Asks for a passphrase twice (at least 12 characters).');
  });

  it('import into a running bridge restarts it on the imported data', async () => {
    const old = await oldMachine();
    const file = path.join(dir, 'export.json');
    expect((await cli(['export', file, '--passphrase-file', passphraseFile], old.dataDir)).code).toBe(0);
    const restarts: string[] = [];
    const running = await startTestBridge({ existingSimulator: simulator, withRefreshToken: false, env: { NETATMO_CLIENT_ID: '', NETATMO_CLIENT_SECRET: '' }, bridge: { onRestartRequested: (reason) => restarts.push(reason) } });
    bridges.push(running);
    const out = await cli(['import', file, '--passphrase-file', passphraseFile], running.dataDir);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('The bridge restarts now');
    await expect.poll(() => restarts.length).toBe(1);
    const data = JSON.parse(await readFile(path.join(running.dataDir, 'bridge.json'), 'utf8')) as { bridgeId: string; netatmo: { tokens: unknown; moved: unknown } };
    expect(data.bridgeId).toBe(old.bridge.context.store.data.bridgeId);
    expect(data.netatmo.tokens).not.toBeNull();
    expect(data.netatmo.moved).toBeNull();
  });

  it('the control channel answers only its key, only from this machine, never through a proxy', async () => {
    const bridge = await oldMachine();
    const control = await readControlFile(bridge.dataDir);
    expect(control?.url).toBe(bridge.bridge.url);
    expect((await stat(path.join(bridge.dataDir, 'local-control.json'))).mode & 0o777).toBe(0o600);
    const ask = (headers: Record<string, string>) => fetch(`${bridge.bridge.url}/local/v1/undo-move`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await ask({})).status).toBe(401);
    expect((await ask({ authorization: `Bearer ${bridge.lanToken()}` })).status).toBe(401);
    expect((await ask({ authorization: `Bearer ${control?.key ?? ''}`, 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    const right = await ask({ authorization: `Bearer ${control?.key ?? ''}` });
    expect(right.status).toBe(400);
    expect(((await right.json()) as { error: { code: string } }).error.code).toBe('not_moved');
    await bridge.stop({ keepData: true, keepSimulator: true });
    bridges.splice(bridges.indexOf(bridge), 1);
    expect(await readControlFile(bridge.dataDir)).toBeNull();
  });
});
