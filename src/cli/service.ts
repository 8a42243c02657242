// `netatmo-bridge service install | uninstall | status` (Linux, systemd): the bridge as a system
// service the way an owner wants it on a Raspberry Pi — its own user, the data in
// /var/lib/netatmo-bridge, settings in /etc/netatmo-bridge/bridge.env, started at boot, restarted
// when it dies. `install --dry-run` prints the unit and changes nothing (no root needed).
import path from 'node:path';
import { booleanValue, stringValue, type ParsedArgs } from './args.js';
import type { Command } from './command.js';
import { readUnitFacts, SERVICE_DATA_DIR, SERVICE_ENV_FILE, SERVICE_NAME, SERVICE_UNIT_FILE } from './data-location.js';
import { complain, say, type CliIo } from './io.js';
import { cliEntryPoint, PACKAGE_ROOT, PACKAGE_VERSION } from './package-info.js';
import { realSystem, type ServiceSystem } from './service-system.js';
import { renderServiceUnit, unitPathProblem, type UnitParams } from './service-unit.js';

export const serviceCommand: Command = {
  name: 'service',
  summary: 'install | uninstall | status of the systemd service (Linux; install and uninstall need root)',
  usage: 'service install|uninstall|status [--dry-run] [--user NAME] [--data-dir DIR]',
  details: [
    'install    writes /etc/systemd/system/netatmo-bridge.service for this package and this node, creates',
    '           the user and the data directory, then enables and starts the service',
    'uninstall  stops and disables it and removes the unit (the data directory and settings stay)',
    'status     whether it is installed, enabled and running, and where its data is',
  ],
  args: {
    positionals: { min: 1, max: 1, names: 'install, uninstall or status' },
    options: {
      'dry-run': { type: 'boolean', help: 'print the unit (install) and what would be done; change nothing' },
      user: { type: 'string', value: 'NAME', help: `user the service runs as (default ${SERVICE_NAME}, created when missing)` },
      'data-dir': { type: 'string', value: 'DIR', help: `data directory of the service (default ${SERVICE_DATA_DIR})` },
    },
  },
  run: (args, io) => Promise.resolve(serviceMain(args, io, realSystem)),
};

export function serviceMain(args: ParsedArgs, io: CliIo, system: ServiceSystem): number {
  const action = args.positionals[0];
  if (action !== 'install' && action !== 'uninstall' && action !== 'status') {
    complain(io, `netatmo-bridge service: unknown action "${action ?? ''}"; say install, uninstall or status.`);
    return 1;
  }
  const dryRun = booleanValue(args, 'dry-run');
  const refusal = refuse(system, action, dryRun, args);
  if (refusal) {
    complain(io, refusal);
    return 1;
  }
  if (action === 'status') return serviceStatus(io, system);
  if (action === 'uninstall') return uninstall(io, system, dryRun);
  return install(io, system, unitParams(args, system), dryRun);
}

/** Why the action cannot run here, or null. */
function refuse(system: ServiceSystem, action: string, dryRun: boolean, args: ParsedArgs): string | null {
  if (dryRun && action === 'install') return null;
  if (system.platform !== 'linux') return `"netatmo-bridge service" sets up a systemd service, which needs Linux (this is ${system.platform}). Run "netatmo-bridge start" under your own supervisor, or use Docker (docs/operations.md).`;
  if (!system.hasSystemd()) {
    return 'systemd is not running on this machine (no /run/systemd/system), so there is no service to manage. Use Docker (docs/operations.md), or start the bridge with "netatmo-bridge start" from your init system. "netatmo-bridge service install --dry-run" still prints the unit.';
  }
  if (action !== 'status' && !dryRun && !system.isRoot()) {
    // Absolute paths: sudo resets PATH, so a node from nvm or a user prefix would not be found.
    const words = ['sudo', process.execPath, cliEntryPoint(), 'service', action, ...optionWords(args)];
    return `"service ${action}" changes system files and needs root. Run:\n  ${words.join(' ')}`;
  }
  return null;
}

function optionWords(args: ParsedArgs): string[] {
  return Object.entries(args.values).flatMap(([name, value]) => (value === true ? [`--${name}`] : typeof value === 'string' ? [`--${name}`, value] : []));
}

function unitParams(args: ParsedArgs, system: ServiceSystem): UnitParams {
  return {
    user: stringValue(args, 'user') ?? SERVICE_NAME,
    nodePath: system.realpath(process.execPath),
    packageDir: system.realpath(PACKAGE_ROOT),
    dataDir: path.resolve(stringValue(args, 'data-dir') ?? SERVICE_DATA_DIR),
    envFile: SERVICE_ENV_FILE,
    origin: `Written by "netatmo-bridge service install" (netatmo-bridge ${PACKAGE_VERSION}); run it again after moving node or the package.`,
  };
}

