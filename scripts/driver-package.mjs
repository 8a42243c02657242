#!/usr/bin/env node
// Validates the SmartThings Edge driver package in driver/ and writes the zip the SmartThings CLI
// would build with `smartthings edge:drivers:package driver --build-only <zip>`:
// config.yml, search-parameters.yml, profiles/*.yml and src/** (without src/test/**, src/tests/**)
// at the root of the zip, .yaml renamed to .yml.
// The CLI only checks that files exist and YAML parses; this also checks what the hub would
// reject later: every profile the Lua code names exists, every capability it emits or handles is
// in a profile, enum values are valid, preferences the code reads are declared.
// Usage: node scripts/driver-package.mjs [--driver <dir>] [--out <zip>]
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { zipSync } from 'fflate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index > 0 && process.argv[index + 1] ? resolve(process.argv[index + 1]) : fallback;
}
const driverDir = argument('--driver', join(root, 'driver'));
const outFile = argument('--out', join(root, 'build', 'netatmo-bridge-driver.zip'));

// Capability facts from the SmartThings capability definitions (lua_libs API v3 generated files).
const THERMOSTAT_MODES = [
  'asleep', 'auto', 'autowitheco', 'autowithreset', 'autochangeover', 'autochangeoveractive', 'autocool',
  'autoheat', 'auxheatonly', 'auxiliaryemergencyheat', 'away', 'cool', 'custom', 'dayoff', 'dryair', 'eco',
  'emergency heat', 'emergencyheat', 'emergencyheatactive', 'energysavecool', 'energysaveheat', 'fanonly',
  'frostguard', 'furnace', 'heat', 'heatingoff', 'home', 'in', 'manual', 'moistair', 'off', 'out', 'resume',
  'rush hour', 'rushhour', 'schedule', 'southernaway',
];
const ENUMS = {
  'thermostatMode.thermostatMode': THERMOSTAT_MODES,
  'thermostatOperatingState.thermostatOperatingState': [
    'cooling', 'fan only', 'heating', 'idle', 'pending cool', 'pending heat', 'vent economizer',
  ],
  'contactSensor.contact': ['open', 'closed'],
};
const KNOWN_CAPABILITIES = new Set([
  'battery', 'contactSensor', 'healthCheck', 'mode', 'momentary', 'refresh', 'signalStrength', 'switch',
  'temperatureMeasurement', 'thermostatHeatingSetpoint', 'thermostatMode', 'thermostatOperatingState',
]);

const problems = [];
const problem = (message) => problems.push(message);

