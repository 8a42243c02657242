// Shapes of Netatmo response bodies as the model reads them. Deliberately loose: real payloads
// drop fields, misspell them (open_windows, rf_strenght) and give room ids as numbers
// (see docs/netatmo.md#fields-and-quirks-seen-in-real-payloads). The netatmo client validates the envelope
// with zod and hands these bodies over; the model tolerates anything missing.

export type RawId = string | number;

export interface RawScheduleZoneRoom {
  id?: RawId;
  therm_setpoint_temperature?: number;
  therm_setpoint_mode?: string;
}

export interface RawSchedule {
  id?: string;
  name?: string;
  type?: string;
  selected?: boolean;
  default?: boolean;
  away_temp?: number;
  hg_temp?: number;
  zones?: { id?: number; name?: string; type?: number; rooms?: RawScheduleZoneRoom[] }[];
  timetable?: { zone_id?: number; m_offset?: number }[];
}

export interface RawTopologyRoom {
  id?: RawId;
  name?: string;
  type?: string;
  module_ids?: string[];
}

export interface RawTopologyModule {
  id?: string;
  type?: string;
  name?: string;
  room_id?: RawId;
  bridge?: string;
  modules_bridged?: string[];
}

export interface RawTopologyHome {
  id?: string;
  name?: string;
  timezone?: string;
  rooms?: RawTopologyRoom[];
  modules?: RawTopologyModule[];
  schedules?: RawSchedule[];
  therm_mode?: string;
  therm_mode_endtime?: number | null;
  therm_setpoint_default_duration?: number;
  therm_set_point_default_duration?: number;
  temperature_control_mode?: string;
}

export interface RawHomesDataBody {
  homes?: RawTopologyHome[];
}

export interface RawStatusRoom {
  id?: RawId;
  reachable?: boolean;
  therm_measured_temperature?: number;
  therm_setpoint_temperature?: number;
  therm_setpoint_mode?: string;
  therm_setpoint_start_time?: number | null;
  therm_setpoint_end_time?: number | null;
  heating_power_request?: number;
  anticipating?: boolean;
  open_window?: boolean;
  open_windows?: boolean;
}

export interface RawStatusModule {
  id?: string;
  type?: string;
  reachable?: boolean;
  battery_state?: string;
  battery_level?: number;
  battery_percent?: number;
  rf_strength?: number;
  rf_strenght?: number;
  rf_state?: string;
  wifi_strength?: number;
  wifi_strenght?: number;
  wifi_state?: string;
  boiler_status?: boolean;
  bridge?: string;
}

export interface RawStatusError {
  id?: string;
  code?: number;
}

export interface RawHomeStatusBody {
  home?: {
    id?: string;
    rooms?: RawStatusRoom[];
    modules?: RawStatusModule[];
  };
  errors?: RawStatusError[];
}
