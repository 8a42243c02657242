// What the status page shows, as plain data: built from the bridge's state, health, hub activity
// and pairing window. Served as GET /status.json and rendered to HTML by status-render.ts. Holds
// nothing secret (no tokens, no client id/secret, no bridge id), so it needs no sign-in.
import { ageOf, formatCelsius, formatClock, formatSeconds, untilText } from '../i18n/format.js';
import { validTimeZone } from '../i18n/time-zone.js';
import { englishTranslator, type Translator } from '../i18n/translator.js';
import { driverUpdateNeeded, LAN_API_LEVEL, type DriverInfo } from '../lan/driver-version.js';
import type { HubSeen } from '../lan/hub-activity.js';
import type { BridgeInfo } from '../lan/state-document.js';
import type { Home, NetatmoHealth, NetatmoStatus, Room } from '../model/types.js';
import type { StoreProblem } from '../store/index.js';
import { storeProblemText } from '../i18n/store-problem.js';
import { pollReasonText } from '../i18n/poll-reason.js';

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
  /** The zone its clock times are shown in: the home's (from Netatmo), else the bridge's. */
  timeZone: string;
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
    pollPolicy: 'adaptive' | 'fixed';
    /** When the next poll comes and why, in words. */
    pollingText: string;
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

/** How each Netatmo status looks (a symbol and a colour, always with words). */
const STATUS_TONE: Record<NetatmoStatus, Tone> = { starting: 'neutral', ok: 'ok', degraded: 'warn', down: 'bad', auth_required: 'bad', not_configured: 'warn', moved: 'warn' };

/** e.g. "adaptive: next poll in 17 s (active hours; every 24 s now, at most 60 s apart)". */
export function pollingText(health: NetatmoHealth, tr: Translator): string {
  const next = health.nextPollInS === 0 ? tr.t('polling.nextNow') : tr.t('polling.nextIn', { in: formatSeconds(health.nextPollInS, tr) });
  const reason = pollReasonText(health.pollReason, tr);
  if (health.pollPolicy === 'fixed') {
    const interval = formatSeconds(health.pollIntervalS, tr);
    return health.effectivePollIntervalS > health.pollIntervalS
      ? tr.t('polling.fixedStretched', { interval, effective: formatSeconds(health.effectivePollIntervalS, tr), next, reason })
      : tr.t('polling.fixed', { interval, next, reason });
  }
  return tr.t('polling.adaptive', { next, reason, current: formatSeconds(health.currentIntervalS, tr), max: formatSeconds(health.effectivePollIntervalS, tr) });
}

/** The headline and explanation of the Netatmo card: the status, or "not saved" / "stale" while connected. */
function netatmoWords(health: NetatmoHealth, stale: boolean, tr: Translator): { tone: Tone; headline: string; explanation: string } {
  if (stale) return { tone: 'warn', headline: tr.t('netatmo.stale.headline'), explanation: tr.t('netatmo.stale.explanation') };
  if (health.status === 'ok' && !health.tokenSaved) return { tone: 'warn', headline: tr.t('netatmo.notSaved.headline'), explanation: tr.t('netatmo.notSaved.explanation') };
  return { tone: STATUS_TONE[health.status], headline: tr.t(`netatmo.${health.status}.headline`), explanation: tr.t(`netatmo.${health.status}.explanation`) };
}

/** The view in the translator's language (English by default: /status.json without Accept-Language). */
export function buildStatusView(source: StatusSource, tr: Translator = englishTranslator()): StatusView {
  const { health, nowMs } = source;
  const age = ageOf(health.lastSuccessAt, nowMs, tr);
  const errorAge = health.lastError ? ageOf(health.lastError.at, nowMs, tr) : null;
  const stale = health.stale && health.status === 'ok' && health.lastSuccessAt !== null;
  const words = netatmoWords(health, stale, tr);
  const lastHubAge = ageOf(source.lastHubPollAt, nowMs, tr);
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
      tone: words.tone,
      headline: words.headline,
      explanation: words.explanation,
      stale: health.stale,
      lastSuccessAt: health.lastSuccessAt,
      dataAgeS: age?.seconds ?? null,
      dataAgeText: age ? tr.t('netatmo.updated', { age: age.text }) : tr.t('netatmo.noData'),
      lastError: health.lastError ? { message: health.lastError.message, at: health.lastError.at, agoText: errorAge?.text ?? '' } : null,
      consecutiveFailures: health.consecutiveFailures,
      callsLastHour: health.callsLastHour,
      budgetPerHour: health.budgetPerHour,
      pollIntervalS: health.pollIntervalS,
      effectivePollIntervalS: health.effectivePollIntervalS,
      backoffUntil: health.backoffUntil,
      backoffEndsText: untilText(health.backoffUntil, nowMs, tr),
      pollPolicy: health.pollPolicy,
      pollingText: pollingText(health, tr),
      tokenSaved: health.tokenSaved,
      movedAt: health.movedAt ?? null,
      movedAgoText: ageOf(health.movedAt ?? null, nowMs, tr)?.text ?? null,
    },
    dataFile: dataFileView(source.storeProblem, tr),
    homes: source.homes.map((home) => homeView(home, nowMs, tr)),
    hubs: {
      lastPollAt: source.lastHubPollAt,
      lastPollText: lastHubAge ? lastHubAge.text : tr.t('status.noHubPoll'),
      bridgeApiLevel: LAN_API_LEVEL,
      list: source.hubs.map((hub) => ({
        address: hub.address,
        lastSeenAt: hub.lastSeenAt,
        lastSeenText: ageOf(hub.lastSeenAt, nowMs, tr)?.text ?? '',
        paired: hub.paired,
        driverText: hub.driver.version ? tr.t('status.versionApi', { version: hub.driver.version, level: hub.driver.apiLevel }) : tr.t('status.driverOlder', { level: hub.driver.apiLevel }),
        driverUpdate: driverAdvice(hub.driver, tr),
      })),
    },
    pairing: { open: source.pairingClosesAt !== null, closesAt: source.pairingClosesAt, closesText: untilText(source.pairingClosesAt, nowMs, tr) },
  };
}

