// End to end on real Lua: the Edge driver's own ssdp, client and mapping modules, run by lua5.3
// with LuaSocket (driver/tests/e2e/e2e_client.lua), against the real bridge and the simulator on
// 127.0.0.1 — unicast M-SEARCH, pairing, state → capability events, a setpoint reaching Netatmo.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ssdpFeatureWith } from '../../src/lan/ssdp.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(repoRoot, 'driver/tests/e2e/e2e_client.lua');
const luaReady = spawnSync('lua5.3', ['-e', 'require "socket"; require "dkjson"'], { encoding: 'utf8' }).status === 0;

interface Step {
  step: string;
  [key: string]: unknown;
}

async function runLua(args: string[]): Promise<{ code: number | null; steps: Step[]; stderr: string }> {
  const child = spawn('lua5.3', [script, ...args], { cwd: repoRoot });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const steps = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Step);
  return { code, steps, stderr };
}

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function bridgeWithLoopbackSsdp(): Promise<{ t: TestBridge; ssdpPort: number }> {
  let ssdpPort = 0;
  t = await startTestBridge({
    bridge: {
      features: [ssdpFeatureWith({ enabled: true, bindAddress: '127.0.0.1', port: 0, multicast: false, maxDelayMs: 0, onListening: (a) => (ssdpPort = a.port) })],
    },
  });
  await t.bridge.context.poller.pollNow();
  return { t, ssdpPort };
}

describe.skipIf(!luaReady)('Edge driver modules on real Lua against the real bridge', () => {
  it('discovers, pairs, maps the state to events and sends a setpoint that reaches Netatmo', async () => {
    const { t, ssdpPort } = await bridgeWithLoopbackSsdp();
    t.bridge.context.pairing.open();
    const home = t.bridge.context.state.homes[0]!;

    const result = await runLua(['--ssdp-port', String(ssdpPort), '--host', '127.0.0.1', '--port', String(t.bridge.port), '--setpoint', '21.5']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const byStep = (name: string) => result.steps.filter((s) => s.step === name);

    const ssdp = byStep('ssdp')[0]!;
    expect(JSON.stringify(ssdp)).toContain(t.bridge.context.store.data.bridgeId);
    expect(byStep('pair')).toHaveLength(1);
    // The token went over the wire but the script never prints it.
    expect(JSON.stringify(result.steps)).not.toContain(t.lanToken());

    const events = byStep('event');
    expect(events.length).toBeGreaterThan(home.rooms.length);
    expect(JSON.stringify(events)).toContain('temperatureMeasurement');
    expect(JSON.stringify(events)).toContain('thermostatHeatingSetpoint');

    expect(byStep('etag')[0]).toMatchObject({ status: 304 });
    expect(byStep('command')[0]).toMatchObject({ status: 200, setpointC: 21.5, setpointMode: 'manual' });
    expect(byStep('confirm')[0]).toMatchObject({ setpointC: 21.5, setpointMode: 'manual' });
    expect(byStep('done')[0]).toMatchObject({ ok: true });

    const writes = t.simulator.calls.list({ endpoint: 'setroomthermpoint' });
    expect(writes).toHaveLength(1);
    expect(writes[0]!.httpStatus).toBe(200);
    expect(writes[0]!.params).toMatchObject({ mode: 'manual', temp: '21.5' });
    // The script commands the first room of the first home.
    expect(writes[0]!.params.room_id).toBe(home.rooms[0]!.id);
  });

  it('stops with a clear error when pairing is closed and no token is given', async () => {
    const { t, ssdpPort } = await bridgeWithLoopbackSsdp();
    t.bridge.context.pairing.close();
    const result = await runLua(['--ssdp-port', String(ssdpPort), '--host', '127.0.0.1', '--port', String(t.bridge.port)]);
    expect(result.code).toBe(1);
    const error = result.steps.find((s) => s.step === 'error');
    expect(String(error?.message)).toMatch(/pair/i);
    expect(t.simulator.calls.list({ endpoint: 'setroomthermpoint' })).toHaveLength(0);
  });

  it('works with the token preference instead of pairing', async () => {
    const { t, ssdpPort } = await bridgeWithLoopbackSsdp();
    t.bridge.context.pairing.close();
    const result = await runLua(['--ssdp-port', String(ssdpPort), '--host', '127.0.0.1', '--port', String(t.bridge.port), '--token', t.lanToken(), '--setpoint', '19']);
    expect(result.code).toBe(0);
    expect(result.steps.filter((s) => s.step === 'pair')).toEqual([{ step: 'pair', source: 'token' }]);
    expect(t.bridge.context.hubs.hubs().some((h) => h.paired)).toBe(false);
    const writes = t.simulator.calls.list({ endpoint: 'setroomthermpoint' });
    expect(writes.map((w) => w.params.temp)).toEqual(['19.0']);
  });
});
