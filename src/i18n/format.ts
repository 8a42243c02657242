// Times, ages, durations and temperatures in words a person reads at a glance, in the translator's
// language: the words come from the catalogue, the digits, clock and calendar from Intl. Pure.
import type { Translator } from './translator.js';
import { validTimeZone } from './time-zone.js';

/** "just now", "45 s ago", "12 min ago", "3 h ago", "2 days ago" for an age in seconds. */
export function formatAge(seconds: number, tr: Translator): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 5) return tr.t('time.justNow');
  if (s < 90) return tr.t('time.secondsAgo', { n: s });
  if (s < 90 * 60) return tr.t('time.minutesAgo', { n: Math.round(s / 60) });
  if (s < 36 * 3600) return tr.t('time.hoursAgo', { n: Math.round(s / 3600) });
  return tr.t('time.daysAgo', { count: Math.round(s / 86400) });
}

/** Time until an ISO moment in words: "in 45 s", "in 9 min", "in 2 h" (null when past or absent). */
export function untilText(iso: string | null, nowMs: number, tr: Translator): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (!Number.isFinite(at) || at <= nowMs) return null;
  const s = Math.round((at - nowMs) / 1000);
  if (s < 90) return tr.t('time.inSeconds', { n: s });
  if (s < 90 * 60) return tr.t('time.inMinutes', { n: Math.round(s / 60) });
  return tr.t('time.inHours', { n: Math.round(s / 360) / 10 });
}

/** Age of an ISO time relative to now, in words; null for no time. */
export function ageOf(iso: string | null, nowMs: number, tr: Translator): { seconds: number; text: string } | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  const seconds = Math.max(0, (nowMs - at) / 1000);
  return { seconds: Math.round(seconds), text: formatAge(seconds, tr) };
}

/**
 * "18:30" (same day), "Tue 18:30" (within 6 days) or "21/01/2025 18:30", 24-hour clock, in
 * `timeZone` (a home's, from Netatmo) or else the translator's zone (the bridge's).
 */
export function formatClock(iso: string, nowMs: number, timeZone: string | null, tr: Translator): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  const zone = validTimeZone(timeZone) ?? tr.timeZone;
  const format = (options: Intl.DateTimeFormatOptions, ms: number) => new Intl.DateTimeFormat(tr.intlLocale, { ...options, timeZone: zone }).format(ms);
  const time = format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, at);
  const day = (ms: number) => format({ dateStyle: 'short' }, ms);
  if (day(at) === day(nowMs)) return time;
  if (Math.abs(at - nowMs) < 6 * 86_400_000) return tr.t('time.weekdayTime', { weekday: format({ weekday: 'short' }, at), time });
  return tr.t('time.dateTime', { date: day(at), time });
}

/** A full date and time with its zone for the CLI ("15/01/2025, 13:00:00 CET"), in the translator's zone. */
export function formatDateTime(iso: string, tr: Translator): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  return new Intl.DateTimeFormat(tr.intlLocale, { dateStyle: 'short', timeStyle: 'long', hourCycle: 'h23', timeZone: tr.timeZone }).format(at);
}

/** "20.5 °C" / "20,5 °C"; a dash for no value. */
export function formatCelsius(value: number | null, tr: Translator): string {
  return value === null ? tr.t('unit.none') : tr.t('unit.celsius', { value: tr.number(value, { min: 1, max: 1 }) });
}

/** Seconds as "30 s", "5 min", "2 h". */
export function formatSeconds(seconds: number, tr: Translator): string {
  if (seconds < 120) return tr.t('time.seconds', { n: seconds });
  if (seconds < 7200) return tr.t('time.minutes', { n: Math.round(seconds / 60) });
  return tr.t('time.hours', { n: Math.round(seconds / 360) / 10 });
}
