// Netatmo room ids arrive as strings or numbers (docs/netatmo.md#endpoints-and-envelopes); the model always uses
// strings so that lookups and comparisons never depend on which one a payload chose.
import type { RawId } from './netatmo-raw.js';

export function idOf(raw: RawId | null | undefined): string | undefined {
  if (typeof raw === 'string') return raw === '' ? undefined : raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return undefined;
}
