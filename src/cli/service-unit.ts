// The systemd unit of the bridge, as text (pure). `netatmo-bridge service install` writes it with
// this machine's paths; deploy/netatmo-bridge.service is the same unit rendered for a source
// install in /opt/netatmo-bridge (a test keeps the two identical).
//
// Why each hardening line is there is said in the unit itself, so an owner reading
// /etc/systemd/system/netatmo-bridge.service learns it too.
import path from 'node:path';

export interface UnitParams {
  user: string;
  /** node's absolute path (process.execPath). */
  nodePath: string;
  /** The package's directory (working directory; dist/main.js inside it). */
  packageDir: string;
  dataDir: string;
  envFile: string;
  /** How the unit was made, for its first comment line. */
  origin: string;
}

/** Node or the package under /home or /root (nvm, npm's user prefix): ProtectHome=yes would hide them. */
export function needsHomeReadable(params: Pick<UnitParams, 'nodePath' | 'packageDir'>): boolean {
  return [params.nodePath, params.packageDir].some((p) => /^\/(home|root)(\/|$)/.test(p));
}

export type UnitPathProblem = { kind: 'path'; what: 'node' | 'package' | 'dataDir' | 'envFile'; value: string } | { kind: 'user'; value: string };

/** systemd wants absolute paths without spaces or specifiers in these lines; refuse others clearly (service.ts says it in words). */
export function unitPathProblem(params: UnitParams): UnitPathProblem | null {
  for (const [what, value] of [
    ['node', params.nodePath],
    ['package', params.packageDir],
    ['dataDir', params.dataDir],
    ['envFile', params.envFile],
  ] as const) {
    if (!path.isAbsolute(value) || /[\s%"'\\$]/.test(value)) return { kind: 'path', what, value };
  }
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(params.user)) return { kind: 'user', value: params.user };
  return null;
}

export function renderServiceUnit(params: UnitParams): string {
  return `${unitSection(params)}${serviceSection(params)}${hardeningSection(params)}[Install]
WantedBy=multi-user.target
`;
}

/** The header comment and [Unit]: what it is, when it starts, how often a crash loop may restart. */
function unitSection(params: UnitParams): string {
  return `# ${params.origin}
# netatmo-smartthings-bridge as a systemd service. Manage: systemctl status|restart|stop netatmo-bridge;
# log: journalctl -u netatmo-bridge -f. Settings: ${params.envFile} (see .env.example).
[Unit]
Description=Netatmo Energy to SmartThings bridge
Documentation=file://${params.packageDir}/docs/operations.md
Wants=network-online.target
After=network-online.target
# A crash loop stops after 10 starts in 10 minutes (systemctl reset-failed netatmo-bridge, then
# start it again); RestartSec=5 keeps a network that comes up late at boot well inside that.
StartLimitIntervalSec=600
StartLimitBurst=10

`;
}

/** How the bridge runs: user, directories, settings, restart and stop. */
function serviceSection(params: UnitParams): string {
  const stateDirectory = params.dataDir.startsWith('/var/lib/') ? params.dataDir.slice('/var/lib/'.length) : null;
  return `[Service]
# Type=simple, not notify: systemd's sd_notify needs a unix datagram socket, which Node cannot open
# without a native module (sd-notify, unix-dgram). Restart=always restarts a dead process; the
# bridge's own watchdog restarts a stalled poller inside a live one.
Type=simple
User=${params.user}
Group=${params.user}
WorkingDirectory=${params.packageDir}
# Settings (Netatmo client id/secret, ADMIN_PASSWORD …); "-" = the file may be missing (demo mode).
# Leave DATA_DIR out of it: a value there would win over the one below.
EnvironmentFile=-${params.envFile}
Environment=NODE_ENV=production
Environment=LOG_FORMAT=json
${stateDirectory ? `# ${params.dataDir}, created and owned by the service user, mode 0700 (it holds tokens).\nStateDirectory=${stateDirectory}\nStateDirectoryMode=0700\n` : `# Created by "netatmo-bridge service install", owned by the service user, mode 0700 (it holds tokens).\nReadWritePaths=${params.dataDir}\n`}Environment=DATA_DIR=${params.dataDir}
ExecStart=${params.nodePath} ${params.packageDir}/dist/main.js
Restart=always
RestartSec=5
# The bridge exits within 5 s of SIGTERM; SIGKILL only after 15 s.
KillSignal=SIGTERM
TimeoutStopSec=15

`;
}

/** The sandbox: the network, the data directory and nothing else. */
function hardeningSection(params: UnitParams): string {
  const home = needsHomeReadable(params) ? 'read-only' : 'yes';
  return `# --- Hardening: the bridge needs the network, its data directory and nothing else. ---
NoNewPrivileges=yes
ProtectSystem=strict
# read-only (not yes) when node or the package lives under /home or /root (nvm, npm's user prefix).
ProtectHome=${home}
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RemoveIPC=yes
PrivateMounts=yes
UMask=0077
# AF_NETLINK: os.networkInterfaces() (LAN address for SSDP answers and the welcome lines).
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK
CapabilityBoundingSet=
AmbientCapabilities=
SystemCallArchitectures=native
# Node 20+ calls pkey_alloc at start (V8 memory protection keys); on systemd 252 (Debian 12,
# Raspberry Pi OS bookworm) it is not part of @system-service, so @pkey is allowed explicitly.
SystemCallFilter=@system-service @pkey
SystemCallFilter=~@privileged @resources
# A call outside the filter fails with EPERM instead of killing the process (Node copes with a
# refused call, e.g. setrlimit; a kill would only restart into the same death).
SystemCallErrorNumber=EPERM
# V8 compiles JavaScript to machine code at run time: it needs writable+executable memory.
MemoryDenyWriteExecute=no

`;
}

/** The unit in deploy/: a source install (git clone into /opt/netatmo-bridge, node from the distribution). */
export const SOURCE_INSTALL_UNIT: UnitParams = {
  user: 'netatmo-bridge',
  nodePath: '/usr/bin/node',
  packageDir: '/opt/netatmo-bridge',
  dataDir: '/var/lib/netatmo-bridge',
  envFile: '/etc/netatmo-bridge/bridge.env',
  origin: 'Source install (docs/operations.md); an installed package writes its own with "sudo netatmo-bridge service install".',
};
