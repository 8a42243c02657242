// The simulated account: the demo home (relay, thermostat room, valve rooms, a weather-station
// room that is not a heating room); multi-home adds an OpenTherm home that needs setstate;
// smarther adds a home like pyatmo's capture: a relay with a Smart Thermostat room and a valve
// room beside a BTicino Smarther (BNS) room, so room writes take both paths in one home.
// Every id comes from the seeded random source in a fixed order, so ids are stable per seed.
import { STEP_MS } from './physics.js';
import type { Random } from './random.js';
import { randomHex, randomInt, randomMac, randomRoomId } from './random.js';
import type { SimHome, SimModule, SimModuleType, SimRoom, SimSchedule, SimZone } from './world-types.js';

export type Scenario = 'demo' | 'multi-home' | 'smarther';

interface RoomPlan {
  name: string;
  type: string;
  devices: { type: SimModuleType; name: string }[];
  /** Comfort / night / eco temperatures; undefined for a non-heating room. */
  temps?: [number, number, number];
}

const DAY = 1440;
const COMFORT = 0;
const NIGHT = 1;
const ECO = 4;

/** Weekday: night, comfort 06:30, eco 08:30, comfort 17:30, night 22:30; weekend later and simpler. */
function standardTimetable(): { zoneId: number; mOffset: number }[] {
  const out: { zoneId: number; mOffset: number }[] = [];
  for (let day = 0; day < 7; day++) {
    const base = day * DAY;
    if (day < 5) {
      out.push({ zoneId: NIGHT, mOffset: base }, { zoneId: COMFORT, mOffset: base + 390 }, { zoneId: ECO, mOffset: base + 510 });
      out.push({ zoneId: COMFORT, mOffset: base + 1050 }, { zoneId: NIGHT, mOffset: base + 1350 });
    } else {
      out.push({ zoneId: NIGHT, mOffset: base }, { zoneId: COMFORT, mOffset: base + 480 }, { zoneId: NIGHT, mOffset: base + 1380 });
    }
  }
  return out;
}

/** Working from home: comfort all day, every day. */
function workFromHomeTimetable(): { zoneId: number; mOffset: number }[] {
  const out: { zoneId: number; mOffset: number }[] = [];
  for (let day = 0; day < 7; day++) {
    const base = day * DAY;
    out.push({ zoneId: NIGHT, mOffset: base }, { zoneId: COMFORT, mOffset: base + 420 }, { zoneId: NIGHT, mOffset: base + 1350 });
  }
  return out;
}

function zones(rooms: SimRoom[], plans: RoomPlan[], comfortBonus: number): SimZone[] {
  const heated = rooms.map((room, i) => ({ room, temps: plans[i]?.temps })).filter((r) => r.temps);
  const temp = (index: 0 | 1 | 2) => heated.map(({ room, temps }) => ({ id: room.id, temp: (temps?.[index] ?? 17) + (index === 0 ? comfortBonus : 0) }));
  return [
    { id: COMFORT, name: 'Comfort', type: 0, rooms: temp(0) },
    { id: NIGHT, name: 'Night', type: 1, rooms: temp(1) },
    { id: ECO, name: 'Eco', type: 5, rooms: temp(2) },
  ];
}

function buildHome(random: Random, nowMs: number, name: string, gateway: SimModuleType, plans: RoomPlan[], scheduleNames: string[]): SimHome {
  const nowS = Math.floor(nowMs / 1000);
  // The order of the random draws fixes every id of a seed: home, gateway, rooms, schedules.
  const homeId = randomHex(random, 24);
  const setupDate = nowS - randomInt(random, 200, 900) * 86_400;
  const gatewayModule = buildGateway(random, gateway, setupDate);
  const modules: SimModule[] = [gatewayModule];
  const gridMs = Math.floor(nowMs / STEP_MS) * STEP_MS;
  const rooms = plans.map((plan) => buildRoom(random, plan, { gridMs, setupDate, gatewayId: gatewayModule.id, modules }));
  return {
    id: homeId,
    name,
    timezone: 'Europe/Paris',
    country: 'FR',
    altitude: 35,
    coordinates: [2.35, 48.85],
    thermMode: 'schedule',
    thermModeStartS: setupDate,
    thermModeEndS: 0,
    defaultDurationMin: 180,
    rooms,
    modules,
    schedules: buildSchedules(random, rooms, plans, scheduleNames),
    relayOnline: true,
    createdMs: nowMs,
  };
}

