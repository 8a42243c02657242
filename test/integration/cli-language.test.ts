// The CLI in the user's language: LANG=fr_FR.UTF-8 gives French help, errors and reports (the
// "ok"/"FIX" markers and commands stay as they are typed); LANG=C and no locale give English.
// In-process runs take the locale from the command's environment; one spawned run proves the
// installed entry point reads the process's own LANG.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { closedLoopbackPort, runCliInProcess } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/spawned-bridge.js';

const TSX_LOADER = pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const FRENCH = { LANG: 'fr_FR.UTF-8' };

describe('the CLI in French and English', () => {
  let dir: string;
  let env: Record<string, string>;
  let bridge: TestBridge | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cli-lang-'));
    const closed = await closedLoopbackPort();
    env = { DATA_DIR: path.join(dir, 'data'), PORT: String(closed), HOST: '127.0.0.1', SSDP: 'off', SIMULATOR: 'off', NETATMO_API_URL: `http://127.0.0.1:${closed}` };
  });
  afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('--help and a command’s help follow LANG', async () => {
    const fr = await runCliInProcess(['--help'], { ...env, ...FRENCH }, dir);
    expect(fr.stdout).toContain('Usage : netatmo-bridge [commande] [options]');
    expect(fr.stdout).toMatch(/^ {2}doctor +vérifie la configuration, le fichier de données/m);
    const doctorHelp = await runCliInProcess(['doctor', '--help'], { ...env, ...FRENCH }, dir);
    expect(doctorHelp.stdout).toMatch(/--help, -h +affiche cette aide et ne fait rien d’autre/);
    for (const english of [{ ...env, LANG: 'C' }, { ...env, LANG: 'C.UTF-8', LANGUAGE: 'fr' }, env]) {
      const run = await runCliInProcess(['--help'], english, dir);
      expect(run.stdout).toContain('Usage: netatmo-bridge [command] [options]');
    }
  });

  it('argument errors are in the user’s language, the option names as typed', async () => {
    const fr = await runCliInProcess(['doctor', '--refersh'], { ...env, ...FRENCH }, dir);
    expect(fr.code).toBe(1);
    expect(fr.stderr).toBe('netatmo-bridge doctor : option inconnue --refersh (vouliez-vous dire --refresh ?). Lancez "netatmo-bridge doctor --help" pour voir les options.\n');
    const c = await runCliInProcess(['doctor', '--refersh'], { ...env, LANG: 'C' }, dir);
    expect(c.stderr).toBe('netatmo-bridge doctor: unknown option --refersh (did you mean --refresh?). Run "netatmo-bridge doctor --help" for the options.\n');
    const unknown = await runCliInProcess(['frobnicate'], { ...env, LC_ALL: 'fr_FR.UTF-8' }, dir);
    expect(unknown.stderr).toMatch(/^netatmo-bridge : commande inconnue "frobnicate"/);
  });

  it('status and doctor report in French against a running bridge; LANG=C in English', async () => {
    bridge = await startTestBridge();
    await bridge.bridge.context.poller.pollNow();
    const running = { DATA_DIR: bridge.dataDir, HOST: '127.0.0.1', PORT: String(bridge.bridge.port), SSDP: 'off', SIMULATOR: 'off', NETATMO_API_URL: bridge.simulator.url };
    const status = await runCliInProcess(['status'], { ...running, ...FRENCH, TZ: 'Europe/Paris' }, bridge.dataDir);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Passerelle 1\.0\.0 : en marche à http:\/\/127\.0\.0\.1:\d+\/ \(page d’état\)\.$/m);
    expect(status.stdout).toMatch(/^Netatmo : fonctionne \(données à l’instant\)\.$/m);
    expect(status.stdout).toMatch(/^Logements : .+ \(\d+ pièces\)\.$/m);
    expect(status.stdout).toMatch(/^Appels à l’API Netatmo : \d+ dans la dernière heure \(budget 400\) ; lecture toutes les 60 s\.$/m);
    const english = await runCliInProcess(['status'], { ...running, LANG: 'C' }, bridge.dataDir);
    expect(english.stdout).toMatch(/^Netatmo: working \(data from just now\)\.$/m);

    const doctor = await runCliInProcess(['doctor'], { ...running, ...FRENCH }, bridge.dataDir);
    expect(doctor.stdout).toMatch(/^ok {4}Configuration : valide$/m);
    expect(doctor.stdout).toMatch(/^ok {4}Fichier de données .+bridge\.json : se lit et a la forme attendue$/m);
    expect(doctor.stdout).toMatch(/^ok {4}Port \d+ : la passerelle est en marche et répond à http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(doctor.stdout).toMatch(/^ok {4}Version : netatmo-bridge 1\.0\.0 \(API LAN \d\) en marche$/m);
    expect(doctor.stdout).not.toMatch(/[A-Z][a-z]+ (is|are|the|was) /);
  });

  it('pair says when the window closes, in the user’s language and time zone', async () => {
    bridge = await startTestBridge();
    const running = { DATA_DIR: bridge.dataDir, HOST: '127.0.0.1', PORT: String(bridge.bridge.port), SSDP: 'off', SIMULATOR: 'off' };
    const pair = await runCliInProcess(['pair'], { ...running, ...FRENCH, TZ: 'Europe/Paris' }, bridge.dataDir);
    expect(pair.code).toBe(0);
    const closesAt = bridge.bridge.context.pairing.closesAt()!;
    const local = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'long', hourCycle: 'h23', timeZone: 'Europe/Paris' }).format(Date.parse(closesAt));
    expect(pair.stdout).toContain(`L’appairage est ouvert jusqu’à ${local}.`);
    expect(local).toMatch(/UTC\+[12]$/);
    expect(pair.stdout).toContain('SSDP est désactivé');
  });

  it('the installed entry point reads the process’s LANG', () => {
    const cli = path.join(REPO_ROOT, 'src/cli/main.ts');
    const run = (lang: string) =>
      spawnSync(process.execPath, ['--import', TSX_LOADER, cli, 'service', 'bogus'], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, ...env, LANG: lang }, encoding: 'utf8', timeout: 60_000 });
    expect(run('fr_FR.UTF-8').stderr).toBe('netatmo-bridge service : action inconnue "bogus" ; dites install, uninstall ou status.\n');
    expect(run('C').stderr).toBe('netatmo-bridge service: unknown action "bogus"; say install, uninstall or status.\n');
  }, 70_000);
});
