// A multi-home account built from real captured payloads (provided by CI at ../shared/fixtures/netatmo),
// served over HTTP to a real bridge: pyatmo's full home (refused here with the captured code 21
// "Invalid id" or code 13 scope answer), pyatmo's home without modules and the "Home with no
// modules" capture (never polled, never listed), and pyatmo's real-shape valve home, which must
// update on its own. Skipped with a message when the captures are absent.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src/app.js';
import type { Home, NetatmoHealth } from '../../src/model/types.js';
import { ok, ScriptedNetatmo, tokenAnswer, type ScriptedAnswer } from '../fakes/scripted-netatmo.js';
import { LogCapture, testConfig } from '../helpers/bridge.js';
import { sharedFixturesDir, sharedFixturesPresent } from '../helpers/netatmo-fixtures.js';

const FULL_HOME = '91763b24c43d3e344f424e8b';
const NO_MODULES_HOME = '91763b24c43d3e344f424e8c';
const EMPTY_HOME = '111111111111111111111401';
const VALVE_HOME = 'realshape_home_id';

async function capture(relative: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(sharedFixturesDir, relative), 'utf8')) as Record<string, unknown>;
}

async function homesOf(relative: string): Promise<unknown[]> {
  return ((await capture(relative)).body as { homes: unknown[] }).homes;
}

let scripted: ScriptedNetatmo | undefined;
let bridge: Bridge | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await bridge?.stop();
  await scripted?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  bridge = undefined;
  scripted = undefined;
  dataDir = undefined;
});

async function startAccount(refusal: { file: string; status: number }): Promise<{ bridge: Bridge; scripted: ScriptedNetatmo }> {
  scripted = await ScriptedNetatmo.start();
  const homes = [...(await homesOf('pyatmo/homesdata.json')), ...(await homesOf('pyatmo/homesdata_emtpy_home.json')), ...(await homesOf('pyatmo/homesdata_realshape.json'))];
  const valveStatus = await capture('pyatmo/homestatus_realshape_home_id.json');
  const refused: ScriptedAnswer = { status: refusal.status, json: await capture(refusal.file) };
  scripted.setDefault('oauth2/token', tokenAnswer('1'));
  scripted.setDefault('homesdata', ok({ homes }));
  scripted.setDefault('homestatus', (request) => {
    if (request.query.home_id === VALVE_HOME) return { status: 200, json: valveStatus };
    if (request.query.home_id === FULL_HOME) return refused;
    // What Netatmo answers for a home without modules (Home Assistant's capture shape).
    return { status: 200, json: { status: 'ok', time_server: 1638873670 } };
  });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'conformance-account-'));
  const config = testConfig(dataDir, { NETATMO_API_URL: scripted.url, NETATMO_CLIENT_ID: 'id', NETATMO_CLIENT_SECRET: 'secret', NETATMO_REFRESH_TOKEN: 'refresh-0' });
  bridge = await startBridge({ config, logger: new LogCapture().logger(), manualPolling: true });
  return { bridge, scripted };
}

async function stateOf(running: Bridge): Promise<{ netatmo: NetatmoHealth; homes: Home[] }> {
  const res = await fetch(`${running.url}/api/v1/state`, { headers: { authorization: `Bearer ${running.context.store.data.lanToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { netatmo: NetatmoHealth; homes: Home[] };
}

const describeIfPresent = sharedFixturesPresent ? describe : describe.skip;
if (!sharedFixturesPresent) console.warn(`[conformance] ${sharedFixturesDir} not found: skipping the multi-home account conformance tests.`);

describeIfPresent('a real multi-home account (captures from ../shared/fixtures/netatmo)', () => {
  it.each([
    ['pyatmo/home_status_error_invalid_id.json', 400, 21, 'bad_request'],
    ['pyatmo/error_scope.json', 403, 13, 'forbidden'],
  ] as const)('one home refused (%s), two without modules skipped, the valve home updates', async (file, status, code, kind) => {
    const { bridge: running, scripted: netatmo } = await startAccount({ file, status });
    const result = await running.context.poller.pollNow();
    expect(result.ok).toBe(true);

    const state = await stateOf(running);
    expect(state.homes.map((h) => h.id)).toEqual([FULL_HOME, VALVE_HOME]);
    const valves = state.homes.find((h) => h.id === VALVE_HOME)!;
    expect(valves.reachable).toBe(true);
    expect(valves.error).toBeNull();
    expect(valves.rooms.length).toBeGreaterThanOrEqual(3);
    expect(valves.rooms.every((r) => r.kind === 'valves' && r.measuredC !== null)).toBe(true);
    const refused = state.homes.find((h) => h.id === FULL_HOME)!;
    expect(refused.reachable).toBe(false);
    expect(refused.error).toMatchObject({ kind, code });
    expect(refused.rooms.length).toBeGreaterThan(0);
    expect(state.netatmo.status).toBe('degraded');
    expect(state.netatmo.stale).toBe(false);

    const asked = netatmo.requestsTo('homestatus').map((r) => r.query.home_id);
    expect(asked.sort()).toEqual([FULL_HOME, VALVE_HOME].sort());
    expect(asked).not.toContain(NO_MODULES_HOME);
    expect(asked).not.toContain(EMPTY_HOME);
  });
});
