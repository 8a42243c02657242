// The one set of hand-made homes and rooms for tests (our model's shapes, not Netatmo's: raw
// Netatmo payloads come from test/fixtures/netatmo/ and ./netatmo-fixtures.ts). A test overrides
// only the fields it is about, so what it relies on is visible where it is used.
import type { Home, Room } from '../../src/model/types.js';

export function room(id: string, overrides: Partial<Room> = {}): Room {
  return {
    id,
    name: `Room ${id}`,
    kind: 'valves',
    reachable: true,
    measuredC: 19.26,
    setpointC: 20,
    setpointMode: 'schedule',
    setpointEndsAt: null,
    heating: true,
    heatingPowerRequest: 40,
    openWindow: false,
    batteryPercent: 76.4,
    signal: 'good',
    modules: [{ id: `m-${id}`, type: 'NRV', reachable: true, batteryState: 'high', batteryPercent: 76, rfStrength: 70 }],
    ...overrides,
  };
}

export function home(id: string, rooms: Room[], overrides: Partial<Home> = {}): Home {
  return {
    id,
    name: `Home ${id}`,
    reachable: true,
    mode: 'schedule',
    modeEndsAt: null,
    schedules: [
      { id: 's1', name: 'Winter', selected: true },
      { id: 's2', name: 'Holidays', selected: false },
    ],
    defaultOverrideMinutes: 180,
    awayTempC: 12,
    frostguardTempC: 7,
    requiresSetState: false,
    timezone: 'Europe/Paris',
    rooms,
    error: null,
    ...overrides,
  };
}
