// The per-home record: refusals mark a home at once and back off; other failures are noise until
// they repeat or the home's data is stale; a relay offline is shown but is not a failure.
import { describe, expect, it } from 'vitest';
import type { HealthError, Home } from '../../../src/model/types.js';
import { HomeHealthBook, REFUSED_RETRY_MAX_MS } from '../../../src/sync/home-health.js';
import { home as aHome } from '../../helpers/model-builders.js';

const MIN = 60_000;
const home = (id: string, reachable = true): Home => aHome(id, [], { reachable });
const error = (kind: HealthError['kind'], code: number | null, at: string): HealthError => ({ kind, code, message: `${kind} ${code ?? ''}`, at });

function book() {
  let clock = 0;
  const b = new HomeHealthBook({ now: () => clock, staleThresholdMs: () => 10 * MIN });
  return { b, advance: (ms: number) => (clock += ms) };
}

describe('HomeHealthBook', () => {
  it('marks a refused home at once, keeps the first time, and asks again after 1, 2, 4 … intervals (≤ 15 min)', () => {
    const { b, advance } = book();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      b.recordFailure('h', error('forbidden', 13, `2026-01-01T00:0${i}:00.000Z`), MIN);
      let waited = 0;
      while (!b.mayPoll('h')) {
        advance(MIN);
        waited += MIN;
      }
      waits.push(waited / MIN);
    }
    expect(waits).toEqual([1, 2, 4, 8, REFUSED_RETRY_MAX_MS / MIN, REFUSED_RETRY_MAX_MS / MIN]);
    const shown = b.present(home('h'));
    expect(shown).toMatchObject({ reachable: false, error: { kind: 'forbidden', code: 13, at: '2026-01-01T00:00:00.000Z' } });
    expect(b.failingErrors()).toHaveLength(1);
    b.recordOk('h', false, '2026-01-01T01:00:00.000Z');
    expect(b.present(home('h'))).toMatchObject({ reachable: true, error: null });
    expect(b.failingErrors()).toEqual([]);
  });

  it('counts other failures only when they repeat or the data goes stale', () => {
    const { b } = book();
    b.recordOk('h', false, '2026-01-01T00:00:00.000Z');
    for (let i = 0; i < 2; i++) b.recordFailure('h', error('server', null, '2026-01-01T00:01:00.000Z'), MIN);
    expect(b.mayPoll('h')).toBe(true);
    expect(b.present(home('h')).error).toBeNull();
    b.recordFailure('h', error('server', null, '2026-01-01T00:03:00.000Z'), MIN);
    expect(b.present(home('h'))).toMatchObject({ reachable: false, error: { kind: 'server', at: '2026-01-01T00:01:00.000Z' } });

    const other = book();
    other.b.recordOk('x', false, '2026-01-01T00:00:00.000Z');
    other.advance(11 * MIN);
    other.b.recordFailure('x', error('timeout', null, '2026-01-01T00:11:00.000Z'), MIN);
    expect(other.b.present(home('x')).error?.kind).toBe('timeout');
  });

  it('shows a relay offline on the home without counting it as failing; unknown homes stay as last known', () => {
    const { b } = book();
    b.recordOk('h', true, '2026-01-01T00:00:00.000Z');
    expect(b.present(home('h', false))).toMatchObject({ reachable: false, error: { kind: 'relay_offline', code: 6, at: '2026-01-01T00:00:00.000Z' } });
    expect(b.failingErrors()).toEqual([]);
    const saved = { ...home('never-asked', false), error: error('bad_request', 21, '2025-12-31T00:00:00.000Z') };
    expect(b.present(saved)).toBe(saved);
    b.keepOnly(new Set());
    expect(b.present(home('h', false)).error).toBeNull();
  });
});
