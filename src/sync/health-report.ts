// The health block clients see (LAN state document, status page, SmartApp, metrics): the tracker's
// snapshot joined with the rate budget and the poll schedule. composeNetatmoHealth() is the pure
// join; NetatmoHealthReport reads the live parts, after bringing the tracker's token flags up to
// date (the token manager decides configured / auth required / moved when asked).
import type { NetatmoHealth } from '../model/types.js';
import type { RateBudgetSnapshot } from '../netatmo/budget.js';
import type { HealthSnapshot } from './health.js';
import type { PollStatus } from './poller.js';

export interface HealthReportParts {
  health: HealthSnapshot;
  budget: RateBudgetSnapshot;
  polling: PollStatus;
  /** The configured base interval (settings, else the environment). */
  pollIntervalS: number;
  /** The interval in force now (stretched near the budget or during back-off). */
  effectivePollIntervalS: number;
  tokenSaved: boolean;
  /** When the connection was exported to another machine (ISO), if it was. */
  movedAt: string | undefined;
}

export function composeNetatmoHealth(parts: HealthReportParts): NetatmoHealth {
  const { health, budget, polling } = parts;
  return {
    ...health,
    callsLastHour: budget.callsLastHour,
    callsLast10s: budget.callsLast10s,
    budgetPerHour: budget.budgetPerHour,
    budgetPer10s: budget.budgetPer10s,
    pollIntervalS: parts.pollIntervalS,
    effectivePollIntervalS: parts.effectivePollIntervalS,
    backoffUntil: budget.backoffUntil,
    pollPolicy: polling.policy,
    pollReason: polling.reason,
    nextPollInS: polling.nextPollInS,
    currentIntervalS: polling.currentIntervalS,
    tokenSaved: parts.tokenSaved,
    ...(health.status === 'moved' ? { movedAt: parts.movedAt } : {}),
  };
}

export interface HealthReportSources {
  /** Mirrors the token manager's status into the tracker (HealthSignal.mirrorTokenStatus). */
  mirrorTokenStatus(): void;
  health(): HealthSnapshot;
  budget(): RateBudgetSnapshot;
  polling(): PollStatus;
  pollIntervalS(): number;
  effectivePollIntervalS(): number;
  tokenSaved(): boolean;
  movedAt(): string | undefined;
}

/** Reads the health block from the live services; the one side effect is named and comes first. */
export class NetatmoHealthReport {
  constructor(private readonly sources: HealthReportSources) {}

  read(): NetatmoHealth {
    const s = this.sources;
    s.mirrorTokenStatus();
    return composeNetatmoHealth({
      health: s.health(),
      budget: s.budget(),
      polling: s.polling(),
      pollIntervalS: s.pollIntervalS(),
      effectivePollIntervalS: s.effectivePollIntervalS(),
      tokenSaved: s.tokenSaved(),
      movedAt: s.movedAt(),
    });
  }
}
