// The pending overlay: a poll that does not show a written value yet re-applies it; a poll that
// shows it (or 30 s) ends it; a newer write supersedes an older one.
import { describe, expect, it } from 'vitest';
import type { Home, Room } from '../../../src/model/types.js';
import { PENDING_MS, PendingOverlay } from '../../../src/sync/optimistic.js';
import { home as aHome, room as aRoom } from '../../helpers/model-builders.js';

const room = (id: string, setpointC: number, setpointMode: Room['setpointMode'] = 'schedule'): Room => aRoom(id, { setpointC, setpointMode });
const home = (rooms: Room[], mode: Home['mode'] = 'schedule'): Home => aHome('h1', rooms, { mode });

describe('PendingOverlay', () => {
  it('re-applies an unconfirmed value, drops it once a poll shows it', () => {
    let now = 0;
    const overlay = new PendingOverlay(() => now);
    overlay.add('h1', { rooms: { a: { setpointC: 22, setpointMode: 'manual' } } });
    const stale = [home([room('a', 19), room('b', 18)])];
    const shown = overlay.apply(stale);
    expect(shown[0]!.rooms[0]).toMatchObject({ setpointC: 22, setpointMode: 'manual' });
    expect(shown[0]!.rooms[1]).toBe(stale[0]!.rooms[1]);
    expect(overlay.count()).toBe(1);

    now += 3000;
    const confirmed = [home([room('a', 22, 'manual'), room('b', 18)])];
    expect(overlay.apply(confirmed)).toEqual(confirmed);
    expect(overlay.count()).toBe(0);
    // afterwards a poll's own values win
    expect(overlay.apply(stale)).toBe(stale);
  });

  it('lets the poll win after 30 s', () => {
    let now = 0;
    const overlay = new PendingOverlay(() => now);
    overlay.add('h1', { mode: 'away' });
    const polled = [home([room('a', 19)], 'schedule')];
    expect(overlay.apply(polled)[0]!.mode).toBe('away');
    now += PENDING_MS;
    expect(overlay.apply(polled)[0]!.mode).toBe('schedule');
  });

  it('a newer write on the same room supersedes the older one', () => {
    const overlay = new PendingOverlay(() => 0);
    overlay.add('h1', { rooms: { a: { setpointC: 20, setpointMode: 'manual' } } });
    overlay.add('h1', { rooms: { a: { setpointC: 21, setpointMode: 'manual' } } });
    expect(overlay.count()).toBe(1);
    // the poll shows the newest value: nothing older comes back
    const polled = [home([room('a', 21, 'manual')])];
    expect(overlay.apply(polled)).toEqual(polled);
    expect(overlay.count()).toBe(0);
  });
});
