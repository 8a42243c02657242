import { describe, expect, it } from 'vitest';
import {
  batteryPercentOf,
  rfStrengthOf,
  signalFromRf,
  signalFromWifi,
  signalOf,
  worseSignal,
} from '../../../src/model/battery-signal.js';

describe('batteryPercentOf', () => {
  it.each([
    ['max', 100],
    ['full', 90],
    ['high', 75],
    ['medium', 50],
    ['low', 25],
    ['very_low', 10],
  ] as const)('battery_state %s → %d %%', (state, percent) => {
    expect(batteryPercentOf({ battery_state: state })).toBe(percent);
  });

  it('prefers battery_percent and clamps it to 0–100', () => {
    expect(batteryPercentOf({ battery_percent: 64, battery_state: 'low' })).toBe(64);
    expect(batteryPercentOf({ battery_percent: 130 })).toBe(100);
    expect(batteryPercentOf({ battery_percent: -3 })).toBe(0);
  });

  it('never turns millivolts into a percent and ignores unknown words', () => {
    expect(batteryPercentOf({ battery_level: 3000 })).toBeNull();
    expect(batteryPercentOf({ battery_state: 'empty-ish' })).toBeNull();
  });
});

describe('signal', () => {
  it.each([
    [42, 'excellent'],
    [60, 'excellent'],
    [61, 'good'],
    [70, 'good'],
    [71, 'fair'],
    [80, 'fair'],
    [81, 'poor'],
    [107, 'poor'],
  ] as const)('rf %d → %s', (rf, expected) => {
    expect(signalFromRf(rf)).toBe(expected);
  });

  it('maps wifi_strength with its own thresholds', () => {
    expect(signalFromWifi(49)).toBe('excellent');
    expect(signalFromWifi(66)).toBe('good');
    expect(signalFromWifi(84)).toBe('fair');
    expect(signalFromWifi(99)).toBe('poor');
  });

  it('reads rf_strenght (misspelt) like rf_strength', () => {
    expect(rfStrengthOf({ rf_strenght: 82 })).toBe(82);
    expect(signalOf({ rf_strenght: 82 })).toBe('poor');
  });

  it('falls back to rf_state, then Wi-Fi, then unknown', () => {
    expect(signalOf({ rf_state: 'high' })).toBe('good');
    expect(signalOf({ rf_state: 'very_low' })).toBe('poor');
    expect(signalOf({ wifi_strength: 49 })).toBe('excellent');
    expect(signalOf({ wifi_state: 'medium' })).toBe('fair');
    expect(signalOf({})).toBe('unknown');
  });

  it('rf_strength wins over rf_state', () => {
    expect(signalOf({ rf_strength: 91, rf_state: 'full' })).toBe('poor');
  });

  it('worseSignal keeps the worst, unknown only when nothing is known', () => {
    expect(worseSignal('good', 'poor')).toBe('poor');
    expect(worseSignal('fair', 'excellent')).toBe('fair');
    expect(worseSignal('unknown', 'good')).toBe('good');
    expect(worseSignal('good', 'unknown')).toBe('good');
    expect(worseSignal('unknown', 'unknown')).toBe('unknown');
  });
});
