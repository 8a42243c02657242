// What the status page shows, as plain data: built from the bridge's state, health, hub activity
// and pairing window. Served as GET /status.json and rendered to HTML by status-render.ts. Holds
// nothing secret (no tokens, no client id/secret, no bridge id), so it needs no sign-in.
import { driverUpdateAdvice, LAN_API_LEVEL } from '../lan/driver-version.js';
import type { HubSeen } from '../lan/hub-activity.js';
import type { BridgeInfo } from '../lan/state-document.js';
import type { Home, NetatmoHealth, NetatmoStatus, Room } from '../model/types.js';
import type { StoreProblem } from '../store/index.js';
import { ageOf, formatCelsius, formatClock, untilText } from './words.js';

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

export interface StatusSource {
  bridge: BridgeInfo;
  health: NetatmoHealth;
  homes: readonly Home[];
  hubs: HubSeen[];
  lastHubPollAt: string | null;
  pairingClosesAt: string | null;
  /** Why the data file is not saved right now (Store.problem()), or null. */
  storeProblem: StoreProblem | null;
  nowMs: number;
}

export interface RoomView {
  id: string;
  name: string;
  reachable: boolean;
  measuredC: number | null;
  measuredText: string;
  setpointC: number | null;
  setpointText: string;
  setpointMode: Room['setpointMode'];
  modeText: string;
  heating: boolean | null;
  heatingText: string;
  batteryPercent: number | null;
  batteryText: string;
  batteryLow: boolean;
  openWindow: boolean | null;
  windowText: string;
}

export interface HomeView {
  id: string;
  name: string;
  reachable: boolean;
  /** Why this home is not current (Netatmo refused it, its relay is offline …), or null. */
  problem: string | null;
  mode: Home['mode'];
  modeText: string;
  schedule: string | null;
  rooms: RoomView[];
}

export interface StatusView {
  generatedAt: string;
  bridge: { name: string; version: string; simulated: boolean; preferredPath: 'lan' | 'cloud'; startedAt: string };
  netatmo: {
    status: NetatmoStatus;
    tone: Tone;
    headline: string;
    explanation: string;
    stale: boolean;
    lastSuccessAt: string | null;
    dataAgeS: number | null;
    dataAgeText: string;
    lastError: { message: string; at: string; agoText: string } | null;
    consecutiveFailures: number;
    callsLastHour: number;
    budgetPerHour: number;
    pollIntervalS: number;
    effectivePollIntervalS: number;
    backoffUntil: string | null;
    /** e.g. "in 25 min" while the bridge holds back, else null. */
    backoffEndsText: string | null;
    /** false while the Netatmo sign-in in use exists only in memory. */
    tokenSaved: boolean;
    /** When the connection was exported to another machine (status `moved`), else null. */
    movedAt: string | null;
    movedAgoText: string | null;
  };
  /** Whether the bridge can save its data file, and if not, why (in words for the user). */
  dataFile: { saving: boolean; problem: string | null; since: string | null };
  homes: HomeView[];
  hubs: {
    lastPollAt: string | null;
    lastPollText: string;
    /** The LAN API level this bridge serves; a hub's driver below it should be updated. */
    bridgeApiLevel: number;
    list: { address: string; lastSeenAt: string; lastSeenText: string; paired: boolean; driverText: string; driverUpdate: string | null }[];
  };
  pairing: { open: boolean; closesAt: string | null; closesText: string | null };
}

const STATUS_WORDS: Record<NetatmoStatus, { tone: Tone; headline: string; explanation: string }> = {
  starting: {
    tone: 'neutral',
    headline: 'Starting: reading Netatmo',
    explanation: 'The bridge has just started; until its first read ends it shows the last known values.',
  },
  ok: { tone: 'ok', headline: 'Connected to Netatmo', explanation: 'The bridge reads your heating from Netatmo as planned.' },
  degraded: {
    tone: 'warn',
    headline: 'Netatmo is having trouble',
    explanation: 'Several reads in a row failed, or some of your homes cannot be read (see below); the other data shown is recent. The bridge keeps trying.',
  },
  down: { tone: 'bad', headline: 'Netatmo cannot be reached', explanation: 'Reads keep failing and the data below is out of date. The bridge keeps trying.' },
  auth_required: {
    tone: 'bad',
    headline: 'Netatmo must be reconnected',
    explanation: 'Netatmo refused the saved sign-in. Open Admin and connect Netatmo again.',
  },
  not_configured: { tone: 'warn', headline: 'Netatmo is not connected yet', explanation: 'Open Admin and connect your Netatmo account.' },
  moved: {
    tone: 'warn',
    headline: 'Moved to another machine',
    explanation:
      'The Netatmo connection was exported to another machine, so this bridge no longer talks to Netatmo; the values below are the last known ones. Stop this bridge once the new one runs, or undo the move on the Admin page if you gave it up.',
  },
};

/** Said instead of "Connected" while the rotated (or just connected) sign-in lives only in memory. */
const NOT_SAVED_WORDS = {
  tone: 'warn' as Tone,
  headline: 'Connected, but the Netatmo sign-in is not saved',
  explanation:
    'Netatmo issued a new sign-in that the bridge could not write to its data file. It works now, but after a restart Netatmo would have to be reconnected. The bridge saves it by itself as soon as the data file can be written.',
};