function dataFileView(problem: StoreProblem | null, tr: Translator): StatusView['dataFile'] {
  return { saving: problem === null, problem: problem ? storeProblemText(problem, tr) : null, since: problem?.since ?? null };
}

/** What to do about a hub whose driver speaks an older LAN API (driverUpdateNeeded), in words. */
function driverAdvice(driver: DriverInfo, tr: Translator): string | null {
  if (!driverUpdateNeeded(driver)) return null;
  const which = driver.version ? tr.t('status.driverWhich', { version: driver.version }) : tr.t('status.driverWhichUnknown');
  return tr.t('status.driverAdvice', { which, level: driver.apiLevel, bridgeLevel: LAN_API_LEVEL });
}

function homeView(home: Home, nowMs: number, tr: Translator): HomeView {
  const mode = tr.t(`home.mode.${home.mode}`);
  return {
    id: home.id,
    name: home.name,
    timeZone: validTimeZone(home.timezone) ?? tr.timeZone,
    reachable: home.reachable,
    problem: homeProblem(home, tr),
    mode: home.mode,
    modeText: home.modeEndsAt ? tr.t('home.until', { mode, time: formatClock(home.modeEndsAt, nowMs, home.timezone, tr) }) : mode,
    schedule: home.schedules.find((s) => s.selected)?.name ?? null,
    rooms: home.rooms.map((room) => roomView(room, home, nowMs, tr)),
  };
}

/** Below this the battery is called low (Netatmo's own "low" sits around here). */
const LOW_BATTERY_PERCENT = 20;

function roomView(room: Room, home: Home, nowMs: number, tr: Translator): RoomView {
  const mode = tr.t(`room.mode.${room.setpointMode}`);
  const until = room.setpointEndsAt && room.setpointMode !== 'schedule' ? formatClock(room.setpointEndsAt, nowMs, home.timezone, tr) : null;
  const batteryLow = room.batteryPercent !== null && room.batteryPercent < LOW_BATTERY_PERCENT;
  return {
    id: room.id,
    name: room.name,
    reachable: room.reachable,
    measuredC: room.measuredC,
    measuredText: formatCelsius(room.measuredC, tr),
    setpointC: room.setpointC,
    setpointText: formatCelsius(room.setpointC, tr),
    setpointMode: room.setpointMode,
    modeText: until ? tr.t('home.until', { mode, time: until }) : mode,
    heating: room.heating,
    heatingText: heatingWords(room, tr),
    batteryPercent: room.batteryPercent,
    batteryText: batteryWords(room.batteryPercent, batteryLow, tr),
    batteryLow,
    openWindow: room.openWindow,
    windowText: room.openWindow === null ? tr.t('room.unknown') : tr.t(room.openWindow ? 'room.windowOpen' : 'room.windowClosed'),
  };
}

/** Why a home is not current: the bridge's own sentence for an offline relay, Netatmo's explanation otherwise. */
function homeProblem(home: Home, tr: Translator): string | null {
  if (home.error?.kind === 'relay_offline') return tr.t('home.relayOffline');
  return home.error?.message ?? (home.reachable ? null : tr.t('home.unreachable'));
}

function batteryWords(percent: number | null, low: boolean, tr: Translator): string {
  if (percent === null) return tr.t('room.noBattery');
  return tr.t(low ? 'room.batteryLow' : 'room.battery', { percent });
}

function heatingWords(room: Room, tr: Translator): string {
  if (room.heating === null) return tr.t('room.unknown');
  if (!room.heating) return tr.t('room.notHeating');
  return room.heatingPowerRequest !== null ? tr.t('room.heatingPower', { percent: room.heatingPowerRequest }) : tr.t('room.heating');
}
