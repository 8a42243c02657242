// Simulator fidelity for real accounts: several homes, a home without modules (Netatmo answers
// homestatus with no body at all), per-home refusals (codes 21, 13, 9), a room homestatus reports
// but homesdata leaves out, held answers and a clock that can step backwards.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './sim-helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.sim.stop();
  h = undefined;
});

describe('simulator: real accounts', () => {
  it('answers homestatus of a home without modules with status ok and no body', async () => {
    h = await startHarness();
    const empty = h.sim.world.addHome('no-modules', 'Holiday flat');
    const data = await h.api('homesdata');
    const home = data.json.body.homes.find((x: { id: string }) => x.id === empty);
    expect(home.rooms).toHaveLength(1);
    expect(home.rooms[0]).not.toHaveProperty('module_ids');
    expect(home).not.toHaveProperty('modules');

    const status = await h.api('homestatus', { home_id: empty });
    expect(status.status).toBe(200);
    expect(status.json).toEqual({ status: 'ok', time_server: expect.any(Number) });
  });

  it.each([
    [21, 400, 'Invalid id'],
    [13, 403, 'Application does not have the good scope rights'],
    [9, 404, 'Device not found'],
  ] as const)('refuses one home with code %i while the other answers', async (code, httpStatus, message) => {
    h = await startHarness({ scenario: 'multi-home' });
    const [first, second] = h.sim.world.homeIds();
    h.sim.faults.inject({ kind: 'refused', errorCode: code, homeIds: [second!] });
    const refused = await h.api('homestatus', { home_id: second! });
    expect(refused.status).toBe(httpStatus);
    expect(refused.json).toEqual({ error: { code, message } });
    expect((await h.api('homestatus', { home_id: first! })).status).toBe(200);
    expect((await h.api('homesdata')).status).toBe(200);
    expect(h.sim.calls.list({ endpoint: 'homestatus' }).map((c) => c.errorCode ?? null)).toEqual([code, null]);
  });

  it('can leave a room out of homesdata while homestatus still reports it', async () => {
    h = await startHarness();
    const roomId = h.sim.world.homes[0]!.rooms[1]!.id;
    h.sim.world.setRoomInHomesdata(h.homeId, roomId, false);
    const topology = (await h.api('homesdata')).json.body.homes[0];
    expect(topology.rooms.map((r: { id: string }) => r.id)).not.toContain(roomId);
    const status = (await h.api('homestatus', { home_id: h.homeId })).json.body.home;
    expect(status.rooms.map((r: { id: string }) => r.id)).toContain(roomId);
  });

  it('holds answers until released, then answers them normally', async () => {
    h = await startHarness();
    h.sim.faults.inject({ kind: 'hold', endpoints: ['homestatus'], count: 1 });
    let answered = false;
    const pending = h.api('homestatus', { home_id: h.homeId }).then((r) => {
      answered = true;
      return r;
    });
    // The held request is parked on the server; other endpoints still answer.
    expect((await h.api('homesdata')).status).toBe(200);
    await expect.poll(() => h!.sim.faults.heldCount()).toBe(1);
    expect(answered).toBe(false);
    const control = await fetch(`${h.sim.url}/__sim/faults/release`, { method: 'POST' });
    expect(control.status).toBe(204);
    expect((await pending).status).toBe(200);
  });

  it('steps its clock backwards and forwards (API and control route)', async () => {
    h = await startHarness();
    const before = (await h.api('homesdata')).json.time_server as number;
    expect(h.sim.jumpClock(-3_600_000)).toBe((before - 3600) * 1000);
    expect((await h.api('homesdata')).json.time_server).toBe(before - 3600);
    const res = await fetch(`${h.sim.url}/__sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jumpMs: 7_200_000 }) });
    expect(await res.json()).toEqual({ now: (before + 3600) * 1000 });
    const bad = await fetch(`${h.sim.url}/__sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jumpMs: 'soon' }) });
    expect(bad.status).toBe(400);
    // Homestatus still answers after the steps (physics never runs backwards).
    expect((await h.api('homestatus', { home_id: h.homeId })).status).toBe(200);
  });

  it('accepts per-home refusals through the control route and rejects unknown codes', async () => {
    h = await startHarness();
    const post = (body: unknown) => fetch(`${h!.sim.url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ kind: 'refused', errorCode: 13, homeIds: [h.homeId] })).status).toBe(201);
    expect((await post({ kind: 'refused', errorCode: 42 })).status).toBe(400);
    expect((await h.api('homestatus', { home_id: h.homeId })).json.error.code).toBe(13);
  });
});
