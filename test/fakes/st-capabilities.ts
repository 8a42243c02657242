// The standard SmartThings capabilities the bridge's device profiles use, as SmartThings defines
// them (attribute values, ranges, units; command arguments). Sources and notes: docs/smartthings.md
// "Capabilities we use". The fake cloud checks every posted event and device configuration
// against this table, and the lifecycle tests send every command it lists.

export type AttributeDef =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enumArray'; values: readonly string[] }
  | { kind: 'number'; min: number; max: number; integer?: boolean; units?: readonly string[]; unitRequired?: boolean }
  | { kind: 'string' }
  | { kind: 'stringArray' };

export type ArgumentDef = { kind: 'number'; min: number; max: number } | { kind: 'enum'; values: readonly string[] } | { kind: 'string' };

export interface CapabilityDef {
  attributes: Readonly<Record<string, AttributeDef>>;
  commands: Readonly<Record<string, readonly ArgumentDef[]>>;
}

const TEMPERATURE = { kind: 'number', min: -460, max: 10_000, units: ['C', 'F'], unitRequired: true } as const;

export const THERMOSTAT_MODES = [
  'asleep', 'auto', 'autowitheco', 'autowithreset', 'autochangeover', 'autochangeoveractive', 'autocool', 'autoheat',
  'auxheatonly', 'auxiliaryemergencyheat', 'away', 'cool', 'custom', 'dayoff', 'dryair', 'eco', 'emergency heat',
  'emergencyheat', 'emergencyheatactive', 'energysavecool', 'energysaveheat', 'fanonly', 'frostguard', 'furnace', 'heat',
  'heatingoff', 'home', 'in', 'manual', 'moistair', 'off', 'out', 'resume', 'rush hour', 'rushhour', 'schedule', 'southernaway',
] as const;

export const CAPABILITIES: Readonly<Record<string, CapabilityDef>> = {
  temperatureMeasurement: { attributes: { temperature: TEMPERATURE }, commands: {} },
  thermostatHeatingSetpoint: {
    attributes: { heatingSetpoint: TEMPERATURE },
    commands: { setHeatingSetpoint: [{ kind: 'number', min: -460, max: 10_000 }] },
  },
  thermostatMode: {
    attributes: {
      thermostatMode: { kind: 'enum', values: THERMOSTAT_MODES },
      supportedThermostatModes: { kind: 'enumArray', values: THERMOSTAT_MODES },
    },
    commands: { setThermostatMode: [{ kind: 'enum', values: THERMOSTAT_MODES }], auto: [], cool: [], emergencyHeat: [], heat: [], off: [] },
  },
  thermostatOperatingState: {
    attributes: { thermostatOperatingState: { kind: 'enum', values: ['cooling', 'fan only', 'heating', 'idle', 'pending cool', 'pending heat', 'vent economizer'] } },
    commands: {},
  },
  battery: { attributes: { battery: { kind: 'number', min: 0, max: 100, integer: true, units: ['%'] } }, commands: {} },
  contactSensor: { attributes: { contact: { kind: 'enum', values: ['closed', 'open'] } }, commands: {} },
  signalStrength: {
    attributes: { lqi: { kind: 'number', min: 0, max: 255, integer: true }, rssi: { kind: 'number', min: -200, max: 0, units: ['dBm'] } },
    commands: {},
  },
  healthCheck: {
    attributes: {
      healthStatus: { kind: 'enum', values: ['online', 'offline'] },
      'DeviceWatch-DeviceStatus': { kind: 'enum', values: ['online', 'offline'] },
      checkInterval: { kind: 'number', min: 0, max: 604_800, integer: true, units: ['s'] },
    },
    commands: { ping: [] },
  },
  refresh: { attributes: {}, commands: { refresh: [] } },
  momentary: { attributes: {}, commands: { push: [] } },
  mode: { attributes: { mode: { kind: 'string' }, supportedModes: { kind: 'stringArray' } }, commands: { setMode: [{ kind: 'string' }] } },
};

/** Why this value/unit does not fit the attribute, or null when it does. */
export function attributeProblem(def: AttributeDef, value: unknown, unit: unknown): string | null {
  const unitProblem = (units: readonly string[] | undefined, required: boolean | undefined): string | null => {
    if (units === undefined) return unit === undefined ? null : `takes no unit (got ${JSON.stringify(unit)})`;
    if (unit === undefined) return required ? `needs a unit (${units.join('/')})` : null;
    return typeof unit === 'string' && units.includes(unit) ? null : `unit must be ${units.join('/')} (got ${JSON.stringify(unit)})`;
  };
  switch (def.kind) {
    case 'enum':
      return typeof value === 'string' && def.values.includes(value) ? unitProblem(undefined, false) : `"${String(value)}" is not one of its values`;
    case 'enumArray':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && def.values.includes(v)) ? unitProblem(undefined, false) : 'has a value outside its enum';
    case 'string':
      return typeof value === 'string' ? unitProblem(undefined, false) : 'must be a string';
    case 'stringArray':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? unitProblem(undefined, false) : 'must be an array of strings';
    case 'number': {
      const ok = typeof value === 'number' && Number.isFinite(value) && value >= def.min && value <= def.max && (!def.integer || Number.isInteger(value));
      return ok ? unitProblem(def.units, def.unitRequired) : `${String(value)} is outside ${def.min}…${def.max}${def.integer ? ' (integer)' : ''}`;
    }
  }
}
