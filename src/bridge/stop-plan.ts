// The one ordered stop list of a bridge. Whatever part exists gets its step, always in this order:
//   1. held state reads are answered (304, Connection: close), so they never hold up the drain;
//   2. the HTTP server stops accepting, running requests get their share, stuck ones are cut —
//      from here on no request can reach a feature;
//   3. features, in reverse start order (each one's event listeners are removed with it);
//   4. the poll heartbeat, then a running poll may finish (its result is then saved);
//   5. state persistence writes what is pending; 6. the data file(s) flush; 7. the simulator.
import type { Feature } from '../core/feature.js';
import type { BridgeEventBus } from '../core/events.js';
import type { RunningHttpServer } from '../http-server.js';
import { closeHttpServer, HTTP_DRAIN_MS, POLL_DRAIN_MS, waitWhile, type StopStep } from '../ops/shutdown.js';

/** The parts of a bridge built so far (start may fail half-way: only built parts are stopped). */
export interface StoppableParts {
  longPolls?: { close(): unknown };
  http?: Pick<RunningHttpServer, 'server'>;
  /** Features whose stop is due: a feature is added here before its start() runs. */
  features: Feature[];
  events?: Pick<BridgeEventBus, 'removeAll'>;
  heartbeat?: { stop(): unknown };
  poller?: { readonly isPolling: boolean };
  persistence?: () => Promise<void>;
  store?: { flush(): Promise<void> };
  /** The real account's data file when the demo opened it besides its own. */
  realStore?: { flush(): Promise<void> };
  simulator?: { stop(): Promise<void> } | null;
}

export function stopPlan(parts: StoppableParts): StopStep[] {
  const steps: (StopStep | null)[] = [
    parts.longPolls ? { name: 'held state reads', stop: () => parts.longPolls?.close() } : null,
    parts.http ? { name: 'HTTP server', stop: () => closeHttpServer(parts.http!.server, HTTP_DRAIN_MS) } : null,
    ...[...parts.features].reverse().map((feature) => featureStep(feature, parts.events)),
    parts.heartbeat ? { name: 'poll heartbeat', stop: () => parts.heartbeat?.stop() } : null,
    parts.poller ? { name: 'running poll', stop: () => waitWhile(() => parts.poller!.isPolling, POLL_DRAIN_MS) } : null,
    parts.persistence ? { name: 'state persistence', stop: parts.persistence } : null,
    parts.store ? { name: 'data file', stop: () => parts.store?.flush() } : null,
    parts.realStore && parts.realStore !== parts.store ? { name: 'real data file', stop: () => parts.realStore?.flush() } : null,
    parts.simulator ? { name: 'simulator', stop: () => parts.simulator?.stop() } : null,
  ];
  return steps.filter((step): step is StopStep => step !== null);
}

function featureStep(feature: Feature, events: StoppableParts['events']): StopStep {
  return {
    name: `feature ${feature.name}`,
    stop: async () => {
      try {
        await feature.stop?.();
      } finally {
        events?.removeAll(feature);
      }
    },
  };
}
