// The command service (context.commands) against the simulator: Netatmo calls as sent, the
// optimistic answer, a stale poll that must not revert it, and rollback on refusal.
import { afterEach, describe, expect, it } from 'vitest';
import type { Home, Room } from '../../src/model/types.js';
import { CommandError } from '../../src/sync/command-types.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { DEFAULT_RETRY_AFTER_S } from '../../src/sync/command-errors.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function started(options: Parameters<typeof startTestBridge>[0] = {}): Promise<{ t: TestBridge; home: Home }> {
  t = await startTestBridge(options);
  const poll = await t.bridge.context.poller.pollNow();
  expect(poll.ok).toBe(true);
  return { t, home: t.bridge.context.state.homes[0]! };
}

const roomOfKind = (home: Home, kind: Room['kind']): Room => {
  const room = home.rooms.find((r) => r.kind === kind);
  if (!room) throw new Error(`no ${kind} room in ${home.name}`);
  return room;
};

async function refusal(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandError);
  return error as CommandError;
}

describe('command service', () => {
  it('sets a setpoint: Netatmo gets manual, the answer carries the new home and revision at once', async () => {
    const { t, home } = await started();
    const room = roomOfKind(home, 'thermostat');
    const before = t.bridge.context.state.revision;
    const result = await t.bridge.context.commands.setRoomSetpoint(home.id, room.id, { temperatureC: 21.3 });
    expect(result.revision).toBe(before + 1);
    expect(result.home.rooms.find((r) => r.id === room.id)).toMatchObject({ setpointC: 21.5, setpointMode: 'manual' });
    const calls = t.simulator.calls.list({ endpoint: 'setroomthermpoint' });
    expect(calls.map((c) => c.params)).toEqual([{ home_id: home.id, room_id: room.id, mode: 'manual', temp: '21.5' }]);
  });

  it('boosts a valve room with manual 30 °C, never max; a thermostat room with max', async () => {
    const { t, home } = await started();
    const valve = roomOfKind(home, 'valves');
    const thermostat = roomOfKind(home, 'thermostat');
    const sentFrom = Math.floor(t.bridge.context.now() / 1000);
    await t.bridge.context.commands.setRoomMode(home.id, valve.id, { mode: 'boost', durationMinutes: 30 });
    const sentBy = Math.ceil(t.bridge.context.now() / 1000);
    await t.bridge.context.commands.setRoomMode(home.id, thermostat.id, { mode: 'boost' });
    const calls = t.simulator.calls.list({ endpoint: 'setroomthermpoint' });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.params).toMatchObject({ room_id: valve.id, mode: 'manual' });
    expect(Number(calls[0]!.params.temp)).toBe(30);
    // The valve's boost ends 30 minutes after it was sent.
    expect(Number(calls[0]!.params.endtime)).toBeGreaterThanOrEqual(sentFrom + 1800);
    expect(Number(calls[0]!.params.endtime)).toBeLessThanOrEqual(sentBy + 1800);
    expect(calls[1]!.params).toEqual({ home_id: home.id, room_id: thermostat.id, mode: 'max' });
    expect(calls.every((c) => c.httpStatus === 200)).toBe(true);
  });

  it('sends frost guard as hg and keeps it indefinite without an end', async () => {
    const { t, home } = await started();
    const result = await t.bridge.context.commands.setHomeMode(home.id, { mode: 'frostguard' });
    expect(result.home).toMatchObject({ mode: 'frostguard', modeEndsAt: null });
    expect(t.simulator.calls.list({ endpoint: 'setthermmode' }).map((c) => c.params)).toEqual([{ home_id: home.id, mode: 'hg' }]);
  });

  it('writes rooms of an OpenTherm home with setstate', async () => {
    const { t } = await started({ simulator: { scenario: 'multi-home' } });
    const otm = t.bridge.context.state.homes.find((h) => h.requiresSetState);
    expect(otm).toBeDefined();
    const room = otm!.rooms[0]!;
    await t.bridge.context.commands.setRoomSetpoint(otm!.id, room.id, { temperatureC: 68 });
    expect(t.simulator.calls.count('setroomthermpoint')).toBe(0);
    const [call] = t.simulator.calls.list({ endpoint: 'setstate' });
    expect(call!.httpStatus).toBe(200);
    expect(call!.params).toMatchObject({ home: { id: otm!.id, rooms: [{ id: room.id, therm_setpoint_mode: 'manual', therm_setpoint_temperature: 20 }] } });
  });

  it('a poll answer that predates the write does not revert the pending setpoint; a confirming poll ends it', async () => {
    let clock = Date.parse('2026-11-26T10:00:00Z');
    const now = () => clock;
    const { t, home } = await started({ simulator: { clock: now }, bridge: { now } });
    const { state, commands, poller } = t.bridge.context;
    const room = roomOfKind(home, 'valves');
    const stale = structuredClone(state.homes) as Home[];
    const result = await commands.setRoomSetpoint(home.id, room.id, { temperatureC: 23 });
    // A poll that read Netatmo before the write lands now: same homes as before the command.
    state.replaceHomes(structuredClone(stale));
    expect(state.revision).toBe(result.revision);
    expect(state.home(home.id)!.rooms.find((r) => r.id === room.id)).toMatchObject({ setpointC: 23, setpointMode: 'manual' });

    clock += 3000;
    await poller.pollNow();
    expect(state.home(home.id)!.rooms.find((r) => r.id === room.id)).toMatchObject({ setpointC: 23, setpointMode: 'manual' });
    expect((commands as unknown as { pendingCount(): number }).pendingCount()).toBe(0);
  });

  it('a pending value gives way to the poll after 30 s', async () => {
    let clock = Date.parse('2026-11-26T10:00:00Z');
    const now = () => clock;
    const { t, home } = await started({ simulator: { clock: now }, bridge: { now } });
    const { state, commands } = t.bridge.context;
    const room = roomOfKind(home, 'thermostat');
    const stale = structuredClone(state.homes) as Home[];
    await commands.setRoomSetpoint(home.id, room.id, { temperatureC: 25 });
    clock += 30_000;
    state.replaceHomes(stale);
    expect(state.home(home.id)!.rooms.find((r) => r.id === room.id)!.setpointC).toBe(room.setpointC);
  });

  it('rolls back when Netatmo refuses: 502-style error with Netatmo code and message, state and revision unchanged', async () => {
    const { t, home } = await started();
    const room = roomOfKind(home, 'valves');
    t.simulator.world.removeRoom(home.id, room.id);
    const before = t.bridge.context.state.revision;
    const snapshot = structuredClone(t.bridge.context.state.home(home.id));
    const error = await refusal(t.bridge.context.commands.setRoomSetpoint(home.id, room.id, { temperatureC: 24 }));
    expect(error.code).toBe('netatmo_error');
    expect(error.details).toEqual({ netatmoCode: 21, netatmoMessage: 'Invalid id' });
    expect(t.bridge.context.state.revision).toBe(before);
    expect(t.bridge.context.state.home(home.id)).toEqual(snapshot);
  });

  it('maps Netatmo throttling and outages', async () => {
    const { t, home } = await started();
    const room = roomOfKind(home, 'thermostat');
    t.simulator.faults.inject({ kind: 'rate_limit', endpoints: ['setroomthermpoint'], count: 1 });
    const limited = await refusal(t.bridge.context.commands.setRoomSetpoint(home.id, room.id, { temperatureC: 20 }));
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterS).toBe(DEFAULT_RETRY_AFTER_S); // Netatmo sent no Retry-After

    t.simulator.faults.clear();
    // As if a later call had succeeded: the code-26 lock-out ends.
    t.bridge.context.budget.noteSuccess(Number.MAX_SAFE_INTEGER);
    t.simulator.faults.inject({ kind: 'server_error', endpoints: ['setthermmode'], count: 1 });
    const down = await refusal(t.bridge.context.commands.setHomeMode(home.id, { mode: 'away' }));
    expect(down.code).toBe('netatmo_unavailable');
  });

  it('refuses unknown ids, past end times and impossible temperatures before calling Netatmo', async () => {
    const { t, home } = await started();
    const room = roomOfKind(home, 'thermostat');
    const { commands } = t.bridge.context;
    expect((await refusal(commands.setHomeMode('nope', { mode: 'away' }))).code).toBe('not_found');
    expect((await refusal(commands.setRoomMode(home.id, '999', { mode: 'boost' }))).code).toBe('not_found');
    expect((await refusal(commands.switchSchedule(home.id, 'nope'))).code).toBe('not_found');
    expect((await refusal(commands.setRoomSetpoint(home.id, room.id, { temperatureC: 35 }))).code).toBe('invalid_request');
    const past = await refusal(commands.setHomeMode(home.id, { mode: 'away', endsAt: '2001-01-01T00:00:00Z' }));
    expect(past.message).toMatch(/past/);
    expect((await refusal(commands.setHomeMode(home.id, { mode: 'schedule', durationMinutes: 10 }))).code).toBe('invalid_request');
    const writes = ['setroomthermpoint', 'setthermmode', 'switchhomeschedule', 'setstate'].map((e) => t.simulator.calls.count(e));
    expect(writes).toEqual([0, 0, 0, 0]);
  });

  it('back to schedule resets the home mode and every overridden room', async () => {
    const { t, home } = await started();
    const { commands } = t.bridge.context;
    const [a, b] = home.rooms;
    await commands.setRoomSetpoint(home.id, a!.id, { temperatureC: 22 });
    await commands.setRoomMode(home.id, b!.id, { mode: 'boost' });
    await commands.setHomeMode(home.id, { mode: 'away' });
    t.simulator.calls.clear();
    const result = await commands.backToSchedule(home.id);
    expect(result.home.mode).toBe('schedule');
    expect(result.home.rooms.every((r) => r.setpointMode === 'schedule')).toBe(true);
    expect(t.simulator.calls.list({ endpoint: 'setthermmode' }).map((c) => c.params.mode)).toEqual(['schedule']);
    expect(t.simulator.calls.list({ endpoint: 'setroomthermpoint' }).map((c) => [c.params.room_id, c.params.mode])).toEqual([
      [a!.id, 'home'],
      [b!.id, 'home'],
    ]);
  });

  it('switches the schedule and marks it selected', async () => {
    const { t, home } = await started();
    const other = home.schedules.find((s) => !s.selected)!;
    const result = await t.bridge.context.commands.switchSchedule(home.id, other.id);
    expect(result.home.schedules.find((s) => s.selected)!.id).toBe(other.id);
    expect(t.simulator.calls.list({ endpoint: 'switchhomeschedule' }).map((c) => c.params.schedule_id)).toEqual([other.id]);
  });

  it('refresh polls once for a burst of requests', async () => {
    const { t } = await started();
    const before = t.simulator.calls.count('homestatus');
    const results = await Promise.all([t.bridge.context.commands.refresh(), t.bridge.context.commands.refresh(), t.bridge.context.commands.refresh()]);
    expect(results.map((r) => r.revision)).toEqual([results[0].revision, results[0].revision, results[0].revision]);
    expect(t.simulator.calls.count('homestatus') - before).toBe(1);
  });
});
