// The simulated account's live state. Time only moves when someone looks: every request calls
// catchUp(), which runs the physics on a fixed 5-minute grid up to the clock's "now".
import {
  AMBIENT_C,
  STEP_MS,
  demandsHeat,
  effectiveSetpoint,
  heatingPowerRequest,
  isHeatingRoom,
  isThermostatRoom,
  isValveRoom,
  round1,
  stepTemperature,
} from './physics.js';
import type { Random } from './random.js';
import { hashUnit, randomRoomId } from './random.js';
import type { SimClock } from './sim-clock.js';
import { buildExtraHome, buildModule, seedHomes, type ExtraHomeLayout, type Scenario } from './seed-homes.js';
import type { SimHome, SimRoom, SimRoomMode } from './world-types.js';

/** Keep 14 days of 5-minute samples per room for getroommeasure. */
const HISTORY_MS = 14 * 86_400_000;
const HISTORY_MAX = HISTORY_MS / STEP_MS;

export interface RoomSnapshot {
  homeId: string;
  id: string;
  name: string;
  kind: 'thermostat' | 'valve' | 'other';
  reachable: boolean;
  openWindow: boolean;
  measuredTemperature: number;
  setpointTemperature: number;
  setpointMode: SimRoomMode;
  setpointStartTime: number;
  setpointEndTime: number;
  heatingPowerRequest: number;
  demandsHeat: boolean;
  moduleIds: string[];
}

export interface AddRoomOptions {
  name: string;
  kind?: 'thermostat' | 'valve';
  /** Number of valves for a valve room (default 1). */
  valves?: number;
  type?: string;
  /** Schedule temperatures comfort / night / eco (default 20 / 16 / 17). */
  temps?: [number, number, number];
}

export class SimWorld {
  readonly homes: SimHome[];

  constructor(
    private readonly clock: SimClock,
    private readonly seed: number,
    private readonly random: Random,
    scenario: Scenario,
  ) {
    this.homes = seedHomes(random, clock.nowMs(), scenario);
  }

  now(): number {
    return this.clock.nowMs();
  }

  /** Moves simulated time forward (on top of the injected clock). */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  homeIds(): string[] {
    return this.homes.map((h) => h.id);
  }

  findHome(homeId: string): SimHome | undefined {
    return this.homes.find((h) => h.id === homeId);
  }

  home(homeId: string): SimHome {
    const home = this.findHome(homeId);
    if (!home) throw new Error(`unknown simulated home ${homeId}`);
    return home;
  }

  private rawRoom(homeId: string, roomId: string): SimRoom {
    const room = this.home(homeId).rooms.find((r) => r.id === roomId);
    if (!room) throw new Error(`unknown simulated room ${roomId} in home ${homeId}`);
    return room;
  }

  /** Catch physics and expiries up to now. Called at the start of every request. */
  catchUp(nowMs = this.clock.nowMs()): void {
    const nowS = Math.floor(nowMs / 1000);
    const gridTarget = Math.floor(nowMs / STEP_MS) * STEP_MS;
    for (const home of this.homes) {
      for (const room of home.rooms) this.runPhysics(home, room, gridTarget);
      for (const room of home.rooms) {
        if (room.override && room.override.endS !== 0 && room.override.endS <= nowS) room.override = undefined;
      }
      if (home.thermMode !== 'schedule' && home.thermModeEndS !== 0 && home.thermModeEndS <= nowS) {
        home.thermMode = 'schedule';
        home.thermModeStartS = home.thermModeEndS;
        home.thermModeEndS = 0;
      }
    }
  }

  private runPhysics(home: SimHome, room: SimRoom, gridTarget: number): void {
    if (gridTarget - room.gridMs > HISTORY_MS) room.gridMs = gridTarget - HISTORY_MS;
    const heated = isHeatingRoom(home, room);
    while (room.gridMs < gridTarget) {
      const setpoint = heated ? effectiveSetpoint(home, room, room.gridMs).temp : AMBIENT_C + 4;
      room.gridTemp = stepTemperature(room.gridTemp, setpoint, STEP_MS, room.openWindow);
      room.gridMs += STEP_MS;
      room.history.push({ t: room.gridMs, temp: round1(room.gridTemp), setpoint });
    }
    if (room.history.length > HISTORY_MAX * 1.1) room.history.splice(0, room.history.length - HISTORY_MAX);
  }

  /** Temperature at now: the last grid point plus a partial step, plus seeded sensor noise. */
  measured(home: SimHome, room: SimRoom, nowMs: number): number {
    const setpoint = effectiveSetpoint(home, room, nowMs).temp;
    const partial = stepTemperature(room.gridTemp, setpoint, Math.max(0, nowMs - room.gridMs), room.openWindow);
    const noise = (hashUnit(this.seed, room.id, Math.floor(nowMs / STEP_MS)) - 0.5) * 0.2;
    return round1(partial + noise);
  }

  roomSnapshot(home: SimHome, room: SimRoom, nowMs: number): RoomSnapshot {
    const sp = effectiveSetpoint(home, room, nowMs);
    const measured = this.measured(home, room, nowMs);
    const kind = isThermostatRoom(home, room) ? 'thermostat' : isValveRoom(home, room) ? 'valve' : 'other';
    return {
      homeId: home.id,
      id: room.id,
      name: room.name,
      kind,
      reachable: room.reachable,
      openWindow: room.openWindow,
      measuredTemperature: measured,
      setpointTemperature: sp.temp,
      setpointMode: sp.mode,
      setpointStartTime: sp.startS,
      setpointEndTime: sp.endS,
      heatingPowerRequest: heatingPowerRequest(room.gridTemp, sp.temp, room.openWindow),
      demandsHeat: kind !== 'other' && demandsHeat(room.gridTemp, sp.temp, room.openWindow),
      moduleIds: [...room.moduleIds],
    };
  }

