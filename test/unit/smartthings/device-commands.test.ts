import { describe, expect, it, vi } from 'vitest';
import { CommandError, type CommandService } from '../../../src/sync/command-types.js';
import { executeCommand, type CommandDeps, type StCommand } from '../../../src/smartthings/device-commands.js';
import { home, room } from '../../helpers/model-builders.js';

function deps(overrides: Partial<CommandService> = {}, defaults: Partial<ReturnType<CommandDeps['defaults']>> = {}) {
  const ok = vi.fn(() => Promise.resolve({ home: home('h1', []), revision: 1 }));
  const commands = {
    setHomeMode: ok,
    switchSchedule: ok,
    backToSchedule: ok,
    setRoomSetpoint: ok,
    setRoomMode: ok,
    refresh: vi.fn(() => Promise.resolve({ revision: 1 })),
    ...overrides,
  } as unknown as CommandService & Record<string, ReturnType<typeof vi.fn>>;
  return { commands, homes: () => [home('h1', [room('r1')])], defaults: () => ({ boostMinutes: 30, ...defaults }) };
}

const cmd = (capability: string, command: string, args: unknown[] = []): StCommand => ({ componentId: 'main', capability, command, arguments: args });
const ROOM = { kind: 'room', homeId: 'h1', roomId: 'r1' } as const;
const HOME = { kind: 'home', homeId: 'h1' } as const;

describe('SmartThings device commands', () => {
  it('setHeatingSetpoint with the raw argument, and the configured override duration', async () => {
    const d = deps({}, { overrideMinutes: 90 });
    const out = await executeCommand(ROOM, cmd('thermostatHeatingSetpoint', 'setHeatingSetpoint', [21.5]), d);
    expect(out).toEqual({ status: 'ok', force: ['main/thermostatHeatingSetpoint/heatingSetpoint', 'main/thermostatMode/thermostatMode'] });
    expect(d.commands.setRoomSetpoint).toHaveBeenCalledWith('h1', 'r1', { temperatureC: 21.5, durationMinutes: 90 });
    await executeCommand(ROOM, cmd('thermostatHeatingSetpoint', 'setHeatingSetpoint', ['70']), d);
    expect(d.commands.setRoomSetpoint).toHaveBeenLastCalledWith('h1', 'r1', { temperatureC: 70, durationMinutes: 90 });
  });

  it('room modes: heat = boost for the boost duration, auto = schedule, away refused on a room', async () => {
    const d = deps();
    await executeCommand(ROOM, cmd('thermostatMode', 'setThermostatMode', ['heat']), d);
    expect(d.commands.setRoomMode).toHaveBeenLastCalledWith('h1', 'r1', { mode: 'boost', durationMinutes: 30 });
    await executeCommand(ROOM, cmd('thermostatMode', 'auto'), d);
    expect(d.commands.setRoomMode).toHaveBeenLastCalledWith('h1', 'r1', { mode: 'schedule' });
    await executeCommand(ROOM, cmd('thermostatMode', 'off'), d);
    expect(d.commands.setRoomMode).toHaveBeenLastCalledWith('h1', 'r1', { mode: 'off' });
    const away = await executeCommand(ROOM, cmd('thermostatMode', 'setThermostatMode', ['away']), d);
    expect(away.status).toBe('refused');
    expect(away.force).toEqual(['main/thermostatMode/thermostatMode']);
  });

  it('home: modes with the away duration, schedule by name, back to schedule, refresh', async () => {
    const d = deps({}, { awayHours: 2 });
    await executeCommand(HOME, cmd('thermostatMode', 'setThermostatMode', ['frostguard']), d);
    expect(d.commands.setHomeMode).toHaveBeenLastCalledWith('h1', { mode: 'frostguard', durationMinutes: 120 });
    await executeCommand(HOME, cmd('thermostatMode', 'setThermostatMode', ['schedule']), d);
    expect(d.commands.setHomeMode).toHaveBeenLastCalledWith('h1', { mode: 'schedule' });
    await executeCommand(HOME, cmd('mode', 'setMode', ['Holidays']), d);
    expect(d.commands.switchSchedule).toHaveBeenCalledWith('h1', 's2');
    expect((await executeCommand(HOME, cmd('mode', 'setMode', ['Nope']), d)).status).toBe('refused');
    await executeCommand(HOME, cmd('momentary', 'push'), d);
    expect(d.commands.backToSchedule).toHaveBeenCalledWith('h1');
    expect(await executeCommand(HOME, cmd('refresh', 'refresh'), d)).toEqual({ status: 'ok', force: ['*'] });
    expect((await executeCommand(HOME, cmd('thermostatHeatingSetpoint', 'setHeatingSetpoint', [20]), d)).status).toBe('unsupported');
  });

  it('a refusal by Netatmo still names the attribute to post back', async () => {
    const d = deps({ setRoomSetpoint: () => Promise.reject(new CommandError('netatmo_error', 'Netatmo refused')) });
    const out = await executeCommand(ROOM, cmd('thermostatHeatingSetpoint', 'setHeatingSetpoint', [22]), d);
    expect(out).toMatchObject({ status: 'refused', force: ['main/thermostatHeatingSetpoint/heatingSetpoint', 'main/thermostatMode/thermostatMode'] });
    expect((await executeCommand(ROOM, cmd('thermostatHeatingSetpoint', 'setHeatingSetpoint', ['warm']), d)).status).toBe('refused');
  });
});
