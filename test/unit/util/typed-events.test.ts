import { describe, expect, it } from 'vitest';
import { TypedEvents } from '../../../src/util/typed-events.js';

type Events = { tick: [number]; done: [] };

describe('TypedEvents', () => {
  it('removeAll(owner) unsubscribes every listener of that owner and no other', () => {
    const events = new TypedEvents<Events>();
    const feature = {};
    const other = {};
    const seen: string[] = [];
    events.on('tick', (n) => seen.push(`feature tick ${n}`), feature);
    events.on('done', () => seen.push('feature done'), feature);
    events.on('tick', (n) => seen.push(`other tick ${n}`), other);
    events.on('tick', (n) => seen.push(`unowned tick ${n}`));
    events.emit('tick', 1);
    events.removeAll(feature);
    events.emit('tick', 2);
    events.emit('done');
    expect(seen).toEqual(['feature tick 1', 'other tick 1', 'unowned tick 1', 'other tick 2', 'unowned tick 2']);
    expect(events.listenerCount('tick')).toBe(2);
    expect(events.listenerCount('done')).toBe(0);
  });

  it('removeAll of an owner that registered nothing (or twice) changes nothing', () => {
    const events = new TypedEvents<Events>();
    const owner = {};
    events.on('tick', () => undefined, owner);
    events.removeAll({});
    expect(events.listenerCount('tick')).toBe(1);
    events.removeAll(owner);
    events.removeAll(owner);
    expect(events.listenerCount('tick')).toBe(0);
  });

  it('an owned listener removed by its own off is not removed twice, and the owner can subscribe again', () => {
    const events = new TypedEvents<Events>();
    const owner = {};
    const seen: number[] = [];
    const off = events.on('tick', (n) => seen.push(n), owner);
    off();
    events.on('tick', (n) => seen.push(n * 10), owner);
    events.emit('tick', 1);
    events.removeAll(owner);
    events.emit('tick', 2);
    expect(seen).toEqual([10]);
  });

  it('a listener that throws is reported and does not stop the others', () => {
    const errors: string[] = [];
    const events = new TypedEvents<Events>((event) => errors.push(event));
    const seen: number[] = [];
    events.on('tick', () => {
      throw new Error('bad listener');
    });
    events.on('tick', (n) => seen.push(n));
    events.emit('tick', 3);
    expect(errors).toEqual(['tick']);
    expect(seen).toEqual([3]);
  });
});
