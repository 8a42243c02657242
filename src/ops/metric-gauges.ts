// The gauges of GET /metrics: read at scrape time, so always the current value and nothing to keep
// in sync.
import { Gauge, type Registry } from 'prom-client';
import type { MetricsFeatureDeps } from './metrics-deps.js';
import type { NetatmoStatus } from '../model/types.js';

const NETATMO_STATUSES: readonly NetatmoStatus[] = ['starting', 'ok', 'degraded', 'down', 'auth_required', 'not_configured', 'moved'];

/** What the gauges read. */
export type GaugeSources = Pick<MetricsFeatureDeps, 'budget' | 'health' | 'now' | 'netatmoHealth' | 'state' | 'bridgeInfo'>;

export function registerGauges(registry: Registry, context: GaugeSources): void {
  netatmoGauges(registry, context);
  bridgeGauges(registry, context);
}

function netatmoGauges(registry: Registry, context: GaugeSources): void {
  new Gauge({
    name: 'netatmo_calls_last_hour',
    help: 'Netatmo calls in the rolling hour (counted against the bridge budget)',
    registers: [registry],
    collect() {
      this.set(context.budget.snapshot().callsLastHour);
    },
  });
  new Gauge({
    name: 'netatmo_budget_per_hour',
    help: 'The bridge budget of Netatmo calls per hour (Netatmo allows 500)',
    registers: [registry],
    collect() {
      this.set(context.budget.snapshot().budgetPerHour);
    },
  });
}

function bridgeGauges(registry: Registry, context: GaugeSources): void {
  new Gauge({
    name: 'bridge_data_age_seconds',
    help: 'Seconds since the last successful poll (NaN before the first one)',
    registers: [registry],
    collect() {
      const last = context.health.snapshot().lastSuccessAt;
      this.set(last === null ? Number.NaN : Math.max(0, (context.now() - Date.parse(last)) / 1000));
    },
  });
  new Gauge({
    name: 'netatmo_status',
    help: 'Netatmo connection status (1 for the current one)',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      const current = context.netatmoHealth().status;
      for (const status of NETATMO_STATUSES) this.set({ status }, status === current ? 1 : 0);
    },
  });
  new Gauge({
    name: 'bridge_state_revision',
    help: 'Revision of the state document served to hubs',
    registers: [registry],
    collect() {
      this.set(context.state.revision);
    },
  });
  new Gauge({
    name: 'bridge_info',
    help: 'Bridge version and whether the home is simulated',
    labelNames: ['version', 'simulated'] as const,
    registers: [registry],
    collect() {
      const info = context.bridgeInfo();
      this.set({ version: info.version, simulated: String(info.simulated) }, 1);
    },
  });

}
