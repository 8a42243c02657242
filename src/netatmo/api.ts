// The contract of the Netatmo client (implemented in src/netatmo/client.ts). Poller, command
// service, webhook and status pages depend on this interface only, so tests can hand them a
// client pointed at the simulator.
import type { RawHomeStatusBody, RawHomesDataBody } from '../model/netatmo-raw.js';

/** Netatmo room setpoint modes for setroomthermpoint. */
export type NetatmoRoomMode = 'manual' | 'max' | 'home' | 'off';
/** Netatmo home modes for setthermmode (hg = frost guard). */
export type NetatmoHomeMode = 'schedule' | 'away' | 'hg';

export interface SetRoomThermPointParams {
  homeId: string;
  roomId: string;
  mode: NetatmoRoomMode;
  /** °C, for manual. */
  temp?: number;
  /** Unix seconds; omitted = the home's default duration (manual/max). */
  endtime?: number;
}

export interface SetThermModeParams {
  homeId: string;
  mode: NetatmoHomeMode;
  /** Unix seconds, away/hg only; omitted = indefinite. */
  endtime?: number;
}

export interface SwitchHomeScheduleParams {
  homeId: string;
  scheduleId: string;
}

/** /api/setstate room entry (OTM / BNS homes). */
export interface SetStateRoom {
  id: string;
  therm_setpoint_mode: 'manual' | 'home' | 'max' | 'hg' | 'off';
  therm_setpoint_temperature?: number;
  therm_setpoint_end_time?: number;
}

export interface SetStateBody {
  home: { id: string; rooms: SetStateRoom[] };
}

export type RoomMeasureScale = '30min' | '1hour' | '3hours' | '1day' | '1week' | '1month';

export interface GetRoomMeasureParams {
  homeId: string;
  roomId: string;
  scale: RoomMeasureScale;
  /** e.g. ['temperature', 'sp_temperature'] */
  types: string[];
  dateBegin?: number;
  dateEnd?: number;
  limit?: number;
}

/** One measurement row: unix seconds plus one value per requested type (null = no data). */
export interface RoomMeasurePoint {
  time: number;
  values: (number | null)[];
}

/** Per call: a caller that may give up passes a signal; aborting it cancels the HTTP request. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface NetatmoApi {
  homesData(homeId?: string, options?: CallOptions): Promise<RawHomesDataBody>;
  homeStatus(homeId: string): Promise<RawHomeStatusBody>;
  setRoomThermPoint(params: SetRoomThermPointParams): Promise<void>;
  setThermMode(params: SetThermModeParams): Promise<void>;
  switchHomeSchedule(params: SwitchHomeScheduleParams): Promise<void>;
  setState(body: SetStateBody): Promise<void>;
  getRoomMeasure(params: GetRoomMeasureParams): Promise<RoomMeasurePoint[]>;
  addWebhook(url: string): Promise<void>;
  dropWebhook(options?: CallOptions): Promise<void>;
}