function install(io: CliIo, system: ServiceSystem, params: UnitParams, dryRun: boolean): number {
  const problem = unitPathProblem(params);
  if (problem) {
    complain(io, `Cannot write the unit: ${problem}.`);
    return 1;
  }
  const unit = renderServiceUnit(params);
  if (dryRun) {
    io.stdout.write(unit);
    complain(io, `# dry run: nothing changed. "sudo netatmo-bridge service install" would write ${SERVICE_UNIT_FILE}, create the user ${params.user} if missing, ${params.dataDir} (mode 0700) and ${path.dirname(params.envFile)}, then run systemctl daemon-reload and systemctl enable --now ${SERVICE_NAME}.`);
    return 0;
  }
  const steps: Array<[string, () => string | null]> = [
    [`user ${params.user}`, () => ensureUser(system, params.user)],
    [`settings ${params.envFile}`, () => ensureSettings(system, params)],
    [`data directory ${params.dataDir}`, () => ensureDataDir(system, params)],
    [`access for ${params.user} to ${params.packageDir}`, () => checkReadable(system, params)],
    [`unit ${SERVICE_UNIT_FILE}`, () => (system.writeText(SERVICE_UNIT_FILE, unit, 0o644), null)],
    ['systemctl daemon-reload', () => systemctl(system, ['daemon-reload'])],
    [`systemctl enable ${SERVICE_NAME}`, () => systemctl(system, ['enable', SERVICE_NAME])],
    [`systemctl restart ${SERVICE_NAME}`, () => systemctl(system, ['restart', SERVICE_NAME])],
  ];
  for (const [what, step] of steps) {
    const failure = step();
    if (failure) {
      complain(io, `Install stopped at ${what}: ${failure}`);
      return 1;
    }
    say(io, `ok  ${what}`);
  }
  say(io, `The bridge runs as a service now (node ${params.nodePath}, package ${params.packageDir}).`);
  say(io, `Log and status page address: journalctl -u ${SERVICE_NAME} -f. Settings: sudoedit ${params.envFile}, then sudo systemctl restart ${SERVICE_NAME}.`);
  say(io, `The CLI finds the service's data by itself: sudo -u ${params.user} netatmo-bridge doctor (or status, pair).`);
  return 0;
}

function ensureUser(system: ServiceSystem, user: string): string | null {
  if (system.run('id', ['-u', user]).status === 0) return null;
  if (user !== SERVICE_NAME) return `the user ${user} does not exist (create it, or leave --user out to get the ${SERVICE_NAME} system user)`;
  const made = system.run('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', user]);
  return made.status === 0 ? null : `useradd failed: ${made.stderr.trim()}`;
}

function ensureSettings(system: ServiceSystem, params: UnitParams): string | null {
  const dir = path.dirname(params.envFile);
  if (!system.exists(dir)) system.mkdir(dir, 0o750);
  system.run('chown', [`root:${params.user}`, dir]);
  if (system.exists(params.envFile)) return null;
  // The documented example, every line commented or a default; DATA_DIR stays out (the unit sets it).
  system.copy(path.join(params.packageDir, '.env.example'), params.envFile, 0o640);
  system.run('chown', [`root:${params.user}`, params.envFile]);
  return null;
}

function ensureDataDir(system: ServiceSystem, params: UnitParams): string | null {
  if (params.dataDir.startsWith('/var/lib/')) return null; // StateDirectory= creates and owns it
  system.mkdir(params.dataDir, 0o700);
  system.chown(params.dataDir, params.user);
  return null;
}

/** Raspberry Pi OS keeps home directories at 0700: a package installed there is unreadable to another user. */
function checkReadable(system: ServiceSystem, params: UnitParams): string | null {
  const probe = system.run('runuser', ['-u', params.user, '--', 'test', '-r', path.join(params.packageDir, 'dist', 'main.js'), '-a', '-x', params.nodePath]);
  if (probe.status === 0 || probe.status === null) return null; // no runuser: systemd will say so
  return `${params.user} cannot read ${params.packageDir} or run ${params.nodePath} (a home directory with mode 0700?). Install the package globally (sudo npm install -g netatmo-smartthings-bridge) or use --user with your own user name.`;
}

function systemctl(system: ServiceSystem, args: readonly string[]): string | null {
  const result = system.run('systemctl', args);
  return result.status === 0 ? null : `systemctl ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()} (see journalctl -u ${SERVICE_NAME})`;
}

function uninstall(io: CliIo, system: ServiceSystem, dryRun: boolean): number {
  const unit = system.readText(SERVICE_UNIT_FILE);
  if (unit === null) {
    say(io, `${SERVICE_UNIT_FILE} does not exist: nothing to uninstall.`);
    return 0;
  }
  const facts = readUnitFacts(unit);
  if (dryRun) {
    say(io, `dry run: would run systemctl disable --now ${SERVICE_NAME}, remove ${SERVICE_UNIT_FILE} and run systemctl daemon-reload.`);
    return 0;
  }
  const failure = systemctl(system, ['disable', '--now', SERVICE_NAME]);
  if (failure) {
    complain(io, failure);
    return 1;
  }
  system.remove(SERVICE_UNIT_FILE);
  systemctl(system, ['daemon-reload']);
  say(io, `The service is stopped, disabled and removed. Kept: the data in ${facts.dataDir ?? SERVICE_DATA_DIR} and the settings in ${facts.envFile ?? SERVICE_ENV_FILE} (delete them yourself if you want).`);
  return 0;
}

function serviceStatus(io: CliIo, system: ServiceSystem): number {
  const unit = system.readText(SERVICE_UNIT_FILE);
  if (unit === null) {
    say(io, `Not installed (no ${SERVICE_UNIT_FILE}). Install it with: sudo netatmo-bridge service install`);
    return 1;
  }
  const facts = readUnitFacts(unit);
  const enabled = system.run('systemctl', ['is-enabled', SERVICE_NAME]).stdout.trim() || 'unknown';
  const active = system.run('systemctl', ['is-active', SERVICE_NAME]).stdout.trim() || 'unknown';
  const execStart = /^ExecStart=(.+)$/m.exec(unit)?.[1] ?? '?';
  say(io, `Service ${SERVICE_NAME}: ${active}, ${enabled === 'enabled' ? 'starts at boot' : `not started at boot (${enabled})`}.`);
  say(io, `Runs: ${execStart} as ${facts.user ?? '?'}; data: ${facts.dataDir ?? SERVICE_DATA_DIR}; settings: ${facts.envFile ?? SERVICE_ENV_FILE}.`);
  say(io, `Log: journalctl -u ${SERVICE_NAME} -f`);
  return active === 'active' ? 0 : 1;
}
