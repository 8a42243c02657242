import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { homesEqual, normaliseHome } from '../../../src/model/index.js';
import type { Home } from '../../../src/model/types.js';
import { generateHome } from '../../helpers/netatmo-fixtures.js';

function generated(tick = 0): Home {
  const { topology, status } = generateHome(50, tick);
  return normaliseHome(topology, status, undefined);
}

describe('homesEqual', () => {
  it('is true for two normalisations of the same payloads (distinct objects)', () => {
    const a = generated();
    const b = generated();
    expect(a).not.toBe(b);
    expect(homesEqual([a], [b])).toBe(true);
  });

  it('is false when a measurement changes', () => {
    expect(homesEqual([generated(0)], [generated(1)])).toBe(false);
  });

  it('is false for different lengths or order', () => {
    const a = generated();
    const other = { ...a, id: 'other' };
    expect(homesEqual([a], [])).toBe(false);
    expect(homesEqual([a, other], [other, a])).toBe(false);
    expect(homesEqual([], [])).toBe(true);
  });

  it('notices a change in every field, at every level (agrees with a structural deep-equal)', () => {
    const base = generated();
    const mutations: ((h: Home) => void)[] = [
      (h) => (h.name = 'x'),
      (h) => (h.reachable = !h.reachable),
      (h) => (h.mode = 'away'),
      (h) => (h.modeEndsAt = '2026-01-01T00:00:00.000Z'),
      (h) => (h.defaultOverrideMinutes = 1),
      (h) => (h.awayTempC = 1),
      (h) => (h.frostguardTempC = 1),
      (h) => (h.requiresSetState = !h.requiresSetState),
      (h) => (h.timezone = null),
      (h) => h.schedules[0] && (h.schedules[0].selected = !h.schedules[0].selected),
      (h) => h.schedules[1] && (h.schedules[1].name = 'x'),
      (h) => h.schedules.pop(),
      (h) => (h.error = { kind: 'forbidden', code: 13, message: 'refused', at: '2026-01-01T00:00:00.000Z' }),
    ];
    const roomFields = ['id', 'name', 'kind', 'reachable', 'measuredC', 'setpointC', 'setpointMode', 'setpointEndsAt', 'heating', 'heatingPowerRequest', 'openWindow', 'batteryPercent', 'signal'] as const;
    for (const field of roomFields) {
      mutations.push((h) => {
        const room = h.rooms[7] as unknown as Record<string, unknown>;
        room[field] = `changed-${field}`;
      });
    }
    const moduleFields = ['id', 'type', 'reachable', 'batteryState', 'batteryPercent', 'rfStrength'] as const;
    for (const field of moduleFields) {
      mutations.push((h) => {
        const module = h.rooms[5]?.modules[1] as unknown as Record<string, unknown>;
        module[field] = `changed-${field}`;
      });
    }
    mutations.push((h) => h.rooms[5]?.modules.pop());
    mutations.push((h) => h.rooms.pop());

    for (const mutate of mutations) {
      const changed = structuredClone(base);
      mutate(changed);
      expect(isDeepStrictEqual(changed, base)).toBe(false);
      expect(homesEqual([changed], [base])).toBe(false);
    }
  });

  it('compares every field of a home error', () => {
    const error = { kind: 'forbidden' as const, code: 13, message: 'refused', at: '2026-01-01T00:00:00.000Z' };
    const base = { ...generated(), error };
    for (const changed of [{ ...error, kind: 'bad_request' as const }, { ...error, code: 21 }, { ...error, message: 'x' }, { ...error, at: '2026-01-02T00:00:00.000Z' }, null]) {
      expect(homesEqual([{ ...base, error: changed }], [base])).toBe(false);
    }
    expect(homesEqual([{ ...base, error: { ...error } }], [base])).toBe(true);
  });

  it('covers every key of the domain objects (a new field must be compared too)', () => {
    const base = generated();
    const room = base.rooms[5];
    expect(Object.keys(base).sort()).toEqual(
      ['awayTempC', 'defaultOverrideMinutes', 'error', 'frostguardTempC', 'id', 'mode', 'modeEndsAt', 'name', 'reachable', 'requiresSetState', 'rooms', 'schedules', 'timezone'].sort(),
    );
    expect(Object.keys(room ?? {}).sort()).toEqual(
      ['batteryPercent', 'heating', 'heatingPowerRequest', 'id', 'kind', 'measuredC', 'modules', 'name', 'openWindow', 'reachable', 'setpointC', 'setpointEndsAt', 'setpointMode', 'signal'].sort(),
    );
    expect(Object.keys(room?.modules[0] ?? {}).sort()).toEqual(['batteryPercent', 'batteryState', 'id', 'reachable', 'rfStrength', 'type']);
  });
});

describe('generated 50-room home', () => {
  it('has 50 heating rooms of all three kinds', () => {
    const home = generated();
    expect(home.rooms).toHaveLength(50);
    expect(new Set(home.rooms.map((r) => r.kind))).toEqual(new Set(['thermostat', 'valves', 'mixed']));
  });
});
