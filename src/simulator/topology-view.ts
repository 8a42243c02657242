// /api/homesdata body, shaped like the real captures (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads).
import type { SimHome, SimModule, SimRoom, SimSchedule } from './world-types.js';

export const SIM_USER_ID = '5f0c0de0c0ffee0000516d75';

function moduleTopology(home: SimHome, module: SimModule): Record<string, unknown> {
  const out: Record<string, unknown> = { id: module.id, type: module.type, name: module.name, setup_date: module.setupDate };
  if (module.roomId !== undefined) out.room_id = module.roomId;
  if (module.bridge) out.bridge = module.bridge;
  const bridged = home.modules.filter((m) => m.bridge === module.id).map((m) => m.id);
  if (bridged.length > 0) out.modules_bridged = bridged;
  return out;
}

function roomTopology(room: SimRoom): Record<string, unknown> {
  const out: Record<string, unknown> = { id: room.id, name: room.name, type: room.type };
  // A room without modules has no module_ids key (pyatmo homesdata_emtpy_home.json).
  if (room.moduleIds.length > 0) out.module_ids = [...room.moduleIds];
  return out;
}

function scheduleTopology(schedule: SimSchedule): Record<string, unknown> {
  return {
    timetable: schedule.timetable.map((t) => ({ zone_id: t.zoneId, m_offset: t.mOffset })),
    zones: schedule.zones.map((zone) => ({
      name: zone.name,
      id: zone.id,
      type: zone.type,
      rooms_temp: zone.rooms.map((r) => ({ room_id: r.id, temp: r.temp })),
      modules: [],
      rooms: zone.rooms.map((r) => ({ id: r.id, therm_setpoint_temperature: r.temp })),
    })),
    name: schedule.name,
    default: schedule.default,
    away_temp: schedule.awayTemp,
    hg_temp: schedule.hgTemp,
    id: schedule.id,
    selected: schedule.selected,
    type: schedule.type,
  };
}

export function homeTopology(home: SimHome): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: home.id,
    name: home.name,
    altitude: home.altitude,
    coordinates: home.coordinates,
    country: home.country,
    timezone: home.timezone,
    rooms: home.rooms.filter((room) => room.inHomesdata !== false).map(roomTopology),
    modules: home.modules.map((m) => moduleTopology(home, m)),
    temperature_control_mode: 'heating',
    therm_mode: home.thermMode,
    therm_setpoint_default_duration: home.defaultDurationMin,
    schedules: home.schedules.map(scheduleTopology),
  };
  if (home.thermMode !== 'schedule' && home.thermModeEndS !== 0) out.therm_mode_endtime = home.thermModeEndS;
  // A home without any module has no modules key at all (pyatmo homesdata_emtpy_home.json).
  if (home.modules.length === 0) delete out.modules;
  return out;
}

export function homesDataBody(homes: SimHome[]): Record<string, unknown> {
  return {
    homes: homes.map(homeTopology),
    user: {
      email: 'demo-user@simulated.invalid',
      language: 'en-US',
      locale: 'en-US',
      feel_like_algorithm: 0,
      unit_pressure: 0,
      unit_system: 0,
      unit_wind: 0,
      id: SIM_USER_ID,
    },
  };
}
