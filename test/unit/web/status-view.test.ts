// The status page's words: connection states, data age, rooms, hub link — and the rendered panel
// escapes names that come from Netatmo.
import { describe, expect, it } from 'vitest';
import type { BridgeInfo } from '../../../src/lan/state-document.js';
import type { Home, NetatmoHealth, Room } from '../../../src/model/types.js';
import { renderStatusPanel } from '../../../src/web/status-render.js';
import { buildStatusView, type StatusSource } from '../../../src/web/status-view.js';
import { home as aHome, room as aRoom } from '../../helpers/model-builders.js';

const NOW = Date.parse('2025-01-15T12:00:00Z');
const bridge: BridgeInfo = { id: 'b', name: 'Netatmo Bridge', version: '1.0.0', startedAt: '2025-01-15T10:00:00Z', preferredPath: 'lan', simulated: false };
const health: NetatmoHealth = {
  status: 'ok', stale: false, lastSuccessAt: '2025-01-15T11:59:00Z', consecutiveFailures: 0, lastError: null,
  callsLastHour: 42, callsLast10s: 1, budgetPerHour: 400, budgetPer10s: 40, pollIntervalS: 60, effectivePollIntervalS: 60, backoffUntil: null, tokenSaved: true,
  pollPolicy: 'adaptive', pollReason: 'quiet hours', nextPollInS: 37, currentIntervalS: 55,
};
const room: Room = aRoom('r1', {
  name: 'Living <room>', measuredC: 20.54, setpointC: 21, setpointMode: 'manual', setpointEndsAt: '2025-01-15T13:30:00Z', heatingPowerRequest: 45, batteryPercent: 12, modules: [],
});
const home: Home = aHome('h1', [room], { name: 'Home', schedules: [{ id: 's', name: 'Winter', selected: true }], awayTempC: 16 });

function source(overrides: Partial<StatusSource> = {}): StatusSource {
  return { bridge, health, homes: [home], hubs: [], lastHubPollAt: null, pairingClosesAt: null, storeProblem: null, nowMs: NOW, ...overrides };
}

describe('buildStatusView', () => {
  it('says each connection state in words', () => {
    expect(buildStatusView(source()).netatmo).toMatchObject({ headline: 'Connected to Netatmo', tone: 'ok', dataAgeText: 'updated 60 s ago', dataAgeS: 60 });
    expect(buildStatusView(source({ health: { ...health, status: 'auth_required' } })).netatmo.headline).toBe('Netatmo must be reconnected');
    expect(buildStatusView(source({ health: { ...health, status: 'not_configured', lastSuccessAt: null } })).netatmo).toMatchObject({ tone: 'warn', dataAgeText: 'no data read yet' });
    expect(buildStatusView(source({ health: { ...health, status: 'down', stale: true } })).netatmo.tone).toBe('bad');
    expect(buildStatusView(source({ health: { ...health, stale: true } })).netatmo.headline).toBe('Connected, but the data is old');
  });

  it('never says "Connected" while the sign-in lives only in memory, and says why the data file is not saved', () => {
    const unsaved = buildStatusView(source({ health: { ...health, tokenSaved: false } }));
    expect(unsaved.netatmo).toMatchObject({ tone: 'warn', headline: 'Connected, but the Netatmo sign-in is not saved', tokenSaved: false });
    expect(unsaved.dataFile).toEqual({ saving: true, problem: null, since: null });
    const stopped = buildStatusView(source({ storeProblem: { reason: 'newer_file', message: 'Stopped saving the bridge data: …', since: '2025-01-15T11:00:00Z' } }));
    expect(stopped.dataFile).toEqual({ saving: false, problem: 'Stopped saving the bridge data: …', since: '2025-01-15T11:00:00Z' });
  });

  it('says the bridge is starting, and why a home is not current', () => {
    expect(buildStatusView(source({ health: { ...health, status: 'starting', stale: true } })).netatmo).toMatchObject({ headline: 'Starting: reading Netatmo', tone: 'neutral' });
    const refused = { ...home, reachable: false, error: { kind: 'forbidden' as const, code: 13, message: 'Netatmo refused the operation', at: '2025-01-15T11:50:00Z' } };
    const view = buildStatusView(source({ homes: [refused, { ...home, id: 'h2', reachable: false }, { ...home, id: 'h3' }] }));
    expect(view.homes.map((h) => h.problem)).toEqual(['Netatmo refused the operation', 'Netatmo cannot reach this home right now', null]);
    expect(renderStatusPanel(view).value).toContain('⚠ Netatmo refused the operation');
  });

  it('shows the last error with its age', () => {
    const view = buildStatusView(source({ health: { ...health, lastError: { kind: 'server', code: null, message: 'Netatmo answered 503', at: '2025-01-15T11:50:00Z' } } }));
    expect(view.netatmo.lastError).toEqual({ message: 'Netatmo answered 503', at: '2025-01-15T11:50:00Z', agoText: '10 min ago' });
  });

  it('describes rooms: temperatures, mode with end time in the home’s zone, heating demand, low battery, window', () => {
    const [roomView] = buildStatusView(source()).homes[0]!.rooms;
    expect(roomView).toMatchObject({
      measuredText: '20.5 °C',
      setpointText: '21.0 °C',
      modeText: 'Manual until 14:30',
      heatingText: 'Heating (45 %)',
      batteryText: 'Low, 12 %',
      batteryLow: true,
      windowText: 'Closed',
    });
    expect(buildStatusView(source()).homes[0]).toMatchObject({ modeText: 'Following the schedule', schedule: 'Winter' });
  });

  it('reports the hub link and the pairing window', () => {
    const view = buildStatusView(
      source({
        hubs: [
          { address: '192.168.1.30', userAgent: 'st', lastSeenAt: '2025-01-15T11:59:50Z', paired: true, driver: { version: '1.1.0', apiLevel: 2 } },
          { address: '192.168.1.31', userAgent: 'LuaSocket 3.0', lastSeenAt: '2025-01-15T11:59:40Z', paired: false, driver: { version: null, apiLevel: 1 } },
        ],
        lastHubPollAt: '2025-01-15T11:59:50Z',
        pairingClosesAt: '2025-01-15T12:04:00Z',
      }),
    );
    expect(view.hubs.lastPollText).toBe('10 s ago');
    expect(view.hubs.list[0]).toMatchObject({ address: '192.168.1.30', paired: true, driverText: '1.1.0 (LAN API 2)', driverUpdate: null });
    expect(view.hubs.list[1]).toMatchObject({ driverText: 'older, no version sent (LAN API 1)' });
    expect(view.hubs.list[1]?.driverUpdate).toMatch(/speaks LAN API 1; this bridge speaks 2\. It keeps working, but update the driver.*driver\/README\.md/);
    expect(view.hubs.bridgeApiLevel).toBe(2);
    expect(view.pairing).toEqual({ open: true, closesAt: '2025-01-15T12:04:00Z', closesText: 'in 4 min' });
  });
});

describe('renderStatusPanel', () => {
  it('escapes names from Netatmo and labels the demo', () => {
    const markup = renderStatusPanel(buildStatusView(source({ bridge: { ...bridge, simulated: true } }))).value;
    expect(markup).toContain('Living &#60;room&#62;');
    expect(markup).not.toContain('Living <room>');
    expect(markup).toContain('SIMULATED HOME (demo)');
    expect(renderStatusPanel(buildStatusView(source())).value).not.toContain('SIMULATED HOME');
  });
});
