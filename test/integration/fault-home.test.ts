// Fault matrix, home side: the relay goes offline (HTTP 200 with errors code 6), one valve drops
// off the radio, and rooms are added or removed in the Netatmo app while the bridge runs. The
// bridge must show each change without a restart, keep the last known values where Netatmo sends
// none, and not mistake any of it for a Netatmo outage.
import { afterEach, describe, expect, it } from 'vitest';
import { rigTracker } from './fault-rig.js';

const rigs = rigTracker();
afterEach(() => rigs.stopAll());

describe('fault matrix: the home itself', () => {
  it('relay offline (code 6): home unreachable with its last values, connection ok, back when the relay returns', async () => {
    const rig = await rigs.start();
    const before = await rig.state();
    const home = before.homes[0]!;
    rig.sim.faults.inject({ kind: 'relay_offline', count: 2 });

    for (let i = 0; i < 2; i++) expect((await rig.nextPoll()).ok).toBe(true);
    const offline = await rig.state();
    const offHome = offline.homes[0]!;
    expect(offHome.reachable).toBe(false);
    expect(offHome.rooms.map((r) => r.id)).toEqual(home.rooms.map((r) => r.id));
    expect(offHome.rooms.map((r) => [r.measuredC, r.setpointC])).toEqual(home.rooms.map((r) => [r.measuredC, r.setpointC]));
    expect(offHome.rooms.every((r) => !r.reachable)).toBe(true);
    expect(offline.revision).toBeGreaterThan(before.revision);
    // Netatmo itself answered fine: this is the home's problem, not the connection's.
    expect(offline.netatmo).toMatchObject({ status: 'ok', consecutiveFailures: 0 });

    expect((await rig.nextPoll()).ok).toBe(true);
    const back = (await rig.state()).homes[0]!;
    expect(back.reachable).toBe(true);
    expect(back.rooms.every((r) => r.reachable)).toBe(true);
  });

  it('one valve unreachable: only that room is marked, with its last values; it comes back by itself', async () => {
    const rig = await rigs.start();
    const before = (await rig.state()).homes[0]!;
    const valveRoom = before.rooms.find((r) => r.kind === 'valves');
    expect(valveRoom).toBeDefined();
    rig.sim.world.setRoomReachable(rig.homeId, valveRoom!.id, false);

    expect((await rig.nextPoll()).ok).toBe(true);
    const during = await rig.state();
    const home = during.homes[0]!;
    expect(home.reachable).toBe(true);
    const room = home.rooms.find((r) => r.id === valveRoom!.id)!;
    expect(room.reachable).toBe(false);
    expect(room.name).toBe(valveRoom!.name);
    expect(room.setpointC).toBe(valveRoom!.setpointC);
    expect(room.measuredC).not.toBeNull();
    const others = home.rooms.filter((r) => r.id !== valveRoom!.id);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((r) => r.reachable)).toBe(true);
    expect(during.netatmo.status).toBe('ok');

    rig.sim.world.setRoomReachable(rig.homeId, valveRoom!.id, true);
    expect((await rig.nextPoll()).ok).toBe(true);
    expect((await rig.state()).homes[0]!.rooms.find((r) => r.id === valveRoom!.id)?.reachable).toBe(true);
  });

  it('room added in the Netatmo app: appears on the next poll (homesdata re-read once), no restart', async () => {
    const rig = await rigs.start();
    const before = await rig.state();
    const mark = rig.mark();
    const newId = rig.sim.world.addRoom(rig.homeId, { name: 'Attic', kind: 'valve' });

    expect((await rig.nextPoll()).ok).toBe(true);
    const after = await rig.state();
    const added = after.homes[0]!.rooms.find((r) => r.id === newId);
    expect(added).toMatchObject({ name: 'Attic', kind: 'valves', reachable: true });
    expect(after.homes[0]!.rooms).toHaveLength(before.homes[0]!.rooms.length + 1);
    expect(after.revision).toBeGreaterThan(before.revision);
    // homestatus showed an unknown room → exactly one extra homesdata, not one per poll.
    expect(rig.callsTo(['homesdata'], mark)).toBe(1);
    expect((await rig.nextPoll()).ok).toBe(true);
    expect(rig.callsTo(['homesdata'], mark)).toBe(1);
  });

  it('room removed in the Netatmo app: gone by the next topology read (≤ 1 h), without a restart', async () => {
    const rig = await rigs.start();
    const before = (await rig.state()).homes[0]!;
    const victim = before.rooms.find((r) => r.kind === 'valves')!;
    rig.sim.world.removeRoom(rig.homeId, victim.id);

    let gone = false;
    const removedAt = rig.now();
    while (rig.now() - removedAt < 65 * 60_000 && !gone) {
      expect((await rig.nextPoll()).ok).toBe(true);
      gone = !rig.ctx.state.homes[0]!.rooms.some((r) => r.id === victim.id);
    }
    expect(gone).toBe(true);
    expect(rig.now() - removedAt).toBeLessThanOrEqual(61 * 60_000);
    const after = await rig.state();
    expect(after.homes[0]!.rooms.map((r) => r.id)).toEqual(before.rooms.filter((r) => r.id !== victim.id).map((r) => r.id));
    expect(after.netatmo.status).toBe('ok');
  });
});
