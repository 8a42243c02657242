// Every command route of the LAN API over real HTTP against the simulator: answers checked against
// the contract schemas, Netatmo calls checked in the simulator's log.
import { afterEach, describe, expect, it } from 'vitest';
import { commandResultSchema, errorBodySchema, netatmoErrorDetailsSchema, refreshResultSchema, stateDocumentSchema } from '../../src/lan/contract-schemas.js';
import type { Home, Room } from '../../src/model/types.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';
import { DEFAULT_RETRY_AFTER_S } from '../../src/sync/command-errors.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function ready(options: Parameters<typeof startTestBridge>[0] = {}): Promise<{ t: TestBridge; home: Home }> {
  t = await startTestBridge(options);
  expect((await t.bridge.context.poller.pollNow()).ok).toBe(true);
  return { t, home: t.bridge.context.state.homes[0]! };
}

function post(tb: TestBridge, path: string, body?: unknown): Promise<Response> {
  return tb.api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function ok(res: Response): Promise<{ revision: number; home: Home }> {
  expect(res.status).toBe(200);
  return commandResultSchema.parse(await res.json());
}

const roomOfKind = (home: Home, kind: Room['kind']): Room => home.rooms.find((r) => r.kind === kind)!;

describe('LAN command routes', () => {
  it('POST /homes/:id/mode away with a duration: setthermmode away + endtime, answer = home + new revision, state follows', async () => {
    const { t, home } = await ready();
    const before = t.bridge.context.state.revision;
    const result = await ok(await post(t, `/api/v1/homes/${home.id}/mode`, { mode: 'away', durationMinutes: 60 }));
    expect(result.revision).toBe(before + 1);
    expect(result.home.mode).toBe('away');
    const [call] = t.simulator.calls.list({ endpoint: 'setthermmode' });
    expect(call!.params).toMatchObject({ home_id: home.id, mode: 'away' });
    expect(Number(call!.params.endtime)).toBeGreaterThan(Date.now() / 1000 + 3500);
    // The answer shows the end the bridge sent to Netatmo (which takes whole seconds).
    expect(Math.floor(Date.parse(result.home.modeEndsAt ?? '') / 1000)).toBe(Number(call!.params.endtime));
    const state = stateDocumentSchema.parse(await (await t.api('/api/v1/state')).json());
    expect(state.revision).toBe(result.revision);
    expect(state.homes[0]!.mode).toBe('away');
  });

  it('POST /homes/:id/mode frostguard is sent as hg, indefinite', async () => {
    const { t, home } = await ready();
    const result = await ok(await post(t, `/api/v1/homes/${home.id}/mode`, { mode: 'frostguard' }));
    expect(result.home.modeEndsAt).toBeNull();
    expect(t.simulator.calls.list({ endpoint: 'setthermmode' }).map((c) => c.params)).toEqual([{ home_id: home.id, mode: 'hg' }]);
  });

  it('POST /homes/:id/schedule switches the schedule', async () => {
    const { t, home } = await ready();
    const other = home.schedules.find((s) => !s.selected)!;
    const result = await ok(await post(t, `/api/v1/homes/${home.id}/schedule`, { scheduleId: other.id }));
    expect(result.home.schedules.find((s) => s.selected)!.id).toBe(other.id);
    expect(t.simulator.calls.list({ endpoint: 'switchhomeschedule' })[0]!.params).toEqual({ home_id: home.id, schedule_id: other.id });
  });

  it('POST /homes/:id/back-to-schedule without a body', async () => {
    const { t, home } = await ready();
    const room = roomOfKind(home, 'thermostat');
    await ok(await post(t, `/api/v1/homes/${home.id}/rooms/${room.id}/setpoint`, { temperatureC: 22 }));
    const result = await ok(await post(t, `/api/v1/homes/${home.id}/back-to-schedule`));
    expect(result.home.rooms.find((r) => r.id === room.id)!.setpointMode).toBe('schedule');
    expect(t.simulator.calls.list({ endpoint: 'setroomthermpoint' }).map((c) => c.params.mode)).toEqual(['manual', 'home']);
  });

  it('POST /rooms/:id/setpoint converts °F and honours endsAt', async () => {
    const { t, home } = await ready();
    const room = roomOfKind(home, 'valves');
    const endsAt = new Date(Date.now() + 2 * 3600_000).toISOString();
    const result = await ok(await post(t, `/api/v1/homes/${home.id}/rooms/${room.id}/setpoint`, { temperatureC: 70, endsAt }));
    expect(result.home.rooms.find((r) => r.id === room.id)).toMatchObject({ setpointC: 21, setpointMode: 'manual' });
    const [call] = t.simulator.calls.list({ endpoint: 'setroomthermpoint' });
    expect(Number(call!.params.temp)).toBe(21);
    expect(Number(call!.params.endtime)).toBe(Math.floor(Date.parse(endsAt) / 1000));
  });

  it('POST /rooms/:id/mode boost on a valve room never sends max; off on a valve room is manual at frost guard', async () => {
    const { t, home } = await ready();
    const valve = roomOfKind(home, 'valves');
    await ok(await post(t, `/api/v1/homes/${home.id}/rooms/${valve.id}/mode`, { mode: 'boost' }));
    await ok(await post(t, `/api/v1/homes/${home.id}/rooms/${valve.id}/mode`, { mode: 'off' }));
    const calls = t.simulator.calls.list({ endpoint: 'setroomthermpoint' });
    expect(calls.map((c) => c.params.mode)).toEqual(['manual', 'manual']);
    expect(calls.some((c) => c.params.mode === 'max')).toBe(false);
    expect(Number(calls[0]!.params.temp)).toBe(30);
    expect(Number(calls[1]!.params.temp)).toBe(home.frostguardTempC);
  });

  it('POST /rooms/:id/mode on a thermostat room: max for boost, off for off', async () => {
    const { t, home } = await ready();
    const room = roomOfKind(home, 'thermostat');
    const boosted = await ok(await post(t, `/api/v1/homes/${home.id}/rooms/${room.id}/mode`, { mode: 'boost', durationMinutes: 30 }));
    expect(boosted.home.rooms.find((r) => r.id === room.id)).toMatchObject({ setpointMode: 'boost', setpointC: 30 });
    await ok(await post(t, `/api/v1/homes/${home.id}/rooms/${room.id}/mode`, { mode: 'off' }));
    expect(t.simulator.calls.list({ endpoint: 'setroomthermpoint' }).map((c) => c.params.mode)).toEqual(['max', 'off']);
  });

  it('an OpenTherm home is written with setstate', async () => {
    const { t } = await ready({ simulator: { scenario: 'multi-home' } });
    const otm = t.bridge.context.state.homes.find((h) => h.requiresSetState)!;
    const room = otm.rooms[0]!;
    await ok(await post(t, `/api/v1/homes/${otm.id}/rooms/${room.id}/mode`, { mode: 'boost' }));
    expect(t.simulator.calls.count('setroomthermpoint')).toBe(0);
    expect(t.simulator.calls.list({ endpoint: 'setstate' })).toHaveLength(1);
    expect(t.simulator.calls.list({ endpoint: 'setstate' })[0]!.httpStatus).toBe(200);
  });

  it('POST /refresh polls and answers the revision', async () => {
    const { t } = await ready();
    const before = t.simulator.calls.count('homestatus');
    const res = await post(t, '/api/v1/refresh');
    expect(res.status).toBe(200);
    expect(refreshResultSchema.parse(await res.json()).revision).toBe(t.bridge.context.state.revision);
    expect(t.simulator.calls.count('homestatus')).toBe(before + 1);
  });

  it('Netatmo refusing answers 502 with its code and message and rolls back', async () => {
    const { t, home } = await ready();
    const room = roomOfKind(home, 'thermostat');
    t.simulator.world.removeRoom(home.id, room.id);
    const before = await (await t.api('/api/v1/state')).json();
    const res = await post(t, `/api/v1/homes/${home.id}/rooms/${room.id}/setpoint`, { temperatureC: 24 });
    expect(res.status).toBe(502);
    const body = errorBodySchema.parse(await res.json());
    expect(body.error.code).toBe('netatmo_error');
    expect(netatmoErrorDetailsSchema.parse(body.error.details)).toEqual({ netatmoCode: 21, netatmoMessage: 'Invalid id' });
    const after = (await (await t.api('/api/v1/state')).json()) as { revision: number; homes: unknown };
    expect(after.revision).toBe((before as { revision: number }).revision);
    expect(after.homes).toEqual((before as { homes: unknown }).homes);
  });

  it('Netatmo code 26 answers 429 with Retry-After; an outage answers 503', async () => {
    const { t, home } = await ready();
    t.simulator.faults.inject({ kind: 'rate_limit', endpoints: ['setthermmode'], count: 1 });
    const limited = await post(t, `/api/v1/homes/${home.id}/mode`, { mode: 'away' });
    expect(limited.status).toBe(429);
    // Netatmo sent no Retry-After: the bridge asks for a minute.
    expect(limited.headers.get('retry-after')).toBe(String(DEFAULT_RETRY_AFTER_S));
    expect(errorBodySchema.parse(await limited.json()).error.code).toBe('rate_limited');
  });

  it('a Netatmo outage answers 503 netatmo_unavailable', async () => {
    const { t, home } = await ready();
    t.simulator.faults.inject({ kind: 'server_error', endpoints: ['switchhomeschedule'] });
    const other = home.schedules.find((s) => !s.selected)!;
    const res = await post(t, `/api/v1/homes/${home.id}/schedule`, { scheduleId: other.id });
    expect(res.status).toBe(503);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe('netatmo_unavailable');
  });
});
