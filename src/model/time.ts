// Netatmo gives times as unix seconds and uses 0, null or a missing key for "no end"
// (docs/netatmo.md#fields-and-quirks-seen-in-real-payloads). The domain model uses ISO-8601 UTC or null.

/** Unix seconds → ISO-8601 UTC string; 0, null, undefined, negative or non-finite → null. */
export function unixToIso(value: number | null | undefined): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  const date = new Date(value * 1000);
  // A number too large for Date (e.g. a garbled field) must not throw from toISOString.
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
