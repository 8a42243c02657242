// Internal state of the simulated Netatmo account. Only the simulator mutates it; the read
// views (topology-view, status-view) turn it into Netatmo-shaped JSON.

/** BNS = BTicino Smarther, a Wi-Fi thermostat of the Home+Control range (no relay, no battery). */
export type SimModuleType = 'NAPlug' | 'NATherm1' | 'NRV' | 'OTH' | 'OTM' | 'BNS' | 'NAMain' | 'NAModule1';

/** Room setpoint modes Netatmo reports. 'schedule' = following the home. */
export type SimRoomMode = 'schedule' | 'home' | 'manual' | 'max' | 'off' | 'away' | 'hg';
export type SimHomeMode = 'schedule' | 'away' | 'hg';

export interface SimModule {
  id: string;
  type: SimModuleType;
  name: string;
  setupDate: number;
  roomId?: string;
  /** The gateway this module talks through. */
  bridge?: string;
  firmware: number;
  rfStrength?: number;
  wifiStrength?: number;
  /** Battery millivolts at world creation; drains with simulated time. */
  batteryMvAtStart?: number;
  batteryDrainMvPerDay?: number;
  reachable: boolean;
}

export interface SimOverride {
  mode: 'manual' | 'max' | 'off' | 'hg';
  temp: number;
  startS: number;
  /** 0 = until changed. */
  endS: number;
}

export interface SimSample {
  /** ms epoch of the end of the 5-minute step. */
  t: number;
  temp: number;
  setpoint: number;
}

export interface SimRoom {
  id: string;
  name: string;
  type: string;
  moduleIds: string[];
  reachable: boolean;
  openWindow: boolean;
  override?: SimOverride;
  /** Physics state on a fixed 5-minute grid so results do not depend on request timing. */
  gridMs: number;
  gridTemp: number;
  history: SimSample[];
  /** false: homestatus reports the room but homesdata does not list it (seen in real captures). */
  inHomesdata?: boolean;
}

export interface SimZone {
  id: number;
  name: string;
  type: number;
  rooms: { id: string; temp: number }[];
}

export interface SimSchedule {
  id: string;
  name: string;
  type: 'therm';
  default: boolean;
  selected: boolean;
  awayTemp: number;
  hgTemp: number;
  zones: SimZone[];
  timetable: { zoneId: number; mOffset: number }[];
}

export interface SimHome {
  id: string;
  name: string;
  timezone: string;
  country: string;
  altitude: number;
  coordinates: [number, number];
  thermMode: SimHomeMode;
  thermModeStartS: number;
  /** 0 = no end. */
  thermModeEndS: number;
  defaultDurationMin: number;
  rooms: SimRoom[];
  modules: SimModule[];
  schedules: SimSchedule[];
  relayOnline: boolean;
  createdMs: number;
}
