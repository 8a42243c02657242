// Every error row of the LAN contract over real HTTP: 400 (with a readable sentence), 401, 404,
// 413, 429 for repeated wrong tokens; nothing reaches Netatmo when a request is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../src/lan/contract-schemas.js';
import type { Home } from '../../src/model/types.js';
import { startTestBridge, type TestBridge } from '../helpers/bridge.js';

let t: TestBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function ready(): Promise<{ t: TestBridge; home: Home }> {
  t = await startTestBridge();
  expect((await t.bridge.context.poller.pollNow()).ok).toBe(true);
  return { t, home: t.bridge.context.state.homes[0]! };
}

function postRaw(tb: TestBridge, path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return tb.api(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

async function expectError(res: Response, status: number, code: string): Promise<{ code: string; message: string; details?: unknown }> {
  expect(res.status).toBe(status);
  const body = errorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  return body.error;
}

const writeCalls = (tb: TestBridge): number => ['setroomthermpoint', 'setthermmode', 'switchhomeschedule', 'setstate'].reduce((n, e) => n + tb.simulator.calls.count(e), 0);

describe('400 invalid_request', () => {
  it('refuses malformed JSON, unknown fields, wrong types, bad temperatures, unknown modes and past end times', async () => {
    const { t, home } = await ready();
    const room = home.rooms[0]!;
    const setpoint = `/api/v1/homes/${home.id}/rooms/${room.id}/setpoint`;
    const mode = `/api/v1/homes/${home.id}/mode`;

    expect((await expectError(await postRaw(t, setpoint, '{"temperatureC": 20'), 400, 'invalid_request')).message).toBe('The request body is not valid JSON.');
    const unknown = await expectError(await postRaw(t, setpoint, JSON.stringify({ temperatureC: 20, colour: 'red' })), 400, 'invalid_request');
    expect(unknown).toMatchObject({ message: 'The field "colour" is not part of this request.', details: { field: 'colour' } });
    const wrongType = await expectError(await postRaw(t, setpoint, JSON.stringify({ temperatureC: '20' })), 400, 'invalid_request');
    expect(wrongType).toMatchObject({ message: 'temperatureC must be a number between 7 and 30 °C.', details: { field: 'temperatureC' } });
    expect((await expectError(await postRaw(t, setpoint, '{}'), 400, 'invalid_request')).message).toBe('temperatureC is required.');
    expect((await expectError(await postRaw(t, setpoint, '[1,2]'), 400, 'invalid_request')).message).toBe('The request body must be a JSON object.');
    expect((await expectError(await postRaw(t, setpoint, JSON.stringify({ temperatureC: 31 })), 400, 'invalid_request')).message).toMatch(/between 7 and 30/);
    expect((await expectError(await postRaw(t, setpoint, JSON.stringify({ temperatureC: 5 })), 400, 'invalid_request')).message).toMatch(/between 7 and 30/);
    expect((await expectError(await postRaw(t, setpoint, JSON.stringify({ temperatureC: 20, durationMinutes: 1.5 })), 400, 'invalid_request')).message).toMatch(/whole number/);
    expect((await expectError(await postRaw(t, mode, JSON.stringify({ mode: 'party' })), 400, 'invalid_request')).message).toBe('mode must be one of schedule, away, frostguard.');
    expect((await expectError(await postRaw(t, `/api/v1/homes/${home.id}/rooms/${room.id}/mode`, JSON.stringify({ mode: 'away' })), 400, 'invalid_request')).message).toBe(
      'mode must be one of schedule, manual, boost, off.',
    );
    expect((await expectError(await postRaw(t, mode, JSON.stringify({ mode: 'away', endsAt: 'tomorrow' })), 400, 'invalid_request')).message).toMatch(/ISO-8601/);
    const past = await expectError(await postRaw(t, mode, JSON.stringify({ mode: 'away', endsAt: '2020-01-01T00:00:00Z' })), 400, 'invalid_request');
    expect(past.message).toBe('endsAt is in the past; give a time in the future.');
    const both = await expectError(await postRaw(t, mode, JSON.stringify({ mode: 'away', endsAt: '2099-01-01T00:00:00Z', durationMinutes: 5 })), 400, 'invalid_request');
    expect(both.message).toBe('Give either endsAt or durationMinutes, not both.');
    // Range and rule errors name their field too (details.field), like the schema errors.
    const tooHot = await expectError(await postRaw(t, setpoint, JSON.stringify({ temperatureC: 31 })), 400, 'invalid_request');
    expect(tooHot.details).toEqual({ field: 'temperatureC' });
    expect(past.details).toEqual({ field: 'endsAt' });
    expect(both.details).toEqual({ field: 'endsAt' });
    const scheduleEnd = await expectError(await postRaw(t, mode, JSON.stringify({ mode: 'schedule', durationMinutes: 30 })), 400, 'invalid_request');
    expect(scheduleEnd).toMatchObject({ message: 'The schedule mode has no end: leave out endsAt and durationMinutes.', details: { field: 'durationMinutes' } });
    const roomScheduleEnd = await expectError(await postRaw(t, `/api/v1/homes/${home.id}/rooms/${room.id}/mode`, JSON.stringify({ mode: 'schedule', durationMinutes: 30 })), 400, 'invalid_request');
    expect(roomScheduleEnd.details).toEqual({ field: 'durationMinutes' });
    await expectError(await postRaw(t, `/api/v1/homes/${home.id}/back-to-schedule`, JSON.stringify({ now: true })), 400, 'invalid_request');
    await expectError(await postRaw(t, '/api/v1/refresh', JSON.stringify({ force: true })), 400, 'invalid_request');

    expect(writeCalls(t)).toBe(0);
    // One bad request does not affect the next good one.
    const good = await postRaw(t, setpoint, JSON.stringify({ temperatureC: 20 }));
    expect(good.status).toBe(200);
    expect(writeCalls(t)).toBe(1);
  });
});

describe('404, 413, 401, 429', () => {
  it('answers 404 for unknown homes, rooms, schedules and routes', async () => {
    const { t, home } = await ready();
    const body = JSON.stringify({ temperatureC: 20 });
    expect((await expectError(await postRaw(t, `/api/v1/homes/ffffffffffffffffffffffff/mode`, JSON.stringify({ mode: 'away' })), 404, 'not_found')).message).toMatch(/No home/);
    expect((await expectError(await postRaw(t, `/api/v1/homes/${home.id}/rooms/9999/setpoint`, body), 404, 'not_found')).message).toBe(`No room 9999 in home ${home.id}.`);
    await expectError(await postRaw(t, `/api/v1/homes/${home.id}/schedule`, JSON.stringify({ scheduleId: 'abc' })), 404, 'not_found');
    await expectError(await postRaw(t, `/api/v1/homes/${encodeURIComponent('<script>')}/mode`, JSON.stringify({ mode: 'away' })), 404, 'not_found');
    await expectError(await t.api('/api/v1/homes'), 404, 'not_found');
    expect(writeCalls(t)).toBe(0);
  });

  it('answers 413 for a body over 16 KiB', async () => {
    const { t, home } = await ready();
    const res = await postRaw(t, `/api/v1/homes/${home.id}/mode`, JSON.stringify({ mode: 'away', pad: 'x'.repeat(17 * 1024) }));
    expect((await expectError(res, 413, 'payload_too_large')).message).toMatch(/16 KiB/);
  });

  it('answers 401 without or with a wrong token, never echoing the token', async () => {
    const { t, home } = await ready();
    const path = `/api/v1/homes/${home.id}/mode`;
    const none = await fetch(`${t.bridge.url}${path}`, { method: 'POST', body: '{"mode":"away"}' });
    await expectError(none, 401, 'unauthorized');
    const wrongToken = `${t.lanToken()}x`;
    const wrong = await fetch(`${t.bridge.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${wrongToken}` }, body: '{"mode":"away"}' });
    const error = await expectError(wrong, 401, 'unauthorized');
    expect(error.message).not.toContain(t.lanToken());
    expect(t.logs.text()).not.toContain(t.lanToken());
    expect(writeCalls(t)).toBe(0);
  });

  it('slows down repeated wrong tokens from one address with 429 and Retry-After', async () => {
    let clock = Date.parse('2026-11-26T10:00:00Z');
    const now = () => clock;
    t = await startTestBridge({ simulator: { clock: now }, bridge: { now } });
    const wrong = { authorization: 'Bearer not-the-token' };
    for (let i = 0; i < 10; i += 1) expect((await fetch(`${t.bridge.url}/api/v1/state`, { headers: wrong })).status).toBe(401);
    const limited = await fetch(`${t.bridge.url}/api/v1/state`, { headers: wrong });
    await expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBe(60);
    // the right token is answered all the same (clients may share an address) …
    expect((await t.api('/api/v1/state')).status).toBe(200);
    // … while wrong ones wait until the window has passed
    clock += 61_000;
    expect((await fetch(`${t.bridge.url}/api/v1/state`, { headers: wrong })).status).toBe(401);
  });
});
