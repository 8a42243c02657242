// Setpoint temperatures as Netatmo accepts them: °C, 7–30, in 0.5 steps (docs/netatmo.md#other-write-rules).
// SmartThings users with a Fahrenheit location send °F; no heating setpoint in °C is above 45, so
// anything above that is taken as °F. Pure.

export const MIN_SETPOINT_C = 7;
export const MAX_SETPOINT_C = 30;
/** Values above this are Fahrenheit (45 °C is far above any room setpoint; 45 °F is 7.2 °C). */
export const FAHRENHEIT_THRESHOLD = 45;

export type TemperatureResult = { ok: true; celsius: number } | { ok: false; message: string };

export function roundToHalf(value: number): number {
  return Math.round(value * 2) / 2;
}

export function fahrenheitToCelsius(value: number): number {
  return ((value - 32) * 5) / 9;
}

/** A user's setpoint → °C for Netatmo, or a sentence explaining why it cannot be used. */
export function normaliseSetpoint(value: number): TemperatureResult {
  if (!Number.isFinite(value)) return { ok: false, message: 'temperatureC must be a number between 7 and 30 °C.' };
  const fahrenheit = value > FAHRENHEIT_THRESHOLD;
  const celsius = roundToHalf(fahrenheit ? fahrenheitToCelsius(value) : value);
  if (celsius < MIN_SETPOINT_C || celsius > MAX_SETPOINT_C) {
    const seen = fahrenheit ? `${value} was read as °F, which is ${celsius} °C` : `${value} °C is outside that range`;
    return { ok: false, message: `temperatureC must be between ${MIN_SETPOINT_C} and ${MAX_SETPOINT_C} °C (${seen}).` };
  }
  return { ok: true, celsius };
}

/** Keeps a temperature Netatmo will accept (used for emulated off / manual at the current setpoint). */
export function clampSetpoint(value: number): number {
  return Math.min(MAX_SETPOINT_C, Math.max(MIN_SETPOINT_C, roundToHalf(value)));
}
