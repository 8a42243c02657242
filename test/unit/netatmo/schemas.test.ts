import { describe, expect, it } from 'vitest';
import {
  parseErrorEnvelope,
  parseHomesDataBody,
  parseHomeStatusBody,
  parseRoomMeasureBody,
  parseSuccessEnvelope,
  parseTokenResponse,
  parseWriteEnvelope,
} from '../../../src/netatmo/schemas.js';

function value<T>(result: { ok: true; value: T } | { ok: false; issue: string }): T {
  if (!result.ok) throw new Error(result.issue);
  return result.value;
}

describe('token response', () => {
  it('falls back from expires_in to expire_in to 10800 s', () => {
    expect(value(parseTokenResponse({ access_token: 'a', refresh_token: 'r', expires_in: 3600 })).expiresInS).toBe(3600);
    expect(value(parseTokenResponse({ access_token: 'a', refresh_token: 'r', expire_in: 7200 })).expiresInS).toBe(7200);
    expect(value(parseTokenResponse({ access_token: 'a', refresh_token: 'r', expires_in: '5400' })).expiresInS).toBe(5400);
    expect(value(parseTokenResponse({ access_token: 'a', refresh_token: 'r' })).expiresInS).toBe(10_800);
    expect(value(parseTokenResponse({ access_token: 'a', refresh_token: 'r', expires_in: 0 })).expiresInS).toBe(10_800);
  });

  it('accepts scope as an array or a space-separated string', () => {
    expect(value(parseTokenResponse({ access_token: 'a', refresh_token: 'r', scope: ['read_thermostat'] })).scope).toEqual(['read_thermostat']);
    expect(value(parseTokenResponse({ access_token: 'a', refresh_token: 'r', scope: 'read_thermostat write_thermostat' })).scope).toEqual(['read_thermostat', 'write_thermostat']);
  });

  it('rejects an answer without tokens', () => {
    expect(parseTokenResponse({ access_token: 'a' }).ok).toBe(false);
    expect(parseTokenResponse({ access_token: '', refresh_token: 'r' }).ok).toBe(false);
  });
});

describe('envelopes', () => {
  it('success needs a body; write success needs status ok; errors come in two forms', () => {
    expect(parseSuccessEnvelope({ body: { homes: [] } }).ok).toBe(true);
    expect(parseSuccessEnvelope({ status: 'ok' }).ok).toBe(false);
    expect(parseWriteEnvelope({ status: 'ok', time_server: 1 }).ok).toBe(true);
    expect(parseWriteEnvelope({ status: 'failed' }).ok).toBe(false);
    expect(parseErrorEnvelope({ error: { code: 21, message: 'Invalid id' } }).ok).toBe(true);
    expect(parseErrorEnvelope({ error: 'invalid_grant' }).ok).toBe(true);
    expect(parseErrorEnvelope({ status: 'ok' }).ok).toBe(false);
  });
});

describe('homesdata body', () => {
  it('turns numeric room ids into strings and keeps unknown keys', () => {
    const body = value(
      parseHomesDataBody({
        homes: [{ id: 'h', rooms: [{ id: 2746182631, name: 'Salon', extra: 1 }], modules: [{ id: 'm', type: 'NRV', room_id: 2746182631 }], therm_set_point_default_duration: 120 }],
      }),
    );
    const home = body.homes?.[0];
    expect(home?.rooms?.[0]).toEqual({ id: '2746182631', name: 'Salon', extra: 1, type: undefined, module_ids: undefined });
    expect(home?.modules?.[0]?.room_id).toBe('2746182631');
    expect(home?.therm_set_point_default_duration).toBe(120);
  });

  it('drops elements that are not objects and blanks fields of the wrong type instead of failing', () => {
    const body = value(parseHomesDataBody({ homes: [null, 'x', { id: 'h', name: 42, rooms: [null, { id: 'r' }], therm_mode_endtime: null }] }));
    expect(body.homes).toHaveLength(1);
    expect(body.homes?.[0]?.name).toBeUndefined();
    expect(body.homes?.[0]?.rooms).toHaveLength(1);
    expect(body.homes?.[0]?.therm_mode_endtime).toBeNull();
  });
});

describe('homestatus body', () => {
  it('accepts misspellings, bare rooms and errors[]', () => {
    const body = value(
      parseHomeStatusBody({
        home: { id: 'h', rooms: [{ id: 1, reachable: false }, { id: '2', open_windows: true, therm_setpoint_end_time: null }], modules: [{ id: 'm', rf_strenght: 80, wifi_strenght: 60 }] },
        errors: [{ id: 'relay', code: 6 }],
      }),
    );
    expect(body.home?.rooms?.map((r) => r.id)).toEqual(['1', '2']);
    expect(body.home?.rooms?.[1]?.open_windows).toBe(true);
    expect(body.home?.modules?.[0]?.rf_strenght).toBe(80);
    expect(body.errors).toEqual([{ id: 'relay', code: 6 }]);
  });

  it('accepts an empty body', () => {
    expect(value(parseHomeStatusBody({}))).toEqual({ home: undefined, errors: undefined });
  });
});

describe('getroommeasure body', () => {
  it('expands optimize=true segments with step_time', () => {
    const points = value(parseRoomMeasureBody([{ beg_time: 100, step_time: 10, value: [[1], [2]] }, { beg_time: 500, value: [[null]] }]));
    expect(points).toEqual([
      { time: 100, values: [1] },
      { time: 110, values: [2] },
      { time: 500, values: [null] },
    ]);
  });

  it('sorts optimize=false keys by time', () => {
    expect(value(parseRoomMeasureBody({ '20': [2, 3], '10': [1, null] }))).toEqual([
      { time: 10, values: [1, null] },
      { time: 20, values: [2, 3] },
    ]);
  });

  it('rejects a body of another shape', () => {
    expect(parseRoomMeasureBody({ homes: [] }).ok).toBe(false);
  });
});