function readYaml(path) {
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    problem(`${relative(driverDir, path)}: YAML does not parse: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function firstExisting(...names) {
  return names.map((name) => join(driverDir, name)).find((path) => existsSync(path));
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) problem(`${relative(driverDir, path)}: symlinks are not allowed in a driver package`);
    else if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out.sort();
}

// --- files and YAML ---------------------------------------------------------------------------
if (!existsSync(driverDir) || !statSync(driverDir).isDirectory()) {
  console.error(`driver:package: no driver folder at ${driverDir}`);
  process.exit(1);
}
const configPath = firstExisting('config.yml', 'config.yaml');
const searchPath = firstExisting('search-parameters.yml', 'search-parameters.yaml');
const initPath = join(driverDir, 'src', 'init.lua');
const profilesDir = join(driverDir, 'profiles');
if (!configPath) problem('missing main config.yml (or config.yaml)');
if (!searchPath) problem('missing search-parameters.yml: a LAN driver needs its SSDP search term');
if (!existsSync(initPath)) problem('missing required src/init.lua');
if (!existsSync(profilesDir)) problem('missing profiles/ folder');

const config = configPath ? readYaml(configPath) : undefined;
if (config) {
  if (typeof config.name !== 'string' || config.name === '') problem('config.yml: name missing');
  if (typeof config.packageKey !== 'string' || config.packageKey === '') problem('config.yml: packageKey missing');
  if (!config.permissions || !('lan' in config.permissions)) problem('config.yml: permissions.lan missing');
  if (!config.permissions || !('discovery' in config.permissions)) problem('config.yml: permissions.discovery missing');
}

const srcFiles = existsSync(join(driverDir, 'src')) ? listFiles(join(driverDir, 'src')) : [];
const packagedSrc = srcFiles.filter((file) => !/^src\/(test|tests)\//.test(relative(driverDir, file)));
const luaSources = new Map(
  packagedSrc.filter((file) => file.endsWith('.lua')).map((file) => [relative(driverDir, file), readFileSync(file, 'utf8')]),
);
const allLua = [...luaSources.values()].join('\n');

const searchParameters = searchPath ? readYaml(searchPath) : undefined;
const searchTerm = /SEARCH_TARGET\s*=\s*"([^"]+)"/.exec(allLua)?.[1];
if (searchParameters) {
  const terms = (searchParameters.ssdp ?? []).map((entry) => entry?.searchTerm);
  if (!searchTerm) problem('src: consts.SEARCH_TARGET not found');
  else if (!terms.includes(searchTerm)) problem(`search-parameters.yml: ssdp searchTerm ${searchTerm} (used by the driver) missing`);
}

const profileFiles = existsSync(profilesDir) ? listFiles(profilesDir) : [];
const profiles = new Map(); // profile name -> { file, components: Map<id, Set<capability>>, preferences: Set }
for (const file of profileFiles) {
  const rel = relative(driverDir, file);
  if (!/\.ya?ml$/.test(file)) {
    problem(`${rel}: only .yml/.yaml files may be in profiles/`);
    continue;
  }
  const doc = readYaml(file);
  if (!doc) continue;
  if (typeof doc.name !== 'string') {
    problem(`${rel}: profile name missing`);
    continue;
  }
  if (profiles.has(doc.name)) problem(`${rel}: profile name ${doc.name} used twice`);
  const components = new Map();
  for (const component of doc.components ?? []) {
    const caps = new Set();
    for (const capability of component.capabilities ?? []) {
      if (!KNOWN_CAPABILITIES.has(capability.id)) problem(`${rel}: unknown capability ${capability.id}`);
      if (capability.version !== 1) problem(`${rel}: capability ${capability.id} needs version: 1`);
      caps.add(capability.id);
    }
    components.set(component.id, caps);
    if (component.id === 'main' && !(component.categories?.length > 0)) problem(`${rel}: main component has no categories`);
  }
  if (!components.has('main')) problem(`${rel}: no main component`);
  const preferences = new Set((doc.preferences ?? []).map((preference) => preference.name));
  for (const preference of doc.preferences ?? []) {
    const type = preference.preferenceType;
    if (!['integer', 'number', 'boolean', 'string', 'enumeration'].includes(type)) {
      problem(`${rel}: preference ${preference.name} has an unknown preferenceType ${type}`);
    }
    const definition = preference.definition ?? {};
    if ((type === 'integer' || type === 'number') && definition.default !== undefined
      && (definition.default < definition.minimum || definition.default > definition.maximum)) {
      problem(`${rel}: preference ${preference.name} default is outside its range`);
    }
  }
  for (const component of doc.components ?? []) {
    for (const capability of component.capabilities ?? []) {
      for (const value of capability.config?.values ?? []) {
        if (value.key === 'heatingSetpoint.value') {
          const min = Number(/SETPOINT_MIN_C\s*=\s*([\d.]+)/.exec(allLua)?.[1]);
          const max = Number(/SETPOINT_MAX_C\s*=\s*([\d.]+)/.exec(allLua)?.[1]);
          const step = Number(/SETPOINT_STEP_C\s*=\s*([\d.]+)/.exec(allLua)?.[1]);
          if (value.range?.[0] !== min || value.range?.[1] !== max || value.step !== step) {
            problem(`${rel}: heatingSetpoint range/step ${JSON.stringify(value.range)}/${value.step} differs from the driver's ${min}–${max}/${step}`);
          }
        }
      }
    }
  }
  profiles.set(doc.name, { file: rel, components, preferences });
}

// --- what the Lua code uses -------------------------------------------------------------------
for (const [, name] of allLua.matchAll(/"(netatmo-[\w-]+\.v\d+)"/g)) {
  if (!profiles.has(name)) problem(`src: profile ${name} is named in the code but no profile file defines it`);
}

function componentHasCapability(component, capability) {
  return [...profiles.values()].some((profile) => profile.components.get(component)?.has(capability));
}

