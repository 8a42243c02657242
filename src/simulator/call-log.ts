// Every request the simulator saw (and every webhook it posted), for assertions in tests.
// Secrets are masked before they are stored.
import type { CallRecord } from './fault-types.js';

const SECRET_KEYS = new Set(['client_secret', 'refresh_token', 'access_token', 'code', 'password']);
const MAX_RECORDS = 20_000;

export function maskSecrets(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) out[key] = SECRET_KEYS.has(key) ? '***' : value;
  return out;
}

export interface CallFilter {
  endpoint?: string;
  method?: string;
  /** ms epoch (simulator clock), inclusive. */
  since?: number;
}

export class CallLog {
  private records: CallRecord[] = [];

  add(record: CallRecord): void {
    this.records.push({ ...record, params: maskSecrets(record.params) });
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
  }

  list(filter: CallFilter = {}): CallRecord[] {
    return this.records.filter(
      (r) =>
        (filter.endpoint === undefined || r.endpoint === filter.endpoint) &&
        (filter.method === undefined || r.method === filter.method) &&
        (filter.since === undefined || r.at >= filter.since),
    );
  }

  count(endpoint?: string): number {
    return endpoint === undefined ? this.records.length : this.records.filter((r) => r.endpoint === endpoint).length;
  }

  clear(): void {
    this.records = [];
  }
}
