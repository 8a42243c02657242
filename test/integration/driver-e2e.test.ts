// End to end on real Lua against the real bridge and the simulator on 127.0.0.1:
// - the Edge driver's own ssdp, client and mapping modules, run by lua5.3 with LuaSocket
//   (driver/tests/e2e/e2e_client.lua) — unicast M-SEARCH, pairing, state → capability events, a
//   setpoint reaching Netatmo;
// - the whole driver (driver/tests/e2e/e2e_driver.lua: init.lua, discovery, pairing, the read loop)
//   keeping a long poll open, so a change reaches it within a second of the bridge, and falling
//   back to periodic reads against a bridge that ignores `wait` (a stub on 127.0.0.1).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ssdpFeatureWith } from '../../src/lan/ssdp.js';
import { startBridgeWithoutWait, type BridgeWithoutWait } from '../fakes/bridge-without-wait.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { luaReady, repoRoot, startLua, type LuaRun, type Step } from '../helpers/lua-driver.js';

const script = path.join(repoRoot, 'driver/tests/e2e/e2e_client.lua');

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
let lua: LuaRun | undefined;
let stub: BridgeWithoutWait | undefined;
afterEach(async () => {
  await lua?.stop();
  await t?.stop();
  await stub?.close();
  t = undefined;
  lua = undefined;
  stub = undefined;
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

describe.skipIf(!luaReady)('the whole Edge driver on real Lua: long poll and fallback', () => {
  it('keeps a long poll open and shows a change at Netatmo within 1 s of the bridge having it', async () => {
    const { t, ssdpPort } = await bridgeWithLoopbackSsdp();
    t.bridge.context.pairing.open();
    const { state } = t.bridge.context;
    lua = startLua('e2e_driver.lua', ['--ssdp-port', String(ssdpPort)]);
    // Discovery, pairing, the document (200), then a read held with the current ETag.
    await lua.waitFor((s) => s.step === 'read' && s.wait === 30 && typeof s.etag === 'string', 20_000);
    await vi.waitFor(
      () => {
        const last = lua!.steps.filter((s) => s.step === 'read' || s.step === 'answer').at(-1);
        expect(last).toMatchObject({ step: 'read', wait: 30, etag: `"${state.revision}"` });
        expect(t.bridge.context.longPolls.size).toBe(1);
      },
      { timeout: 10_000, interval: 20 },
    );
    // The document went to the bridge device; its rooms exist now and get values with the next answer.
    expect(lua.steps.some((s) => s.step === 'event' && s.device === 'bridge' && s.component === 'hubLink' && s.value === 'closed')).toBe(true);

    let changedAt = 0;
    const off = state.onChange(() => (changedAt ||= Date.now()));
    const home = state.homes[0]!;
    const room = home.rooms[0]!;
    t.simulator.world.setMeasuredTemperature(home.id, room.id, (room.measuredC ?? 20) + 3);
    await t.bridge.context.poller.pollNow();
    off();
    expect(changedAt).toBeGreaterThan(0);
    // What the bridge now serves (the simulator's room physics may have moved it a little already).
    const celsius = state.home(home.id)!.rooms.find((r) => r.id === room.id)!.measuredC;
    expect(celsius).not.toBe(room.measuredC);

    const key = `room:${home.id}:${room.id}`;
    const event = await lua.waitFor((s) => s.step === 'event' && s.device === key && s.capability === 'temperatureMeasurement' && s.value === celsius, 10_000);
    const latencyMs = Number(event.at) * 1000 - changedAt;
    expect(latencyMs).toBeLessThan(1000);
    // It came through the open long poll: answered 200 well before its 30 s, no other read between.
    const answers = lua.steps.filter((s) => s.step === 'answer');
    const heldAnswer = answers.find((s) => s.status === 200 && Number(s.elapsed_s) > 0 && Number(s.at) <= Number(event.at) && Number(s.at) * 1000 >= changedAt);
    expect(heldAnswer, JSON.stringify(answers)).toBeDefined();
    expect(Number(heldAnswer!.elapsed_s)).toBeLessThan(30);
    // And the next long poll is open again with the new revision.
    await vi.waitFor(() => expect(t.bridge.context.longPolls.size).toBe(1), { timeout: 10_000, interval: 20 });
    console.info(`long poll e2e: change at the bridge → driver event in ${latencyMs.toFixed(0)} ms`);
  }, 60_000);

  it('falls back to reading every 15 s against a bridge that ignores wait, and still shows changes', async () => {
    stub = await startBridgeWithoutWait({
      // The state changes between the 4th and the 5th read.
      onRead: (_read, count) => {
        if (count === 4) stub!.change((s) => ((s.homes[0]!.rooms[0] as { measuredC: number | null }).measuredC = 19.9));
      },
    });
    lua = startLua('e2e_driver.lua', ['--address', stub.address, '--token', stub.token, '--fake-seconds', '120']);
    const done = await lua.waitFor((s) => s.step === 'done', 30_000);
    expect(await lua.exited).toBe(0);
    expect(lua.stderr()).toBe('');
    expect(done).toMatchObject({ status: 'online' });
    expect(lua.steps.filter((s) => s.step === 'mode').at(-1)).toMatchObject({ mode: 'periodic' });

    // 120 fake seconds: the document, one 304 at once, then one read per 15 s — never a loop.
    expect(stub.reads.length).toBeGreaterThanOrEqual(8);
    expect(stub.reads.length).toBeLessThanOrEqual(2 + 120 / 15 + 1);
    // Every read still asks to be held, so the long poll comes back when the bridge is updated.
    expect(stub.reads.every((r) => r.url === '/api/v1/state?wait=30')).toBe(true);
    const key = `room:${stub.state.homes[0]!.id}:${stub.state.homes[0]!.rooms[0]!.id}`;
    expect(lua.steps.some((s: Step) => s.step === 'event' && s.device === key && s.capability === 'temperatureMeasurement' && s.value === 19.9)).toBe(true);
  }, 60_000);
});