const emitPattern = /\b(?:ev|add)\(\s*"(\w+)",\s*"(\w+)",\s*"(\w+)",\s*([^\n]*)/g;
let emitted = 0;
for (const [file, text] of luaSources) {
  for (const [, component, capability, attribute, rest] of text.matchAll(emitPattern)) {
    emitted += 1;
    if (!componentHasCapability(component, capability)) {
      problem(`${file}: emits ${capability}.${attribute} on component ${component}, which no profile has`);
    }
    const allowed = ENUMS[`${capability}.${attribute}`];
    if (allowed) {
      for (const [, literal] of rest.matchAll(/"([^"]*)"/g)) {
        if (!allowed.includes(literal)) problem(`${file}: ${capability}.${attribute} value "${literal}" is not in the enum`);
      }
    }
  }
  for (const [, capability] of text.matchAll(/\bcaps\.(\w+)\.(?:ID|commands)\b/g)) {
    if (!componentHasCapability('main', capability)) problem(`${file}: handles ${capability} commands, which no profile has`);
  }
}
if (emitted === 0) problem('src: found no emitted events (mapping.lua ev()/add() calls) to check');

// Mode tables: every SmartThings-side value must be in the thermostatMode enum.
const modesLua = luaSources.get('src/modes.lua') ?? '';
for (const table of ['HOME_TO_ST', 'ROOM_TO_ST']) {
  const body = new RegExp(`modes\\.${table}\\s*=\\s*\\{([^}]*)\\}`).exec(modesLua)?.[1];
  if (body === undefined) problem(`src/modes.lua: table ${table} not found`);
  for (const [, value] of (body ?? '').matchAll(/=\s*"([^"]*)"/g)) {
    if (!THERMOSTAT_MODES.includes(value)) problem(`src/modes.lua: ${table} maps to "${value}", not a thermostatMode value`);
  }
}
for (const table of ['HOME_SUPPORTED', 'ROOM_SUPPORTED']) {
  const body = new RegExp(`modes\\.${table}\\s*=\\s*\\{([^}]*)\\}`).exec(modesLua)?.[1];
  if (body === undefined) problem(`src/modes.lua: list ${table} not found`);
  for (const [, value] of (body ?? '').matchAll(/"([^"]*)"/g)) {
    if (!THERMOSTAT_MODES.includes(value)) problem(`src/modes.lua: ${table} lists "${value}", not a thermostatMode value`);
  }
}

// Preferences the code reads must be declared in a profile.
const declaredPreferences = new Set([...profiles.values()].flatMap((profile) => [...profile.preferences]));
const readPreferences = new Set([
  ...[...allLua.matchAll(/preferences\.(\w+)/g)].map((match) => match[1]),
  ...[...allLua.matchAll(/\b(?:preference_number|preference|changed)\([^()]*?"(\w+)"\)/g)].map((match) => match[1]),
]);
for (const name of readPreferences) {
  if (!declaredPreferences.has(name)) problem(`src: reads preference ${name}, which no profile declares`);
}

if (problems.length > 0) {
  console.error(`driver:package: ${problems.length} problem(s) in ${relative(root, driverDir) || driverDir}:`);
  for (const message of problems) console.error(`  - ${message}`);
  process.exit(1);
}

// --- zip --------------------------------------------------------------------------------------
// A fixed timestamp keeps the zip byte-identical for identical sources.
const mtime = new Date('2026-01-01T00:00:00Z');
const entries = {};
const add = (name, file) => {
  entries[name] = [new Uint8Array(readFileSync(file)), { mtime }];
};
add('config.yml', configPath);
add('search-parameters.yml', searchPath);
// Folder entries as the CLI writes them (src/, profiles/, and any sub-folder of src/).
const folder = (name) => {
  entries[name] = [new Uint8Array(0), { mtime }];
};
folder('profiles/');
for (const file of profileFiles) add(relative(driverDir, file).replace(/\.yaml$/, '.yml'), file);
const srcFolders = new Set(packagedSrc.map((file) => `${dirname(relative(driverDir, file))}/`));
for (const name of [...srcFolders].sort()) folder(name);
for (const file of packagedSrc) add(relative(driverDir, file), file);
const zip = zipSync(entries, { level: 9 });
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, zip);
console.log(`wrote ${relative(root, outFile) || outFile} (${Object.keys(entries).length} entries, ${zip.length} bytes; ` +
  `${profiles.size} profiles, ${emitted} emitted attributes checked)`);