export function buildStatusView(source: StatusSource): StatusView {
  const { health, nowMs } = source;
  const words = health.status === 'ok' && !health.tokenSaved ? NOT_SAVED_WORDS : STATUS_WORDS[health.status];
  const age = ageOf(health.lastSuccessAt, nowMs);
  const errorAge = health.lastError ? ageOf(health.lastError.at, nowMs) : null;
  const stale = health.stale && health.status === 'ok' && health.lastSuccessAt !== null;
  const lastHubAge = ageOf(source.lastHubPollAt, nowMs);
  return {
    generatedAt: new Date(nowMs).toISOString(),
    bridge: {
      name: source.bridge.name,
      version: source.bridge.version,
      simulated: source.bridge.simulated,
      preferredPath: source.bridge.preferredPath,
      startedAt: source.bridge.startedAt,
    },
    netatmo: {
      status: health.status,
      tone: stale ? 'warn' : words.tone,
      headline: stale ? 'Connected, but the data is old' : words.headline,
      explanation: stale ? 'The last successful read is older than the stale threshold.' : words.explanation,
      stale: health.stale,
      lastSuccessAt: health.lastSuccessAt,
      dataAgeS: age?.seconds ?? null,
      dataAgeText: age ? `updated ${age.text}` : 'no data read yet',
      lastError: health.lastError ? { message: health.lastError.message, at: health.lastError.at, agoText: errorAge?.text ?? '' } : null,
      consecutiveFailures: health.consecutiveFailures,
      callsLastHour: health.callsLastHour,
      budgetPerHour: health.budgetPerHour,
      pollIntervalS: health.pollIntervalS,
      effectivePollIntervalS: health.effectivePollIntervalS,
      backoffUntil: health.backoffUntil,
      backoffEndsText: untilText(health.backoffUntil, nowMs),
      tokenSaved: health.tokenSaved,
      movedAt: health.movedAt ?? null,
      movedAgoText: ageOf(health.movedAt ?? null, nowMs)?.text ?? null,
    },
    dataFile: { saving: source.storeProblem === null, problem: source.storeProblem?.message ?? null, since: source.storeProblem?.since ?? null },
    homes: source.homes.map((home) => homeView(home, nowMs)),
    hubs: {
      lastPollAt: source.lastHubPollAt,
      lastPollText: lastHubAge ? lastHubAge.text : 'no hub has polled since the bridge started',
      bridgeApiLevel: LAN_API_LEVEL,
      list: source.hubs.map((hub) => ({
        address: hub.address,
        lastSeenAt: hub.lastSeenAt,
        lastSeenText: ageOf(hub.lastSeenAt, nowMs)?.text ?? '',
        paired: hub.paired,
        driverText: hub.driver.version ? `${hub.driver.version} (LAN API ${hub.driver.apiLevel})` : `older, no version sent (LAN API ${hub.driver.apiLevel})`,
        driverUpdate: driverUpdateAdvice(hub.driver),
      })),
    },
    pairing: { open: source.pairingClosesAt !== null, closesAt: source.pairingClosesAt, closesText: untilText(source.pairingClosesAt, nowMs) },
  };
}

const HOME_MODE_WORDS: Record<Home['mode'], string> = { schedule: 'Following the schedule', away: 'Away', frostguard: 'Frost guard' };

function homeView(home: Home, nowMs: number): HomeView {
  const until = home.modeEndsAt ? ` until ${formatClock(home.modeEndsAt, nowMs, home.timezone)}` : '';
  return {
    id: home.id,
    name: home.name,
    reachable: home.reachable,
    problem: home.error?.message ?? (home.reachable ? null : 'Netatmo cannot reach this home right now'),
    mode: home.mode,
    modeText: HOME_MODE_WORDS[home.mode] + until,
    schedule: home.schedules.find((s) => s.selected)?.name ?? null,
    rooms: home.rooms.map((room) => roomView(room, home, nowMs)),
  };
}

const ROOM_MODE_WORDS: Record<Room['setpointMode'], string> = {
  schedule: 'Schedule',
  manual: 'Manual',
  boost: 'Boost',
  off: 'Off',
  away: 'Away',
  frostguard: 'Frost guard',
};

/** Below this the battery is called low (Netatmo's own "low" sits around here). */
const LOW_BATTERY_PERCENT = 20;

function roomView(room: Room, home: Home, nowMs: number): RoomView {
  const until = room.setpointEndsAt && room.setpointMode !== 'schedule' ? ` until ${formatClock(room.setpointEndsAt, nowMs, home.timezone)}` : '';
  const batteryLow = room.batteryPercent !== null && room.batteryPercent < LOW_BATTERY_PERCENT;
  return {
    id: room.id,
    name: room.name,
    reachable: room.reachable,
    measuredC: room.measuredC,
    measuredText: formatCelsius(room.measuredC),
    setpointC: room.setpointC,
    setpointText: formatCelsius(room.setpointC),
    setpointMode: room.setpointMode,
    modeText: ROOM_MODE_WORDS[room.setpointMode] + until,
    heating: room.heating,
    heatingText: heatingWords(room),
    batteryPercent: room.batteryPercent,
    batteryText: room.batteryPercent === null ? 'no battery data' : `${batteryLow ? 'Low, ' : ''}${room.batteryPercent} %`,
    batteryLow,
    openWindow: room.openWindow,
    windowText: room.openWindow === null ? 'unknown' : room.openWindow ? 'Open' : 'Closed',
  };
}

function heatingWords(room: Room): string {
  if (room.heating === null) return 'unknown';
  if (!room.heating) return 'Not heating';
  return room.heatingPowerRequest !== null ? `Heating (${room.heatingPowerRequest} %)` : 'Heating';
}
