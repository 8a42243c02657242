// The poller with the adaptive policy: the back-off rules stay the poller's (Netatmo back-off,
// our own budget deferring, a refused home asked again only after 1, 2, 4 … intervals) however
// often the policy would like to poll, and the status says why the next poll waits.
import { describe, expect, it } from 'vitest';
import type { RawHomeStatusBody, RawHomesDataBody } from '../../../src/model/netatmo-raw.js';
import type { NetatmoApi } from '../../../src/netatmo/api.js';
import { NetatmoError } from '../../../src/netatmo/errors.js';
import { AdaptivePolicy } from '../../../src/polling/adaptive-policy.js';
import { HealthTracker } from '../../../src/sync/health.js';
import { Poller } from '../../../src/sync/poller.js';
import { StateService } from '../../../src/sync/state-service.js';
import { silentLogger } from '../../../src/util/logger.js';

const HOMES = ['aaaaaaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbb'];

class TwoHomes {
  asked: string[] = [];
  refuse = new Set<string>();
  deferAll = false;

  homesData = (): Promise<RawHomesDataBody> =>
    Promise.resolve({
      homes: HOMES.map((id, i) => ({
        id,
        name: `Home ${i}`,
        timezone: 'Europe/Paris',
        rooms: [{ id: `100${i}`, name: 'Room', module_ids: [`70:ee:50:00:00:0${i}`] }],
        modules: [{ id: `70:ee:50:00:00:0${i}`, type: 'NRV', room_id: `100${i}` }],
        schedules: [{ id: 's', name: 'Standard', type: 'therm', selected: true, timetable: [{ zone_id: 0, m_offset: 0 }], zones: [{ id: 0 }] }],
      })),
    });

  homeStatus = (homeId: string): Promise<RawHomeStatusBody> => {
    this.asked.push(homeId);
    if (this.deferAll) return Promise.reject(new NetatmoError({ kind: 'rate_limited', endpoint: 'homestatus', message: 'held back by the local budget', retryAfterS: 120 }));
    if (this.refuse.has(homeId)) return Promise.reject(new NetatmoError({ kind: 'bad_request', code: 21, httpStatus: 400, endpoint: 'homestatus', message: 'Invalid id' }));
    const i = HOMES.indexOf(homeId);
    return Promise.resolve({ home: { id: homeId, rooms: [{ id: `100${i}`, reachable: true, therm_measured_temperature: 20, therm_setpoint_temperature: 19, therm_setpoint_mode: 'schedule' }], modules: [] } });
  };
}

function setup(backoff: { ms: number } = { ms: 0 }) {
  let clock = Date.parse('2026-11-26T18:00:00Z');
  const now = () => clock;
  const api = new TwoHomes();
  const state = new StateService({ revision: 0, homes: [], changedAt: null, now });
  const poller = new Poller({
    api: api as unknown as NetatmoApi,
    state,
    health: new HealthTracker({ staleThresholdS: 600, now }),
    logger: silentLogger(),
    pollIntervalS: 60,
    now,
    scheduler: { effectiveIntervalS: (base) => base, backoffRemainingMs: () => backoff.ms, usage: () => ({ callsLastHour: 0, budgetPerHour: 400 }) },
    policy: new AdaptivePolicy(),
  });
  const tickFor = async (ms: number): Promise<number> => {
    let polls = 0;
    for (let t = 0; t < ms; t += 1000) {
      clock += 1000;
      if (await poller.tick()) polls++;
    }
    return polls;
  };
  return { api, poller, tickFor, advance: (ms: number) => (clock += ms) };
}

describe('poller with the adaptive policy', () => {
  it('polls nothing while Netatmo back-off holds, and says so', async () => {
    const backoff = { ms: 0 };
    const { api, poller, tickFor } = setup(backoff);
    expect(poller.pollStatus()).toMatchObject({ policy: 'adaptive', reason: 'starting', nextPollInS: 0 });
    await poller.tick();
    backoff.ms = 10 * 60_000; // the next poll's answer started a back-off (e.g. a 503)
    await tickFor(60_000);
    const asked = api.asked.length;
    expect(poller.pollStatus()).toMatchObject({ reason: 'back-off' });
    expect(poller.pollStatus().nextPollInS).toBeGreaterThan(8 * 60);
    expect(await tickFor(8 * 60_000)).toBe(0);
    expect(api.asked.length).toBe(asked);
    backoff.ms = 0;
    expect(await tickFor(3 * 60_000)).toBeGreaterThan(0);
  });

  it('a poll our own budget defers waits for it, shown as budget', async () => {
    const { api, poller, tickFor } = setup();
    await poller.tick();
    api.deferAll = true;
    const asked = api.asked.length;
    // Tick until the deferral happens.
    for (let i = 0; i < 120 && api.asked.length === asked; i++) await tickFor(1000);
    expect(poller.pollStatus()).toMatchObject({ reason: 'budget' });
    expect(poller.pollStatus().nextPollInS).toBeGreaterThan(110);
    expect(await tickFor(110_000)).toBe(0);
    expect(api.asked.length).toBe(asked + 1);
  });

  it('a refused home is asked again only after 1, 2, 4 … intervals, however often the others are polled', async () => {
    const { api, tickFor, poller } = setup();
    await poller.tick();
    api.refuse.add(HOMES[1]!);
    await tickFor(15 * 60_000);
    const first = api.asked.filter((h) => h === HOMES[0]).length;
    const refused = api.asked.filter((h) => h === HOMES[1]).length;
    expect(first).toBeGreaterThan(15);
    // Refused at its next round, then after 1, 2, 4, 8 intervals of 60 s: at most 5 asks in 15 minutes.
    expect(refused).toBeLessThanOrEqual(6);
  });

  it('after a command the next poll is a confirmation, and the polls after it come faster', async () => {
    const { poller, tickFor } = setup();
    await poller.tick();
    await tickFor(5 * 60_000);
    const before = poller.pollStatus().currentIntervalS;
    poller.noteActivity(HOMES[0]!);
    poller.pollSoon(3_000);
    expect(poller.pollStatus()).toMatchObject({ reason: 'confirmation' });
    expect(await tickFor(4_000)).toBe(1);
    expect(poller.pollStatus().reason).toBe('after activity');
    expect(poller.pollStatus().currentIntervalS).toBeLessThan(before);
  });
});