function buildGateway(random: Random, gateway: SimModuleType, setupDate: number): SimModule {
  return {
    id: randomMac(random),
    type: gateway,
    name: gateway === 'NAPlug' ? 'Relay' : 'OpenTherm relay',
    setupDate,
    firmware: gateway === 'NAPlug' ? 251 : 22,
    rfStrength: gateway === 'NAPlug' ? randomInt(random, 95, 110) : undefined,
    wifiStrength: randomInt(random, 35, 60),
    reachable: true,
  };
}

/** A room and its devices; the devices are added to `at.modules`. */
function buildRoom(random: Random, plan: RoomPlan, at: { gridMs: number; setupDate: number; gatewayId: string; modules: SimModule[] }): SimRoom {
  const room: SimRoom = {
    id: randomRoomId(random),
    name: plan.name,
    type: plan.type,
    moduleIds: [],
    reachable: true,
    openWindow: false,
    gridMs: at.gridMs,
    gridTemp: 18.5 + randomInt(random, 0, 25) / 10,
    history: [],
  };
  for (const device of plan.devices) {
    const module = buildModule(random, device.type, device.name, at.setupDate, at.gatewayId);
    module.roomId = room.id;
    room.moduleIds.push(module.id);
    at.modules.push(module);
  }
  return room;
}

function buildSchedules(random: Random, rooms: SimRoom[], plans: RoomPlan[], scheduleNames: string[]): SimSchedule[] {
  return scheduleNames.map((scheduleName, index) => ({
    id: randomHex(random, 24),
    name: scheduleName,
    type: 'therm',
    default: index === 0,
    selected: index === 0,
    awayTemp: 14,
    hgTemp: 7,
    zones: zones(rooms, plans, index === 0 ? 0 : 0.5),
    timetable: index === 0 ? standardTimetable() : workFromHomeTimetable(),
  }));
}

export function buildModule(random: Random, type: SimModuleType, name: string, setupDate: number, bridge: string): SimModule {
  const module: SimModule = { id: randomMac(random), type, name, setupDate, bridge, firmware: 79, reachable: true };
  switch (type) {
    case 'NRV':
      return { ...module, firmware: 102, rfStrength: randomInt(random, 55, 85), batteryMvAtStart: randomInt(random, 2950, 3100), batteryDrainMvPerDay: 1.5 };
    case 'NATherm1':
    case 'OTM':
      return { ...module, firmware: type === 'OTM' ? 6 : 65, rfStrength: randomInt(random, 55, 75), batteryMvAtStart: randomInt(random, 3900, 4150), batteryDrainMvPerDay: 2 };
    case 'NAMain':
      // The weather station is wired and on Wi-Fi; it is not bridged by the heating relay.
      return { ...module, firmware: 300, bridge: undefined, wifiStrength: randomInt(random, 40, 60) };
    case 'NAModule1':
      return { ...module, firmware: 53, rfStrength: randomInt(random, 60, 80), batteryMvAtStart: randomInt(random, 5000, 5600), batteryDrainMvPerDay: 1 };
    case 'BNS':
      // Wi-Fi and mains powered: no relay in between, no battery.
      return { ...module, firmware: 32, bridge: undefined, wifiStrength: randomInt(random, 40, 60) };
    case 'NAPlug':
    case 'OTH':
      return module;
  }
}

