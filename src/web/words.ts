// Times, ages and temperatures in words a person reads at a glance. Pure functions.

/** "just now", "45 s", "12 min", "3 h", "2 days" for an age in seconds. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 5) return 'just now';
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

/** Time until an ISO moment in words: "in 45 s", "in 9 min", "in 2 h" (null when past or absent). */
export function untilText(iso: string | null, nowMs: number): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (!Number.isFinite(at) || at <= nowMs) return null;
  const s = Math.round((at - nowMs) / 1000);
  if (s < 90) return `in ${s} s`;
  if (s < 90 * 60) return `in ${Math.round(s / 60)} min`;
  return `in ${Math.round(s / 360) / 10} h`;
}

/** Age of an ISO time relative to now, in words; null for no time. */
export function ageOf(iso: string | null, nowMs: number): { seconds: number; text: string } | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  const seconds = Math.max(0, (nowMs - at) / 1000);
  return { seconds: Math.round(seconds), text: formatAge(seconds) };
}

/** "18:30" (same day) or "Tue 18:30" in the home's time zone (24-hour clock). */
export function formatClock(iso: string, nowMs: number, timeZone: string | null): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  const zone = validZone(timeZone);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(at);
  const day = (ms: number) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone: zone }).format(ms);
  if (day(at) === day(nowMs)) return time;
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: zone }).format(at);
  return Math.abs(at - nowMs) < 6 * 86_400_000 ? `${weekday} ${time}` : `${day(at)} ${time}`;
}

function validZone(timeZone: string | null): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export function formatCelsius(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)} °C`;
}

/** Seconds as "30 s", "5 min", "2 h". */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}
