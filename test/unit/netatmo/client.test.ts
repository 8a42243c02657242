import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetatmoClient } from '../../../src/netatmo/client.js';
import type { NetatmoError } from '../../../src/netatmo/errors.js';
import { silentLogger } from '../../../src/util/logger.js';
import { apiError, ok, tokenAnswer, writeOk } from '../../fakes/scripted-netatmo.js';
import { caught, startHarness, T0, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.server.close();
  h = undefined;
});

const STATUS = { home: { id: 'home-1', rooms: [{ id: 2746182631, reachable: true, open_windows: true }], modules: [{ id: 'm1', type: 'NRV', rf_strenght: 70 }] } };

describe('NetatmoClient requests', () => {
  it('reads with GET, query parameters and the bearer header; parses tolerant bodies', async () => {
    h = await startHarness();
    h.server.enqueue('homestatus', ok(STATUS));
    const body = await h.client.homeStatus('home-1');
    const request = h.server.requestsTo('homestatus')[0]!;
    expect(request.method).toBe('GET');
    expect(request.query).toEqual({ home_id: 'home-1' });
    expect(request.headers.authorization).toBe('Bearer access-stored');
    expect(body.home?.rooms?.[0]?.id).toBe('2746182631');
    expect(body.home?.rooms?.[0]?.open_windows).toBe(true);
    expect(body.home?.modules?.[0]?.rf_strenght).toBe(70);
    expect(h.calls).toEqual([{ endpoint: 'homestatus', outcome: 'ok', durationMs: expect.any(Number), httpStatus: 200 }]);
  });

  it('homesdata without a home id sends no parameters', async () => {
    h = await startHarness();
    h.server.enqueue('homesdata', ok({ homes: [{ id: 'home-1', rooms: [{ id: 12, name: 'Salon' }] }] }));
    const body = await h.client.homesData();
    expect(h.server.requestsTo('homesdata')[0]?.query).toEqual({});
    expect(body.homes?.[0]?.rooms?.[0]).toMatchObject({ id: '12', name: 'Salon' });
  });

  it('setroomthermpoint posts a form with temp as a one-decimal string and whole-second endtime', async () => {
    h = await startHarness();
    h.server.setDefault('setroomthermpoint', writeOk());
    await h.client.setRoomThermPoint({ homeId: 'home-1', roomId: '42', mode: 'manual', temp: 21, endtime: 1_767_229_200.7 });
    await h.client.setRoomThermPoint({ homeId: 'home-1', roomId: '42', mode: 'home' });
    const [first, second] = h.server.requestsTo('setroomthermpoint');
    expect(first?.method).toBe('POST');
    expect(first?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(first?.form).toEqual({ home_id: 'home-1', room_id: '42', mode: 'manual', temp: '21.0', endtime: '1767229200' });
    expect(second?.form).toEqual({ home_id: 'home-1', room_id: '42', mode: 'home' });
  });

  it('setthermmode, switchhomeschedule and webhooks post forms; setstate posts JSON', async () => {
    h = await startHarness();
    for (const endpoint of ['setthermmode', 'switchhomeschedule', 'setstate', 'addwebhook', 'dropwebhook']) h.server.setDefault(endpoint, writeOk());
    await h.client.setThermMode({ homeId: 'home-1', mode: 'hg', endtime: 1_767_300_000 });
    await h.client.switchHomeSchedule({ homeId: 'home-1', scheduleId: 's1' });
    const setState = { home: { id: 'home-1', rooms: [{ id: '42', therm_setpoint_mode: 'hg' as const, therm_setpoint_end_time: 2_147_483_647 }] } };
    await h.client.setState(setState);
    await h.client.addWebhook('https://example.invalid/webhooks/netatmo');
    await h.client.dropWebhook();
    expect(h.server.requestsTo('setthermmode')[0]?.form).toEqual({ home_id: 'home-1', mode: 'hg', endtime: '1767300000' });
    expect(h.server.requestsTo('switchhomeschedule')[0]?.form).toEqual({ home_id: 'home-1', schedule_id: 's1' });
    expect(h.server.requestsTo('setstate')[0]?.headers['content-type']).toBe('application/json');
    expect(h.server.requestsTo('setstate')[0]?.json).toEqual(setState);
    expect(h.server.requestsTo('addwebhook')[0]?.form).toEqual({ url: 'https://example.invalid/webhooks/netatmo' });
    expect(h.server.requestsTo('dropwebhook')[0]?.form).toEqual({ app_types: 'app_security' });
  });

  it('getroommeasure reads both the optimized and the keyed shape', async () => {
    h = await startHarness();
    h.server.enqueue('getroommeasure', ok([{ beg_time: 1000, step_time: 1800, value: [[20.1, 19], [20.3, 19]] }]), ok({ '3000': [21], '1000': [20] }));
    const params = { homeId: 'home-1', roomId: '42', scale: '30min' as const, types: ['temperature', 'sp_temperature'], dateBegin: 1000 };
    expect(await h.client.getRoomMeasure(params)).toEqual([
      { time: 1000, values: [20.1, 19] },
      { time: 2800, values: [20.3, 19] },
    ]);
    expect(h.server.requestsTo('getroommeasure')[0]?.query).toEqual({ home_id: 'home-1', room_id: '42', scale: '30min', type: 'temperature,sp_temperature', date_begin: '1000' });
    expect(await h.client.getRoomMeasure(params)).toEqual([
      { time: 1000, values: [20] },
      { time: 3000, values: [21] },
    ]);
  });

  it('treats code 7 "nothing to modify" on a write as success', async () => {
    h = await startHarness();
    h.server.enqueue('setthermmode', apiError(400, 7, 'Nothing to modify'));
    await expect(h.client.setThermMode({ homeId: 'home-1', mode: 'schedule' })).resolves.toBeUndefined();
  });

  it('a write answered 200 "ok" with body.errors is a refusal carrying the first code and message', async () => {
    h = await startHarness();
    const partial = (errors: unknown[]) => ({ status: 200, json: { status: 'ok', time_server: 1_767_225_600, body: { home: { id: 'home-1' }, errors } } });
    h.server.enqueue('setstate', partial([{ code: 21, message: 'Invalid value', id: 'r1' }, { code: 21, message: 'Invalid value', id: 'r2' }]));
    const refused = (await caught(() => h!.client.setState({ home: { id: 'home-1', rooms: [{ id: 'r1', therm_setpoint_mode: 'home' }] } }))) as NetatmoError;
    expect(refused).toMatchObject({ name: 'NetatmoError', kind: 'bad_request', code: 21, httpStatus: 200, netatmoMessage: 'Invalid value' });
    expect(refused.message).toContain('2 devices or rooms');
    h.server.enqueue('setroomthermpoint', partial([{ code: 6, id: 'r1' }]));
    const unreachable = (await caught(() => h!.client.setRoomThermPoint({ homeId: 'home-1', roomId: 'r1', mode: 'home' }))) as NetatmoError;
    expect(unreachable).toMatchObject({ kind: 'relay_offline', code: 6, netatmoMessage: null });
    expect(h.calls.map((c) => c.outcome)).toEqual(['bad_request', 'relay_offline']);
    // An empty list is no refusal, and a refusal is no reason to hold back the next call.
    h.server.enqueue('setthermmode', partial([]));
    await expect(h.client.setThermMode({ homeId: 'home-1', mode: 'away' })).resolves.toBeUndefined();
    expect(h.budget.backoffRemainingMs()).toBe(0);
  });
});

describe('NetatmoClient auth errors', () => {
  it('code 2 → refresh once and retry once with the new token', async () => {
    h = await startHarness();
    h.server.enqueue('homestatus', apiError(403, 2, 'Invalid access token'), ok(STATUS));
    h.server.enqueue('oauth2/token', tokenAnswer('renewed'));
    await h.client.homeStatus('home-1');
    expect(h.server.requestsTo('homestatus').map((r) => r.headers.authorization)).toEqual(['Bearer access-stored', 'Bearer access-renewed']);
    expect(h.server.requestsTo('oauth2/token')).toHaveLength(1);
    expect(h.calls.map((c) => c.outcome)).toEqual(['auth', 'ok']);
  });

  it('code 3 twice → one refresh, one retry, then the auth error (no loop)', async () => {
    h = await startHarness();
    h.server.setDefault('homestatus', apiError(403, 3, 'Access token expired'));
    h.server.setDefault('oauth2/token', tokenAnswer('renewed'));
    const error = (await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError;
    expect(error.kind).toBe('auth');
    expect(error.code).toBe(3);
    expect(h.server.requestsTo('homestatus')).toHaveLength(2);
    expect(h.server.requestsTo('oauth2/token')).toHaveLength(1);
  });

  it('a bare 401 is an auth error too', async () => {
    h = await startHarness();
    h.server.enqueue('homesdata', { status: 401, text: 'Unauthorized' }, ok({ homes: [] }));
    h.server.enqueue('oauth2/token', tokenAnswer('renewed'));
    expect(await h.client.homesData()).toEqual({ homes: [] });
    expect(h.server.requestsTo('homesdata')).toHaveLength(2);
  });
});

describe('NetatmoClient failures and the budget', () => {
  it('code 26 → rate_limited, then no call to Netatmo for at least 30 minutes', async () => {
    h = await startHarness();
    h.server.enqueue('homestatus', apiError(429, 26, 'Maximum api usage reached'));
    h.server.setDefault('homestatus', ok(STATUS));
    h.server.setDefault('setroomthermpoint', writeOk());
    const error = (await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError;
    expect(error.kind).toBe('rate_limited');
    expect(Date.parse(h.budget.snapshot().backoffUntil!)).toBeGreaterThanOrEqual(T0 + 30 * 60_000);

    h.clock.advance(29 * 60_000);
    const held = (await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError;
    expect(held.kind).toBe('rate_limited');
    expect(held.retryAfterS).toBe(60);
    const command = (await caught(() => h!.client.setRoomThermPoint({ homeId: 'home-1', roomId: '1', mode: 'home' }))) as NetatmoError;
    expect(command.kind).toBe('rate_limited');
    expect(h.server.requestsTo('homestatus')).toHaveLength(1);

    h.clock.advance(60_000);
    await h.client.homeStatus('home-1');
    expect(h.server.requestsTo('homestatus')).toHaveLength(2);
    expect(h.budget.snapshot().backoffUntil).toBeNull();
  });

  it('code 11 (429) → overloaded; polls back off, a user command still gets its one try', async () => {
    h = await startHarness();
    h.server.enqueue('homestatus', apiError(429, 11, 'Failed to enter concurrency limited section'));
    h.server.setDefault('setthermmode', writeOk());
    expect(((await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError).kind).toBe('overloaded');
    expect(((await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError).retryAfterS).toBe(30);
    await h.client.setThermMode({ homeId: 'home-1', mode: 'away' });
    expect(h.server.requestsTo('homestatus')).toHaveLength(1);
    expect(h.server.requestsTo('setthermmode')).toHaveLength(1);
  });

  it('a server that never answers → timeout, and the request is cut', async () => {
    h = await startHarness({ timeoutMs: 150 });
    h.server.enqueue('homestatus', { hang: true });
    const closed = h.server.nextHangClosed();
    const error = (await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError;
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer/);
    await closed;
    expect(h.server.hangsClosedByClient).toBe(1);
    // The first transient failure: polls back off 30 s.
    expect(h.budget.snapshot().backoffUntil).toBe(new Date(h.clock.ms + 30_000).toISOString());
    expect(h.calls[0]).toMatchObject({ endpoint: 'homestatus', outcome: 'timeout', httpStatus: null });
  });

  it("a caller's signal cancels the request: Netatmo sees it closed, the caller gets its reason, the budget does not back off", async () => {
    h = await startHarness();
    h.server.enqueue('homesdata', { hang: true });
    h.server.setDefault('dropwebhook', writeOk());
    const controller = new AbortController();
    const closed = h.server.nextHangClosed();
    const call = h.client.homesData(undefined, { signal: controller.signal });
    await vi.waitFor(() => expect(h!.server.requestsTo('homesdata')).toHaveLength(1));
    const reason = new Error('the page gave up');
    controller.abort(reason);
    expect(await caught(() => call)).toBe(reason);
    await closed;
    expect(h.server.hangsClosedByClient).toBe(1);
    expect(h.budget.snapshot()).toMatchObject({ backoffUntil: null, callsLastHour: 1 });
    expect(h.calls).toEqual([]);
    // Already aborted: nothing is sent and nothing is counted.
    expect(await caught(() => h!.client.dropWebhook({ signal: controller.signal }))).toBe(reason);
    expect(h.server.requestsTo('dropwebhook')).toHaveLength(0);
    expect(h.budget.snapshot().callsLastHour).toBe(1);
  });

  it('malformed JSON on 200 → malformed; HTML on 502 → server', async () => {
    h = await startHarness();
    h.server.enqueue('homestatus', { status: 200, text: '{"status":"ok","body":{' }, { status: 502, text: '<html>Bad gateway</html>' });
    expect(((await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError).kind).toBe('malformed');
    h.budget.noteSuccess(Number.MAX_SAFE_INTEGER); // a later success: the back-off ends
    const error = (await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError;
    expect(error.kind).toBe('server');
    expect(error.httpStatus).toBe(502);
  });

  it('homestatus ok without a body is an empty status (a home without modules); other reads → malformed', async () => {
    h = await startHarness();
    // Netatmo's answer for a home without any module (Home Assistant's capture).
    h.server.enqueue('homestatus', { status: 200, json: { status: 'ok', time_server: 1638873670 } });
    expect(await h.client.homeStatus('home-1')).toEqual({});
    h.server.enqueue('homesdata', { status: 200, json: { status: 'ok', time_server: 1 } });
    expect(((await caught(() => h!.client.homesData())) as NetatmoError).kind).toBe('malformed');
    h.server.enqueue('homestatus', { status: 200, json: { time_server: 1 } });
    expect(((await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError).kind).toBe('malformed');
  });

  it('nothing listening → network', async () => {
    h = await startHarness();
    const url = h.server.url;
    await h.server.close();
    const client = new NetatmoClient({ apiUrl: url, tokens: h.tokens, budget: h.budget, logger: silentLogger() });
    expect(((await caught(() => client.homeStatus('home-1'))) as NetatmoError).kind).toBe('network');
    h = undefined;
  });

  it('the 10-second window blocks a burst before it reaches Netatmo', async () => {
    h = await startHarness({ budget: { per10s: 3 } });
    h.server.setDefault('homestatus', ok(STATUS));
    for (let i = 0; i < 3; i++) await h.client.homeStatus('home-1');
    const error = (await caught(() => h!.client.homeStatus('home-1'))) as NetatmoError;
    expect(error.kind).toBe('rate_limited');
    expect(error.message).toMatch(/at most 3 calls per 10 s/);
    expect(h.server.requestsTo('homestatus')).toHaveLength(3);
    h.clock.advance(10_000);
    await h.client.homeStatus('home-1');
    expect(h.server.requestsTo('homestatus')).toHaveLength(4);
  });

  it('token refreshes count against the budget', async () => {
    h = await startHarness({ storedTokens: null, tokenOptions: { envRefreshToken: 'refresh-env' } });
    h.server.enqueue('oauth2/token', tokenAnswer('first'));
    h.server.setDefault('homestatus', ok(STATUS));
    await h.client.homeStatus('home-1');
    expect(h.budget.snapshot().callsLastHour).toBe(2);
  });
});
