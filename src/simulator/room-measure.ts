// /api/getroommeasure (docs/netatmo.md#room-history-getroommeasure). Buckets come from the recorded 5-minute physics history;
// before the simulator started they are synthesised from the schedule, deterministically.
import { errors } from './envelopes.js';
import { round1, selectedSchedule } from './physics.js';
import { hashUnit } from './random.js';
import { zoneInForce } from './schedule-clock.js';
import type { Params } from './world-commands.js';
import type { SimHome, SimRoom, SimSample } from './world-types.js';

const SCALE_S: Record<string, number> = {
  '30min': 1800,
  '1hour': 3600,
  '3hours': 10800,
  '1day': 86400,
  '1week': 604800,
  '1month': 2592000,
};
const SHORT_SCALES = ['30min', '1hour', '3hours'];
const SHORT_TYPES = ['temperature', 'sp_temperature'];
const LONG_TYPES = ['temperature', 'min_temp', 'max_temp', 'date_min_temp', 'date_max_temp'];
const MAX_LIMIT = 1024;
const SYNTH_POINTS = 6;

function samplesIn(history: SimSample[], fromMs: number, toMs: number): SimSample[] {
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((history[mid]?.t ?? 0) <= fromMs) lo = mid + 1;
    else hi = mid;
  }
  const out: SimSample[] = [];
  for (let i = lo; i < history.length; i++) {
    const sample = history[i];
    if (!sample || sample.t > toMs) break;
    out.push(sample);
  }
  return out;
}

/** What the room plausibly read before the simulator existed: a lagging, damped schedule. */
function synthesise(seed: number, home: SimHome, room: SimRoom, fromMs: number, toMs: number): SimSample[] {
  const schedule = selectedSchedule(home);
  const out: SimSample[] = [];
  for (let i = 1; i <= SYNTH_POINTS; i++) {
    const t = fromMs + ((toMs - fromMs) * i) / SYNTH_POINTS;
    const zone = schedule ? zoneInForce(schedule, t, home.timezone).zone : undefined;
    const lagged = schedule ? zoneInForce(schedule, t - 45 * 60_000, home.timezone).zone : undefined;
    const setpoint = zone?.rooms.find((r) => r.id === room.id)?.temp ?? 17;
    const laggedSetpoint = lagged?.rooms.find((r) => r.id === room.id)?.temp ?? setpoint;
    const noise = (hashUnit(seed, room.id, Math.floor(t / 300_000)) - 0.5) * 0.4;
    out.push({ t, temp: round1(0.7 * laggedSetpoint + 0.3 * 19 + noise), setpoint });
  }
  return out;
}

function bucketValue(type: string, samples: SimSample[]): number {
  const temps = samples.map((s) => s.temp);
  const average = (values: number[]) => round1(values.reduce((a, b) => a + b, 0) / values.length);
  switch (type) {
    case 'temperature':
      return average(temps);
    case 'sp_temperature':
      return average(samples.map((s) => s.setpoint));
    case 'min_temp':
      return Math.min(...temps);
    case 'max_temp':
      return Math.max(...temps);
    case 'date_min_temp':
      return Math.floor((samples[temps.indexOf(Math.min(...temps))]?.t ?? 0) / 1000);
    default:
      return Math.floor((samples[temps.indexOf(Math.max(...temps))]?.t ?? 0) / 1000);
  }
}

export function roomMeasureBody(seed: number, home: SimHome, params: Params, nowS: number): unknown {
  if (!params.room_id || !params.scale || !params.type) throw errors.missing('Missing parameters');
  const room = home.rooms.find((r) => r.id === params.room_id);
  if (!room) throw errors.invalidId();
  const stepS = SCALE_S[params.scale];
  if (!stepS) throw errors.invalid('Invalid scale');
  const types = params.type.split(',').map((t) => t.trim()).filter(Boolean);
  const allowed = SHORT_SCALES.includes(params.scale) ? SHORT_TYPES : LONG_TYPES;
  if (types.length === 0 || types.some((t) => !allowed.includes(t))) throw errors.invalid('Invalid type for this scale');
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(params.limit ?? MAX_LIMIT) || MAX_LIMIT));
  const dateEnd = Math.min(nowS, Number(params.date_end ?? nowS) || nowS);
  let dateBegin = params.date_begin !== undefined ? Number(params.date_begin) : dateEnd - limit * stepS;
  if (!Number.isFinite(dateBegin) || dateBegin > dateEnd) throw errors.invalidDate();
  dateBegin = Math.floor(dateBegin / stepS) * stepS;
  const realTime = params.real_time === 'true';
  const optimize = params.optimize !== 'false';

  const rows: { time: number; values: number[] }[] = [];
  for (let start = dateBegin; start < dateEnd && rows.length < limit; start += stepS) {
    const fromMs = start * 1000;
    const toMs = Math.min(start + stepS, nowS) * 1000;
    if (toMs <= fromMs) break;
    let samples = samplesIn(room.history, fromMs, toMs);
    if (samples.length === 0) samples = synthesise(seed, home, room, fromMs, toMs);
    rows.push({ time: realTime ? start : start + stepS / 2, values: types.map((t) => bucketValue(t, samples)) });
  }
  if (!optimize) return Object.fromEntries(rows.map((r) => [String(r.time), r.values]));
  const first = rows[0];
  if (!first) return [];
  return [{ beg_time: first.time, step_time: stepS, value: rows.map((r) => r.values) }];
}