const DEMO_ROOMS: RoomPlan[] = [
  { name: 'Living room', type: 'livingroom', devices: [{ type: 'NATherm1', name: 'Thermostat' }], temps: [21, 17, 18] },
  { name: 'Bedroom', type: 'bedroom', devices: [{ type: 'NRV', name: 'Valve Bedroom' }], temps: [19, 16.5, 17] },
  { name: 'Kitchen', type: 'kitchen', devices: [{ type: 'NRV', name: 'Valve Kitchen' }], temps: [20, 16, 17] },
  {
    name: 'Office',
    type: 'custom',
    devices: [
      { type: 'NRV', name: 'Valve Office window' },
      { type: 'NRV', name: 'Valve Office door' },
    ],
    temps: [20.5, 16, 17],
  },
  { name: 'Bathroom', type: 'bathroom', devices: [{ type: 'NRV', name: 'Valve Bathroom' }], temps: [22, 18, 19] },
  // Not a heating room: proves the bridge filters rooms by device type.
  { name: 'Hallway', type: 'lobby', devices: [{ type: 'NAMain', name: 'Weather station' }] },
];

const OPENTHERM_ROOMS: RoomPlan[] = [
  { name: 'Lounge', type: 'livingroom', devices: [{ type: 'OTM', name: 'OpenTherm thermostat' }], temps: [20.5, 17, 18] },
  { name: 'Guest bedroom', type: 'bedroom', devices: [{ type: 'NRV', name: 'Valve Guest bedroom' }], temps: [19, 16, 16.5] },
  { name: 'Study', type: 'custom', devices: [{ type: 'NRV', name: 'Valve Study' }], temps: [20, 16, 17] },
];

const SMARTHER_ROOMS: RoomPlan[] = [
  { name: 'Corridor', type: 'lobby', devices: [{ type: 'BNS', name: 'Smarther' }], temps: [20, 17, 18] },
  { name: 'Living room', type: 'livingroom', devices: [{ type: 'NATherm1', name: 'Thermostat' }], temps: [21, 17, 18] },
  { name: 'Bedroom', type: 'bedroom', devices: [{ type: 'NRV', name: 'Valve Bedroom' }], temps: [19, 16, 17] },
];

export function seedHomes(random: Random, nowMs: number, scenario: Scenario): SimHome[] {
  const homes = [buildHome(random, nowMs, 'Simulated home', 'NAPlug', DEMO_ROOMS, ['Standard', 'Work from home'])];
  const demo = homes[0];
  const station = demo?.modules.find((m) => m.type === 'NAMain');
  if (demo && station) {
    // The outdoor module belongs to no room, like real weather-station modules.
    demo.modules.push({ ...buildModule(random, 'NAModule1', 'Outdoor module', station.setupDate, station.id), roomId: undefined });
  }
  if (scenario === 'multi-home') {
    homes.push(buildHome(random, nowMs, 'Simulated OpenTherm home', 'OTH', OPENTHERM_ROOMS, ['Standard', 'Holidays']));
  }
  if (scenario === 'smarther') {
    homes.push(buildHome(random, nowMs, 'Simulated Smarther home', 'NAPlug', SMARTHER_ROOMS, ['Standard']));
  }
  return homes;
}

/** Layouts a test can add to the account: another heating home, an OpenTherm home, or a home
 *  without any module (a room, no devices: homestatus then answers without a body). */
export type ExtraHomeLayout = 'heating' | 'opentherm' | 'no-modules';

export function buildExtraHome(random: Random, nowMs: number, layout: ExtraHomeLayout, name: string): SimHome {
  if (layout === 'opentherm') return buildHome(random, nowMs, name, 'OTH', OPENTHERM_ROOMS, ['Standard', 'Holidays']);
  if (layout === 'heating') return buildHome(random, nowMs, name, 'NAPlug', DEMO_ROOMS.slice(0, 3), ['Standard']);
  const home = buildHome(random, nowMs, name, 'NAPlug', [{ name: 'Living room', type: 'livingroom', devices: [] }], ['Week']);
  home.modules = [];
  return home;
}
