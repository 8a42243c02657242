// What one poll attempt came to: told to the timing policy, health, persistence and metrics.
import type { HealthError } from '../model/types.js';

export interface PollResult {
  ok: boolean;
  startedAt: number;
  durationMs: number;
  changed: boolean;
  /** The poll did not run because the local budget or a back-off deferred it. */
  deferred: boolean;
  error?: HealthError;
}
