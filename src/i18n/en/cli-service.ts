// English of `netatmo-bridge service` (src/cli/service.ts). The unit file's comments stay English:
// they are a system file, read with systemd's own (English) documentation.
export const cliService = {
  'service.summary': 'install | uninstall | status of the systemd service (Linux; install and uninstall need root)',
  'service.details':
    'install    writes /etc/systemd/system/netatmo-bridge.service for this package and this node, creates\n           the user and the data directory, then enables and starts the service\nuninstall  stops and disables it and removes the unit (the data directory and settings stay)\nstatus     whether it is installed, enabled and running, and where its data is',
  'service.whichAction': 'install, uninstall or status',
  'service.optDryRun': 'print the unit (install) and what would be done; change nothing',
  'service.optUser': 'user the service runs as (default {user}, created when missing)',
  'service.optDataDir': 'data directory of the service (default {dir})',
  'service.unknownAction': 'netatmo-bridge service: unknown action "{action}"; say install, uninstall or status.',
  'service.notLinux':
    '"netatmo-bridge service" sets up a systemd service, which needs Linux (this is {platform}). Run "netatmo-bridge start" under your own supervisor, or use Docker (docs/operations.md).',
  'service.noSystemd':
    'systemd is not running on this machine (no /run/systemd/system), so there is no service to manage. Use Docker (docs/operations.md), or start the bridge with "netatmo-bridge start" from your init system. "netatmo-bridge service install --dry-run" still prints the unit.',
  'service.needsRoot': '"service {action}" changes system files and needs root. Run:\n  {command}',
  'service.cannotWrite': 'Cannot write the unit: {problem}.',
  'service.badPath': 'the path of {what} ({path}) must be absolute without spaces, quotes, % or $ for a systemd unit',
  'service.badUser': '"{user}" is not a valid user name',
  'service.path.node': 'node',
  'service.path.package': 'the package',
  'service.path.dataDir': 'the data directory',
  'service.path.envFile': 'the settings file',
  'service.dryRun':
    '# dry run: nothing changed. "sudo netatmo-bridge service install" would write {unit}, create the user {user} if missing, {dataDir} (mode 0700) and {envDir}, then run systemctl daemon-reload and systemctl enable --now {service}.',
  'service.stepUser': 'user {user}',
  'service.stepSettings': 'settings {file}',
  'service.stepDataDir': 'data directory {dir}',
  'service.stepAccess': 'access for {user} to {dir}',
  'service.stepUnit': 'unit {file}',
  'service.stopped': 'Install stopped at {step}: {failure}',
  'service.stepOk': 'ok  {step}',
  'service.installed': 'The bridge runs as a service now (node {node}, package {dir}).',
  'service.logHint': 'Log and status page address: journalctl -u {service} -f. Settings: sudoedit {file}, then sudo systemctl restart {service}.',
  'service.cliHint': "The CLI finds the service's data by itself: sudo -u {user} netatmo-bridge doctor (or status, pair).",
  'service.noUser': 'the user {user} does not exist (create it, or leave --user out to get the {service} system user)',
  'service.useraddFailed': 'useradd failed: {reason}',
  'service.unreadable':
    '{user} cannot read {dir} or run {node} (a home directory with mode 0700?). Install the package globally (sudo npm install -g netatmo-smartthings-bridge) or use --user with your own user name.',
  'service.systemctlFailed': 'systemctl {args} failed: {reason} (see journalctl -u {service})',
  'service.nothingToUninstall': '{unit} does not exist: nothing to uninstall.',
  'service.uninstallDryRun': 'dry run: would run systemctl disable --now {service}, remove {unit} and run systemctl daemon-reload.',
  'service.uninstalled':
    'The service is stopped, disabled and removed. Kept: the data in {dataDir} and the settings in {envFile} (delete them yourself if you want).',
  'service.notInstalled': 'Not installed (no {unit}). Install it with: sudo netatmo-bridge service install',
  'service.state': 'Service {service}: {active}, {boot}.',
  'service.startsAtBoot': 'starts at boot',
  'service.notAtBoot': 'not started at boot ({enabled})',
  'service.runs': 'Runs: {exec} as {user}; data: {dataDir}; settings: {envFile}.',
  'service.log': 'Log: journalctl -u {service} -f',
} as const;
