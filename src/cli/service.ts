// `netatmo-bridge service install | uninstall | status` (Linux, systemd): the bridge as a system
// service the way an owner wants it on a Raspberry Pi — its own user, the data in
// /var/lib/netatmo-bridge, settings in /etc/netatmo-bridge/bridge.env, started at boot, restarted
// when it dies. `install --dry-run` prints the unit and changes nothing (no root needed).
import path from 'node:path';
import { booleanValue, stringValue, type ParsedArgs } from './args.js';
import type { Command } from './command.js';
import { readUnitFacts, SERVICE_DATA_DIR, SERVICE_ENV_FILE, SERVICE_NAME, SERVICE_UNIT_FILE } from './data-location.js';
import type { Translator } from '../i18n/translator.js';
import { cliTranslator, complain, say, type CliIo } from './io.js';
import { cliEntryPoint, PACKAGE_ROOT, PACKAGE_VERSION } from './package-info.js';
import { realSystem, type ServiceSystem } from './service-system.js';
import { renderServiceUnit, unitPathProblem, type UnitParams } from './service-unit.js';

export const serviceCommand: Command = {
  name: 'service',
  summary: (tr) => tr.t('service.summary'),
  usage: 'service install|uninstall|status [--dry-run] [--user NAME] [--data-dir DIR]',
  details: (tr) => tr.t('service.details'),
  args: {
    positionals: { min: 1, max: 1, names: (tr) => tr.t('service.whichAction') },
    options: {
      'dry-run': { type: 'boolean', help: (tr) => tr.t('service.optDryRun') },
      user: { type: 'string', value: 'NAME', help: (tr) => tr.t('service.optUser', { user: SERVICE_NAME }) },
      'data-dir': { type: 'string', value: 'DIR', help: (tr) => tr.t('service.optDataDir', { dir: SERVICE_DATA_DIR }) },
    },
  },
  run: (args, io) => Promise.resolve(serviceMain(args, io, realSystem)),
};

export function serviceMain(args: ParsedArgs, io: CliIo, system: ServiceSystem): number {
  const tr = cliTranslator(io);
  const action = args.positionals[0];
  if (action !== 'install' && action !== 'uninstall' && action !== 'status') {
    complain(io, tr.t('service.unknownAction', { action: action ?? '' }));
    return 1;
  }
  const dryRun = booleanValue(args, 'dry-run');
  const refusal = refuse(system, action, dryRun, args, tr);
  if (refusal) {
    complain(io, refusal);
    return 1;
  }
  if (action === 'status') return serviceStatus(io, system, tr);
  if (action === 'uninstall') return uninstall(io, system, dryRun, tr);
  return install(io, system, unitParams(args, system), dryRun, tr);
}

