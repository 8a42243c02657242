// A short memory of how the bridge has been doing, for the diagnostics bundle: Netatmo status
// changes and the outcome of recent polls (bounded; kept in memory only, so it starts afresh with
// every start of the bridge). One recorder per running bridge, built with its services
// (src/bridge/build.ts), so it hears the first poll.
import type { BridgeEventBus } from '../core/events.js';
import type { StateService } from '../sync/state-service.js';
import type { NetatmoHealth, NetatmoStatus } from '../model/types.js';
import { scrubText } from '../util/scrub.js';

export const HISTORY_ENTRIES = 50;

export interface StatusChange {
  at: string;
  status: NetatmoStatus;
  stale: boolean;
}

export interface PollRecord {
  at: string;
  ok: boolean;
  deferred: boolean;
  durationMs: number;
  error: { kind: string; code: number | null; message: string } | null;
}

/** What the recorder listens to. */
export interface RecorderDeps {
  events: Pick<BridgeEventBus, 'on'>;
  state: Pick<StateService, 'onChange'>;
  netatmoHealth(): NetatmoHealth;
  now: () => number;
}

export class DiagnosticsRecorder {
  readonly statusChanges: StatusChange[] = [];
  readonly polls: PollRecord[] = [];
  #last: string | null = null;

  constructor(private readonly context: RecorderDeps) {
    context.events.on('pollFinished', (result) => {
      push(this.polls, {
        at: new Date(result.startedAt).toISOString(),
        ok: result.ok,
        deferred: result.deferred,
        durationMs: Math.round(result.durationMs),
        error: result.error ? { kind: result.error.kind, code: result.error.code, message: scrubText(result.error.message) } : null,
      });
      this.noteStatus();
    });
    // Health changes raise the state revision, so a change event also covers them.
    context.state.onChange(() => this.noteStatus());
    this.noteStatus();
  }

  noteStatus(): void {
    const health = this.context.netatmoHealth();
    const key = `${health.status}/${String(health.stale)}`;
    if (key === this.#last) return;
    this.#last = key;
    push(this.statusChanges, { at: new Date(this.context.now()).toISOString(), status: health.status, stale: health.stale });
  }
}

function push<T>(list: T[], entry: T): void {
  list.push(entry);
  if (list.length > HISTORY_ENTRIES) list.splice(0, list.length - HISTORY_ENTRIES);
}
