// Which time zone a clock time is shown in: the one asked for when it is a valid IANA zone, else
// this machine's (TZ, or the system's). Pure apart from reading the process's default zone.

export function validTimeZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** This process's zone (the bridge's: TZ or the system setting), e.g. "Europe/Paris". */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
