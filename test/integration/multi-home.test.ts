// Real accounts hold several homes, and Netatmo answers each on its own terms: a shared or guest
// home is refused (code 21 or 13), a home without any device answers homestatus with no body at
// all, homesdata may lack a room homestatus reports. Each home must succeed or fail by itself,
// homes without heating devices are neither polled nor listed, and an unknown room costs one
// homesdata re-read an hour, not one per poll.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { rigTracker } from './fault-rig.js';

const rigs = rigTracker();
afterEach(() => rigs.stopAll());

interface Account {
  fine: string;
  refused: string;
  empty: string;
}

/** Demo home (fine), the OpenTherm home (refused below) and a home without any module. */
function account(sim: RunningSimulator): Account {
  const [fine, refused] = sim.world.homeIds();
  const empty = sim.world.addHome('no-modules', 'Holiday flat');
  return { fine: fine!, refused: refused!, empty };
}

describe('several homes in one account', () => {
  it.each([21, 13] as const)('a home refused with code %i keeps its place, the others update', async (code) => {
    let homes!: Account;
    const rig = await rigs.start({
      simulator: { scenario: 'multi-home' },
      setup: (sim) => {
        homes = account(sim);
        sim.faults.inject({ kind: 'refused', errorCode: code, homeIds: [homes.refused] });
      },
    });

    const first = await rig.state();
    expect(first.homes.map((h) => h.id).sort()).toEqual([homes.fine, homes.refused].sort());
    const fine = first.homes.find((h) => h.id === homes.fine)!;
    expect(fine.reachable).toBe(true);
    expect(fine.rooms.length).toBeGreaterThan(3);
    expect(fine.rooms.every((r) => r.measuredC !== null)).toBe(true);
    // Never seen: listed from homesdata, unreachable with its own error.
    const refused = first.homes.find((h) => h.id === homes.refused)! as (typeof first.homes)[number] & { error: { kind: string; code: number } | null };
    expect(refused.reachable).toBe(false);
    expect(refused.rooms.map((r) => r.name).sort()).toEqual(['Guest bedroom', 'Lounge', 'Study']);
    expect(refused.error).toMatchObject({ code, kind: code === 21 ? 'bad_request' : 'forbidden' });
    expect(first.netatmo.status).toBe('degraded');
    expect(first.netatmo.stale).toBe(false);

    // The fine home keeps updating, poll after poll; the refused home keeps its place.
    rig.sim.world.setMeasuredTemperature(homes.fine, fine.rooms[0]!.id, 25);
    rig.advance(5 * 60_000);
    await rig.nextPoll();
    const later = await rig.state();
    expect(later.homes.find((h) => h.id === homes.fine)!.rooms.find((r) => r.id === fine.rooms[0]!.id)!.measuredC).toBeGreaterThan(fine.rooms[0]!.measuredC!);
    expect(later.homes.find((h) => h.id === homes.refused)!.reachable).toBe(false);
    expect(later.netatmo.lastSuccessAt).not.toBe(first.netatmo.lastSuccessAt);

    // Netatmo lets the home in again: it comes back by itself, the account is ok.
    rig.sim.faults.clear();
    await rig.tickFor(20 * 60_000, 5_000);
    const back = await rig.state();
    const backHome = back.homes.find((h) => h.id === homes.refused)! as (typeof back.homes)[number] & { error: unknown };
    expect(backHome.reachable).toBe(true);
    expect(backHome.error).toBeNull();
    expect(backHome.rooms.every((r) => r.measuredC !== null)).toBe(true);
    expect(back.netatmo.status).toBe('ok');
  });

  it('a refused home keeps its last values after it was seen', async () => {
    let homes!: Account;
    const rig = await rigs.start({ simulator: { scenario: 'multi-home' }, setup: (sim) => (homes = account(sim)) });
    const before = (await rig.state()).homes.find((h) => h.id === homes.refused)!;
    expect(before.reachable).toBe(true);
    rig.sim.faults.inject({ kind: 'refused', errorCode: 21, homeIds: [homes.refused] });
    await rig.nextPoll();
    const after = (await rig.state()).homes.find((h) => h.id === homes.refused)!;
    expect(after.reachable).toBe(false);
    expect(after.rooms.map((r) => [r.id, r.measuredC, r.setpointC])).toEqual(before.rooms.map((r) => [r.id, r.measuredC, r.setpointC]));
  });

  it('a home without heating devices is neither polled nor listed, until it gets one', async () => {
    let homes!: Account;
    const rig = await rigs.start({ simulator: { scenario: 'multi-home' }, setup: (sim) => (homes = account(sim)) });
    const mark = rig.mark();
    for (let i = 0; i < 5; i++) await rig.nextPoll();
    const state = await rig.state();
    expect(state.homes.map((h) => h.id)).not.toContain(homes.empty);
    expect(state.netatmo.status).toBe('ok');
    const polled = rig.sim.calls.list().slice(mark).filter((c) => c.endpoint === 'homestatus').map((c) => c.params.home_id);
    expect(polled.length).toBe(10);
    expect(polled).not.toContain(homes.empty);

    // A valve is installed there: the hourly homesdata finds it, the home is listed and polled.
    rig.sim.world.addRoom(homes.empty, { name: 'Bedroom', kind: 'valve' });
    await rig.tickFor(61 * 60_000, 10_000);
    const later = await rig.state();
    const added = later.homes.find((h) => h.id === homes.empty);
    expect(added?.rooms.map((r) => r.name)).toEqual(['Bedroom']);
    expect(rig.sim.calls.list().filter((c) => c.endpoint === 'homestatus' && c.params.home_id === homes.empty).length).toBeGreaterThan(0);
  });

  it('a room homesdata lacks re-reads homesdata at most once an hour', async () => {
    let roomId = '';
    // Fixed 60 s polls: 80 polls are 80 minutes.
    const rig = await rigs.start({
      env: { POLL_POLICY: 'fixed' },
      setup: (sim) => {
        roomId = sim.world.homes[0]!.rooms[1]!.id;
        sim.world.setRoomInHomesdata(sim.world.homeIds()[0]!, roomId, false);
      },
    });
    // The first poll read homesdata, met the unknown room and re-read it once.
    expect(rig.callsTo(['homesdata'])).toBe(2);
    const mark = rig.mark();
    for (let i = 0; i < 80; i++) await rig.nextPoll();
    // 80 minutes of polls: only the hourly homesdata, which looks at the unknown room again.
    expect(rig.callsTo(['homesdata'], mark)).toBe(1);
    expect(rig.callsTo(['homestatus'], mark)).toBe(80);
    const state = await rig.state();
    expect(state.homes[0]!.rooms.map((r) => r.id)).not.toContain(roomId);
    expect(state.netatmo.status).toBe('ok');

    // Netatmo lists the room again: the next hourly homesdata picks it up.
    rig.sim.world.setRoomInHomesdata(rig.homeId, roomId, true);
    await rig.tickFor(61 * 60_000, 10_000);
    expect((await rig.state()).homes[0]!.rooms.map((r) => r.id)).toContain(roomId);
  });
});
