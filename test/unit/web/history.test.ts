// The history service: scales and span per period, mapping of getroommeasure rows, the 10-minute
// cache, joining a running fetch, and its own hourly cap.
import { describe, expect, it } from 'vitest';
import type { GetRoomMeasureParams, RoomMeasurePoint } from '../../../src/netatmo/api.js';
import { HistoryLimitError, HistoryService } from '../../../src/web/history.js';

function fakeApi(rows: RoomMeasurePoint[]) {
  const calls: GetRoomMeasureParams[] = [];
  return {
    calls,
    getRoomMeasure: (params: GetRoomMeasureParams) => {
      calls.push(params);
      return Promise.resolve(rows);
    },
  };
}

describe('HistoryService', () => {
  const now = { ms: Date.parse('2025-01-15T12:00:00Z') };
  const toS = now.ms / 1000;

  it('asks for measured and setpoint temperature at 30 min for 24 h and at 3 h for 7 days, and maps rows', async () => {
    const api = fakeApi([
      { time: toS - 1800, values: [20.1, 21] },
      { time: toS - 3600, values: [19.8, null] },
      { time: toS - 5400, values: [null, null] },
    ]);
    const service = new HistoryService({ api, now: () => now.ms });
    const day = await service.get('h', 'r', '24h');
    expect(api.calls[0]).toMatchObject({ homeId: 'h', roomId: 'r', scale: '30min', types: ['temperature', 'sp_temperature'], dateBegin: toS - 86400, dateEnd: toS });
    expect(day.points).toEqual([
      { t: toS - 3600, measured: 19.8, setpoint: null },
      { t: toS - 1800, measured: 20.1, setpoint: 21 },
    ]);
    await service.get('h', 'r', '7d');
    expect(api.calls[1]).toMatchObject({ scale: '3hours', dateBegin: toS - 7 * 86400 });
  });

  it('serves the same room and period from its cache for 10 minutes and joins a running fetch', async () => {
    const api = fakeApi([{ time: toS, values: [20, 20] }]);
    const service = new HistoryService({ api, now: () => now.ms });
    await Promise.all([service.get('h', 'r', '24h'), service.get('h', 'r', '24h')]);
    expect(api.calls).toHaveLength(1);
    now.ms += 9 * 60_000;
    await service.get('h', 'r', '24h');
    expect(api.calls).toHaveLength(1);
    now.ms += 2 * 60_000;
    await service.get('h', 'r', '24h');
    expect(api.calls).toHaveLength(2);
  });

  it('refuses beyond its hourly cap with the time to wait', async () => {
    const api = fakeApi([]);
    const service = new HistoryService({ api, now: () => now.ms, maxFetchesPerHour: 2 });
    await service.get('h', 'a', '24h');
    await service.get('h', 'b', '24h');
    await expect(service.get('h', 'c', '24h')).rejects.toBeInstanceOf(HistoryLimitError);
    await expect(service.get('h', 'c', '24h')).rejects.toThrow(/try again in about 60 min/);
    expect(api.calls).toHaveLength(2);
  });

  it('caps fetches per client (IPv6 by /64) and serves a chart fetched earlier, marked stale, past a cap or a failure', async () => {
    let fail = false;
    const api = {
      calls: 0,
      getRoomMeasure: () => {
        api.calls += 1;
        return fail ? Promise.reject(new Error('Netatmo down')) : Promise.resolve([{ time: toS, values: [20, 21] }]);
      },
    };
    const service = new HistoryService({ api, now: () => now.ms, maxFetchesPerClientPerHour: 2, maxFetchesPerHour: 10 });
    await service.get('h', 'a', '24h', '2001:db8::1');
    await service.get('h', 'b', '24h', '2001:db8::2');
    await expect(service.get('h', 'c', '24h', '2001:db8::3')).rejects.toThrow(/from this device/);
    // Another client still gets its fetches.
    expect((await service.get('h', 'c', '24h', '192.168.1.7')).stale).toBeUndefined();
    now.ms += 11 * 60_000;
    const stale = await service.get('h', 'a', '24h', '2001:db8::1');
    expect(stale).toMatchObject({ stale: true, roomId: 'a' });
    expect(api.calls).toBe(3);
    fail = true;
    expect((await service.get('h', 'c', '24h', '192.168.1.7')).stale).toBe(true);
    await expect(service.get('h', 'd', '24h', '10.0.0.9')).rejects.toThrow('Netatmo down');
  });
});
