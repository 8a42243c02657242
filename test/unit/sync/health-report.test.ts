import { describe, expect, it } from 'vitest';
import { composeNetatmoHealth, NetatmoHealthReport, type HealthReportParts } from '../../../src/sync/health-report.js';

function parts(overrides: Partial<HealthReportParts> = {}): HealthReportParts {
  return {
    health: { status: 'ok', stale: false, lastSuccessAt: '2026-01-10T08:00:00.000Z', consecutiveFailures: 0, lastError: null },
    budget: { callsLastHour: 12, callsLast10s: 1, budgetPerHour: 400, budgetPer10s: 40, backoffUntil: null, backoffReason: null },
    polling: { policy: 'adaptive', reason: 'regular interval', nextPollInS: 17, currentIntervalS: 60 },
    pollIntervalS: 30,
    effectivePollIntervalS: 45,
    tokenSaved: true,
    movedAt: '2026-01-09T20:00:00.000Z',
    ...overrides,
  };
}

describe('the Netatmo health block', () => {
  it('joins the tracker, the budget and the poll schedule field by field', () => {
    expect(composeNetatmoHealth(parts())).toEqual({
      status: 'ok',
      stale: false,
      lastSuccessAt: '2026-01-10T08:00:00.000Z',
      consecutiveFailures: 0,
      lastError: null,
      callsLastHour: 12,
      callsLast10s: 1,
      budgetPerHour: 400,
      budgetPer10s: 40,
      pollIntervalS: 30,
      effectivePollIntervalS: 45,
      backoffUntil: null,
      pollPolicy: 'adaptive',
      pollReason: 'regular interval',
      nextPollInS: 17,
      currentIntervalS: 60,
      tokenSaved: true,
    });
  });

  it('carries movedAt only while the status is moved', () => {
    const moved = composeNetatmoHealth(parts({ health: { ...parts().health, status: 'moved' } }));
    expect(moved.movedAt).toBe('2026-01-09T20:00:00.000Z');
    expect('movedAt' in composeNetatmoHealth(parts())).toBe(false);
  });

  it('the live report mirrors the token status into the tracker before it reads it', () => {
    const calls: string[] = [];
    const p = parts();
    const report = new NetatmoHealthReport({
      mirrorTokenStatus: () => calls.push('mirror'),
      health: () => (calls.push('health'), p.health),
      budget: () => p.budget,
      polling: () => p.polling,
      pollIntervalS: () => p.pollIntervalS,
      effectivePollIntervalS: () => p.effectivePollIntervalS,
      tokenSaved: () => false,
      movedAt: () => undefined,
    });
    expect(report.read().tokenSaved).toBe(false);
    expect(calls).toEqual(['mirror', 'health']);
  });
});
