// SmartThings device commands (DEVICE_COMMANDS_EVENT) → the command service shared with the LAN
// API. Every command of the device model is handled here; the answer names the attributes that
// must be posted back even when unchanged, so the app never stays "pending" — also when Netatmo
// refused (then the unchanged value goes back). Argument values arrive raw: `[21.5]`, `['away']`.
import { z } from 'zod';
import type { Home } from '../model/types.js';
import { CommandError, type CommandService } from '../sync/command-types.js';
import { stToHomeMode, stToRoomMode } from './capability-modes.js';
import type { DeviceRef } from './device-plan.js';

/** One command as the SDK's runtime delivers it (not the .d.ts's DeviceCommand type). */
export interface StCommand {
  componentId: string;
  capability: string;
  command: string;
  arguments: unknown[];
}

export interface CommandDefaults {
  /** Manual setpoint duration; undefined or 0 = the home's own default. */
  overrideMinutes?: number;
  boostMinutes: number;
  /** Away / frost guard duration; undefined or 0 = until changed. */
  awayHours?: number;
}

export interface CommandOutcome {
  status: 'ok' | 'refused' | 'unsupported';
  /** Event keys (component/capability/attribute) to post back; '*' = every attribute. */
  force: string[];
  message?: string;
}

export interface CommandDeps {
  commands: CommandService;
  homes: () => readonly Home[];
  defaults: () => CommandDefaults;
}

export const ALL_ATTRIBUTES = '*';
const SETPOINT_KEY = 'main/thermostatHeatingSetpoint/heatingSetpoint';
const MODE_KEY = 'main/thermostatMode/thermostatMode';
const SCHEDULE_KEY = 'main/mode/mode';

const firstNumber = z.tuple([z.coerce.number().refine(Number.isFinite)]).rest(z.unknown());
const firstString = z.tuple([z.string().min(1)]).rest(z.unknown());

const MODE_SHORTCUTS: Readonly<Record<string, string>> = { auto: 'auto', heat: 'heat', off: 'off', cool: 'cool', emergencyHeat: 'emergency heat' };

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}

export async function executeCommand(ref: DeviceRef, cmd: StCommand, deps: CommandDeps): Promise<CommandOutcome> {
  const key = `${cmd.capability}/${cmd.command}`;
  try {
    switch (key) {
      case 'thermostatHeatingSetpoint/setHeatingSetpoint':
        return await setSetpoint(ref, cmd, deps);
      case 'thermostatMode/setThermostatMode': {
        const parsed = firstString.safeParse(cmd.arguments);
        if (!parsed.success) return refused([MODE_KEY], 'setThermostatMode needs a mode');
        return await setMode(ref, parsed.data[0], deps);
      }
      case 'thermostatMode/auto':
      case 'thermostatMode/heat':
      case 'thermostatMode/off':
      case 'thermostatMode/cool':
      case 'thermostatMode/emergencyHeat':
        return await setMode(ref, MODE_SHORTCUTS[cmd.command] ?? cmd.command, deps);
      case 'mode/setMode':
        return await setSchedule(ref, cmd, deps);
      case 'momentary/push':
        if (ref.kind !== 'home') return unsupported(cmd);
        await deps.commands.backToSchedule(ref.homeId);
        return { status: 'ok', force: [MODE_KEY] };
      case 'refresh/refresh':
        await deps.commands.refresh();
        return { status: 'ok', force: [ALL_ATTRIBUTES] };
      case 'healthCheck/ping':
        return { status: 'ok', force: ['main/healthCheck/healthStatus'] };
      default:
        return unsupported(cmd);
    }
  } catch (error) {
    if (error instanceof CommandError) return refused(forceFor(key), `${error.code}: ${error.message}`);
    throw error;
  }
}

async function setSetpoint(ref: DeviceRef, cmd: StCommand, deps: CommandDeps): Promise<CommandOutcome> {
  if (ref.kind !== 'room') return unsupported(cmd);
  const parsed = firstNumber.safeParse(cmd.arguments);
  if (!parsed.success) return refused([SETPOINT_KEY], 'setHeatingSetpoint needs a number');
  const durationMinutes = positive(deps.defaults().overrideMinutes);
  await deps.commands.setRoomSetpoint(ref.homeId, ref.roomId, { temperatureC: parsed.data[0], ...(durationMinutes ? { durationMinutes } : {}) });
  return { status: 'ok', force: [SETPOINT_KEY, MODE_KEY] };
}

async function setMode(ref: DeviceRef, stMode: string, deps: CommandDeps): Promise<CommandOutcome> {
  const defaults = deps.defaults();
  if (ref.kind === 'room') {
    const mode = stToRoomMode(stMode);
    // away / frost guard belong to the home: the room only shows them.
    if (!mode) return refused([MODE_KEY], `thermostat mode "${stMode}" cannot be set on a room`);
    const durationMinutes = mode === 'boost' ? defaults.boostMinutes : mode === 'manual' ? positive(defaults.overrideMinutes) : undefined;
    await deps.commands.setRoomMode(ref.homeId, ref.roomId, { mode, ...(durationMinutes ? { durationMinutes } : {}) });
    return { status: 'ok', force: [MODE_KEY, SETPOINT_KEY] };
  }
  const mode = stToHomeMode(stMode);
  if (!mode) return refused([MODE_KEY], `thermostat mode "${stMode}" is not a home mode`);
  const hours = positive(defaults.awayHours);
  await deps.commands.setHomeMode(ref.homeId, { mode, ...(mode !== 'schedule' && hours ? { durationMinutes: hours * 60 } : {}) });
  return { status: 'ok', force: [MODE_KEY] };
}

async function setSchedule(ref: DeviceRef, cmd: StCommand, deps: CommandDeps): Promise<CommandOutcome> {
  if (ref.kind !== 'home') return unsupported(cmd);
  const parsed = firstString.safeParse(cmd.arguments);
  const home = deps.homes().find((h) => h.id === ref.homeId);
  const schedule = parsed.success ? home?.schedules.find((s) => s.name === parsed.data[0] || s.id === parsed.data[0]) : undefined;
  if (!schedule) return refused([SCHEDULE_KEY], `no schedule named "${parsed.success ? parsed.data[0] : '?'}"`);
  await deps.commands.switchSchedule(ref.homeId, schedule.id);
  return { status: 'ok', force: [SCHEDULE_KEY] };
}

function forceFor(key: string): string[] {
  if (key.startsWith('thermostatHeatingSetpoint/')) return [SETPOINT_KEY, MODE_KEY];
  if (key.startsWith('thermostatMode/') || key === 'momentary/push') return [MODE_KEY];
  if (key.startsWith('mode/')) return [SCHEDULE_KEY];
  return [];
}

function refused(force: string[], message: string): CommandOutcome {
  return { status: 'refused', force, message };
}

function unsupported(cmd: StCommand): CommandOutcome {
  return { status: 'unsupported', force: [], message: `${cmd.capability}.${cmd.command} is not a command of this device` };
}