/** Why the action cannot run here, or null. */
function refuse(system: ServiceSystem, action: string, dryRun: boolean, args: ParsedArgs, tr: Translator): string | null {
  if (dryRun && action === 'install') return null;
  if (system.platform !== 'linux') return tr.t('service.notLinux', { platform: system.platform });
  if (!system.hasSystemd()) return tr.t('service.noSystemd');
  if (action !== 'status' && !dryRun && !system.isRoot()) {
    // Absolute paths: sudo resets PATH, so a node from nvm or a user prefix would not be found.
    const words = ['sudo', process.execPath, cliEntryPoint(), 'service', action, ...optionWords(args)];
    return tr.t('service.needsRoot', { action, command: words.join(' ') });
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

function install(io: CliIo, system: ServiceSystem, params: UnitParams, dryRun: boolean, tr: Translator): number {
  const problem = unitPathProblem(params);
  if (problem) {
    const why = problem.kind === 'user' ? tr.t('service.badUser', { user: problem.value }) : tr.t('service.badPath', { what: tr.t(`service.path.${problem.what}`), path: problem.value });
    complain(io, tr.t('service.cannotWrite', { problem: why }));
    return 1;
  }
  const unit = renderServiceUnit(params);
  if (dryRun) {
    io.stdout.write(unit);
    const envDir = path.dirname(params.envFile);
    complain(io, tr.t('service.dryRun', { unit: SERVICE_UNIT_FILE, user: params.user, dataDir: params.dataDir, envDir, service: SERVICE_NAME }));
    return 0;
  }
  const { user } = params;
  const steps: Array<[string, () => string | null]> = [
    [tr.t('service.stepUser', { user }), () => ensureUser(system, user, tr)],
    [tr.t('service.stepSettings', { file: params.envFile }), () => ensureSettings(system, params)],
    [tr.t('service.stepDataDir', { dir: params.dataDir }), () => ensureDataDir(system, params)],
    [tr.t('service.stepAccess', { user, dir: params.packageDir }), () => checkReadable(system, params, tr)],
    [tr.t('service.stepUnit', { file: SERVICE_UNIT_FILE }), () => (system.writeText(SERVICE_UNIT_FILE, unit, 0o644), null)],
    ['systemctl daemon-reload', () => systemctl(system, ['daemon-reload'], tr)],
    [`systemctl enable ${SERVICE_NAME}`, () => systemctl(system, ['enable', SERVICE_NAME], tr)],
    [`systemctl restart ${SERVICE_NAME}`, () => systemctl(system, ['restart', SERVICE_NAME], tr)],
  ];
  for (const [step, run] of steps) {
    const failure = run();
    if (failure) {
      complain(io, tr.t('service.stopped', { step, failure }));
      return 1;
    }
    say(io, tr.t('service.stepOk', { step }));
  }
  say(io, tr.t('service.installed', { node: params.nodePath, dir: params.packageDir }));
  say(io, tr.t('service.logHint', { service: SERVICE_NAME, file: params.envFile }));
  say(io, tr.t('service.cliHint', { user }));
  return 0;
}

function ensureUser(system: ServiceSystem, user: string, tr: Translator): string | null {
  if (system.run('id', ['-u', user]).status === 0) return null;
  if (user !== SERVICE_NAME) return tr.t('service.noUser', { user, service: SERVICE_NAME });
  const made = system.run('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', user]);
  return made.status === 0 ? null : tr.t('service.useraddFailed', { reason: made.stderr.trim() });
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
function checkReadable(system: ServiceSystem, params: UnitParams, tr: Translator): string | null {
  const probe = system.run('runuser', ['-u', params.user, '--', 'test', '-r', path.join(params.packageDir, 'dist', 'main.js'), '-a', '-x', params.nodePath]);
  if (probe.status === 0 || probe.status === null) return null; // no runuser: systemd will say so
  return tr.t('service.unreadable', { user: params.user, dir: params.packageDir, node: params.nodePath });
}

function systemctl(system: ServiceSystem, args: readonly string[], tr: Translator): string | null {
  const result = system.run('systemctl', args);
  return result.status === 0 ? null : tr.t('service.systemctlFailed', { args: args.join(' '), reason: (result.stderr || result.stdout).trim(), service: SERVICE_NAME });
}

function uninstall(io: CliIo, system: ServiceSystem, dryRun: boolean, tr: Translator): number {
  const unit = system.readText(SERVICE_UNIT_FILE);
  if (unit === null) {
    say(io, tr.t('service.nothingToUninstall', { unit: SERVICE_UNIT_FILE }));
    return 0;
  }
  const facts = readUnitFacts(unit);
  if (dryRun) {
    say(io, tr.t('service.uninstallDryRun', { service: SERVICE_NAME, unit: SERVICE_UNIT_FILE }));
    return 0;
  }
  const failure = systemctl(system, ['disable', '--now', SERVICE_NAME], tr);
  if (failure) {
    complain(io, failure);
    return 1;
  }
  system.remove(SERVICE_UNIT_FILE);
  systemctl(system, ['daemon-reload'], tr);
  say(io, tr.t('service.uninstalled', { dataDir: facts.dataDir ?? SERVICE_DATA_DIR, envFile: facts.envFile ?? SERVICE_ENV_FILE }));
  return 0;
}

function serviceStatus(io: CliIo, system: ServiceSystem, tr: Translator): number {
  const unit = system.readText(SERVICE_UNIT_FILE);
  if (unit === null) {
    say(io, tr.t('service.notInstalled', { unit: SERVICE_UNIT_FILE }));
    return 1;
  }
  const facts = readUnitFacts(unit);
  const enabled = system.run('systemctl', ['is-enabled', SERVICE_NAME]).stdout.trim() || 'unknown';
  const active = system.run('systemctl', ['is-active', SERVICE_NAME]).stdout.trim() || 'unknown';
  const exec = /^ExecStart=(.+)$/m.exec(unit)?.[1] ?? '?';
  const boot = enabled === 'enabled' ? tr.t('service.startsAtBoot') : tr.t('service.notAtBoot', { enabled });
  say(io, tr.t('service.state', { service: SERVICE_NAME, active, boot }));
  say(io, tr.t('service.runs', { exec, user: facts.user ?? '?', dataDir: facts.dataDir ?? SERVICE_DATA_DIR, envFile: facts.envFile ?? SERVICE_ENV_FILE }));
  say(io, tr.t('service.log', { service: SERVICE_NAME }));
  return active === 'active' ? 0 : 1;
}
