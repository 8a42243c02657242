// Netatmo payloads for tests and benchmarks: our own fixtures (test/fixtures/netatmo/, same shapes
// as real captures) and a generator for large homes. Real captured payloads are provided by CI at
// ../shared/fixtures/netatmo; only test/conformance/ reads them, and skips when they are absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  RawHomeStatusBody,
  RawHomesDataBody,
  RawStatusModule,
  RawStatusRoom,
  RawTopologyHome,
  RawTopologyModule,
  RawTopologyRoom,
} from '../../src/model/netatmo-raw.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ownFixturesDir = path.join(repoRoot, 'test/fixtures/netatmo');
export const sharedFixturesDir = path.resolve(repoRoot, '../shared/fixtures/netatmo');
export const sharedFixturesPresent = existsSync(sharedFixturesDir);

interface Envelope<T> {
  body: T;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Body of one of our own fixture files, e.g. ownBody<RawHomesDataBody>('homesdata-thermostat-valves.json'). */
export function ownBody<T>(name: string): T {
  return (readJson(path.join(ownFixturesDir, name)) as Envelope<T>).body;
}

/** Body of a real capture, e.g. sharedBody('pyatmo/homesdata.json'). */
export function sharedBody<T>(relative: string): T {
  return (readJson(path.join(sharedFixturesDir, relative)) as Envelope<T>).body;
}

export function homesDataFixture(name: string): RawHomesDataBody {
  return ownBody<RawHomesDataBody>(name);
}

export function homeStatusFixture(name: string): RawHomeStatusBody {
  return ownBody<RawHomeStatusBody>(name);
}

/** The topology home with that id; throws so a typo in a test fails loudly. */
export function topologyHome(body: RawHomesDataBody, id: string): RawTopologyHome {
  const home = body.homes?.find((h) => h.id === id);
  if (!home) throw new Error(`no home ${id} in fixture`);
  return home;
}

export interface GeneratedHome {
  topology: RawTopologyHome;
  status: RawHomeStatusBody;
}

/**
 * A realistic home with `roomCount` heating rooms: every 10th room thermostat-only (NATherm1),
 * every 10th (offset 5) mixed (NATherm1 + valve), the rest one or two valves. `tick` shifts the
 * measured temperatures and demands, so two ticks give two different but same-shaped statuses.
 */
export function generateHome(roomCount: number, tick = 0): GeneratedHome {
  const homeId = 'generated000000000000001';
  const relayId = '70:ee:50:ff:00:00';
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  const rooms: RawTopologyRoom[] = [];
  const modules: RawTopologyModule[] = [{ id: relayId, type: 'NAPlug', name: 'Relay', modules_bridged: [] }];
  const statusRooms: RawStatusRoom[] = [];
  const statusModules: RawStatusModule[] = [{ id: relayId, type: 'NAPlug', rf_strength: 107, wifi_strength: 45 }];
  const batteryStates = ['max', 'full', 'high', 'medium', 'low', 'very_low'];
  const modes = ['schedule', 'home', 'manual', 'max', 'away', 'hg'];

  for (let i = 0; i < roomCount; i++) {
    const roomId = String(1_000_000 + i);
    const types = i % 10 === 0 ? ['NATherm1'] : i % 10 === 5 ? ['NATherm1', 'NRV'] : i % 3 === 0 ? ['NRV', 'NRV'] : ['NRV'];
    const moduleIds = types.map((type, j) => `${type === 'NRV' ? '09:00:00' : '70:ee:50'}:${hex(i)}:${j}`);
    rooms.push({ id: roomId, name: `Room ${String(i).padStart(2, '0')}`, type: 'bedroom', module_ids: moduleIds });
    const hasValve = types.includes('NRV');
    const demand = hasValve ? (i * 7 + tick * 13) % 101 : undefined;
    const mode = modes[i % modes.length] ?? 'schedule';
    statusRooms.push({
      id: roomId,
      reachable: true,
      therm_measured_temperature: 18 + ((i + tick) % 40) / 10,
      therm_setpoint_temperature: 19 + (i % 6) * 0.5,
      therm_setpoint_mode: hasValve && mode === 'max' ? 'manual' : mode,
      therm_setpoint_start_time: 1_767_222_000,
      therm_setpoint_end_time: mode === 'manual' ? 1_767_229_200 : 0,
      anticipating: false,
      ...(demand === undefined ? {} : { heating_power_request: demand, open_window: i % 17 === 0 }),
    });
    types.forEach((type, j) => {
      const id = moduleIds[j] ?? '';
      modules.push({ id, type, name: `${type} ${i}.${j}`, room_id: roomId, bridge: relayId });
      statusModules.push({
        id,
        type,
        reachable: (i + j) % 23 !== 0,
        firmware_revision: 100,
        rf_strength: 50 + ((i * 3 + j) % 45),
        battery_level: 3000,
        battery_state: batteryStates[(i + j) % batteryStates.length] ?? 'full',
        bridge: relayId,
        ...(type === 'NATherm1' ? { boiler_status: (i + tick) % 2 === 0, anticipating: false } : {}),
      } as RawStatusModule);
    });
  }

  const topology: RawTopologyHome = {
    id: homeId,
    name: 'Generated home',
    timezone: 'Europe/Paris',
    therm_mode: 'schedule',
    therm_setpoint_default_duration: 180,
    temperature_control_mode: 'heating',
    rooms,
    modules,
    schedules: [
      { id: 'sched-1', name: 'Week', type: 'therm', selected: true, away_temp: 14, hg_temp: 7 },
      { id: 'sched-2', name: 'Holiday', type: 'therm', away_temp: 12, hg_temp: 7 },
      { id: 'sched-3', name: 'Summer', type: 'cooling', selected: true },
    ],
  };
  return { topology, status: { home: { id: homeId, rooms: statusRooms, modules: statusModules } } };
}
