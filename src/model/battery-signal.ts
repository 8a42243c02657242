// Battery percent and signal quality of a module. battery_level is millivolts and differs per
// product, so it is never turned into a percent; battery_percent (MiGO devices) or the
// battery_state word is used instead (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads).
import type { RawStatusModule } from './netatmo-raw.js';
import type { SignalQuality } from './types.js';

/** pyatmo's mapping (PY-module process_battery_state); openHAB's differs slightly. */
const BATTERY_STATE_PERCENT: Readonly<Record<string, number>> = {
  max: 100,
  full: 90,
  high: 75,
  medium: 50,
  low: 25,
  very_low: 10,
};

export function batteryPercentOf(module: RawStatusModule): number | null {
  const percent = module.battery_percent;
  if (typeof percent === 'number' && Number.isFinite(percent)) {
    return Math.min(100, Math.max(0, Math.round(percent)));
  }
  const state = module.battery_state;
  return typeof state === 'string' ? (BATTERY_STATE_PERCENT[state] ?? null) : null;
}

/**
 * Raw rf_strength, tolerating the `rf_strenght` spelling of Netatmo's specification
 * (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads).
 */
export function rfStrengthOf(module: RawStatusModule): number | null {
  const value = module.rf_strength ?? module.rf_strenght;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function wifiStrengthOf(module: RawStatusModule): number | null {
  const value = module.wifi_strength ?? module.wifi_strenght;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** rf_strength: lower is better; 60 full, 70 high, 80 medium, 90 low (OH-const thresholds). */
export function signalFromRf(rf: number): SignalQuality {
  if (rf <= 60) return 'excellent';
  if (rf <= 70) return 'good';
  if (rf <= 80) return 'fair';
  return 'poor';
}

/** wifi_strength: lower is better; 54 full, 69 good, 84 average, 99 bad (OH-const thresholds). */
export function signalFromWifi(wifi: number): SignalQuality {
  if (wifi <= 54) return 'excellent';
  if (wifi <= 69) return 'good';
  if (wifi <= 84) return 'fair';
  return 'poor';
}

/** Newer firmware sends rf_state / wifi_state words instead of (or with) numbers. */
export function signalFromStateWord(word: string | undefined): SignalQuality {
  switch (word) {
    case 'full':
    case 'max':
      return 'excellent';
    case 'high':
      return 'good';
    case 'medium':
      return 'fair';
    case 'low':
    case 'very_low':
      return 'poor';
    default:
      return 'unknown';
  }
}

/** Signal of one module: radio first (valves, thermostats), Wi-Fi for Wi-Fi devices (BNS). */
export function signalOf(module: RawStatusModule): SignalQuality {
  const rf = rfStrengthOf(module);
  if (rf !== null) return signalFromRf(rf);
  const rfWord = signalFromStateWord(module.rf_state);
  if (rfWord !== 'unknown') return rfWord;
  const wifi = wifiStrengthOf(module);
  if (wifi !== null) return signalFromWifi(wifi);
  return signalFromStateWord(module.wifi_state);
}

const SIGNAL_RANK: Readonly<Record<SignalQuality, number>> = {
  unknown: -1,
  excellent: 0,
  good: 1,
  fair: 2,
  poor: 3,
};

/** The worse of two signals; `unknown` only wins when nothing is known. */
export function worseSignal(a: SignalQuality, b: SignalQuality): SignalQuality {
  return SIGNAL_RANK[b] > SIGNAL_RANK[a] ? b : a;
}