  /** A read-only view of one room at the current simulated time. */
  room(homeId: string, roomId: string): RoomSnapshot {
    this.catchUp();
    return this.roomSnapshot(this.home(homeId), this.rawRoom(homeId, roomId), this.clock.nowMs());
  }

  rooms(homeId: string): RoomSnapshot[] {
    this.catchUp();
    const home = this.home(homeId);
    return home.rooms.map((r) => this.roomSnapshot(home, r, this.clock.nowMs()));
  }

  addRoom(homeId: string, options: AddRoomOptions): string {
    this.catchUp();
    const home = this.home(homeId);
    const gateway = home.modules.find((m) => m.type === 'NAPlug' || m.type === 'OTH');
    const nowMs = this.clock.nowMs();
    const room: SimRoom = {
      id: randomRoomId(this.random),
      name: options.name,
      type: options.type ?? 'custom',
      moduleIds: [],
      reachable: true,
      openWindow: false,
      gridMs: Math.floor(nowMs / STEP_MS) * STEP_MS,
      gridTemp: 18,
      history: [],
    };
    const kind = options.kind ?? 'valve';
    const count = kind === 'thermostat' ? 1 : Math.max(1, options.valves ?? 1);
    for (let i = 0; i < count; i++) {
      const type = kind === 'thermostat' ? 'NATherm1' : 'NRV';
      const module = buildModule(this.random, type, `${options.name} ${type === 'NRV' ? 'valve' : 'thermostat'}`, Math.floor(nowMs / 1000), gateway?.id ?? '');
      module.roomId = room.id;
      room.moduleIds.push(module.id);
      home.modules.push(module);
    }
    home.rooms.push(room);
    const [comfort, night, eco] = options.temps ?? [20, 16, 17];
    for (const schedule of home.schedules) {
      for (const zone of schedule.zones) {
        const temp = zone.type === 0 ? comfort : zone.type === 1 ? night : eco;
        zone.rooms.push({ id: room.id, temp });
      }
    }
    return room.id;
  }

  /** Adds a home to the account (multi-home tests); returns its id. */
  addHome(layout: ExtraHomeLayout, name: string): string {
    const home = buildExtraHome(this.random, this.clock.nowMs(), layout, name);
    this.homes.push(home);
    return home.id;
  }

  /** false: homestatus keeps reporting the room while homesdata leaves it out. */
  setRoomInHomesdata(homeId: string, roomId: string, listed: boolean): void {
    this.rawRoom(homeId, roomId).inHomesdata = listed;
  }

  removeRoom(homeId: string, roomId: string): void {
    const home = this.home(homeId);
    const room = this.rawRoom(homeId, roomId);
    home.rooms = home.rooms.filter((r) => r !== room);
    home.modules = home.modules.filter((m) => !room.moduleIds.includes(m.id));
    for (const schedule of home.schedules) {
      for (const zone of schedule.zones) zone.rooms = zone.rooms.filter((r) => r.id !== roomId);
    }
  }

  /** An unreachable room shrinks to {id, reachable:false} in homestatus; its modules go offline. */
  setRoomReachable(homeId: string, roomId: string, reachable: boolean): void {
    const home = this.home(homeId);
    const room = this.rawRoom(homeId, roomId);
    room.reachable = reachable;
    for (const module of home.modules) if (room.moduleIds.includes(module.id)) module.reachable = reachable;
  }

  /** Relay offline: homestatus answers 200 with errors[{code:6,id:relay}] and a bare home. */
  setRelayOnline(homeId: string, online: boolean): void {
    this.home(homeId).relayOnline = online;
  }

  setOpenWindow(homeId: string, roomId: string, open: boolean): void {
    this.catchUp();
    this.rawRoom(homeId, roomId).openWindow = open;
  }

  /** Force a room's temperature (e.g. to create a heat demand in a test). */
  setMeasuredTemperature(homeId: string, roomId: string, celsius: number): void {
    this.catchUp();
    this.rawRoom(homeId, roomId).gridTemp = celsius;
  }

  /** Set a module's battery as if it were this many millivolts right now. */
  setBatteryMv(homeId: string, moduleId: string, mv: number): void {
    const home = this.home(homeId);
    const module = home.modules.find((m) => m.id === moduleId);
    if (!module) throw new Error(`unknown simulated module ${moduleId}`);
    const days = Math.max(0, this.clock.nowMs() - home.createdMs) / 86_400_000;
    module.batteryMvAtStart = mv + (module.batteryDrainMvPerDay ?? 0) * days;
  }

  /** Plain JSON for GET /__sim/state (e2e tests in other languages). */
  snapshot(): unknown {
    this.catchUp();
    return {
      now: this.clock.nowMs(),
      homes: this.homes.map((home) => ({
        id: home.id,
        name: home.name,
        thermMode: home.thermMode,
        thermModeEndTime: home.thermModeEndS,
        relayOnline: home.relayOnline,
        selectedScheduleId: home.schedules.find((s) => s.selected)?.id,
        schedules: home.schedules.map((s) => ({ id: s.id, name: s.name, selected: s.selected })),
        rooms: home.rooms.map((room) => this.roomSnapshot(home, room, this.clock.nowMs())),
      })),
    };
  }
}
