// `npm run doctor`: checks the installation and prints one line per finding; every problem says
// what to fix. Exit code 0 when nothing is wrong, 1 otherwise. `--refresh` also proves the Netatmo
// login with a real token refresh (it rotates the tokens, so only on request and only while the
// bridge is stopped — a running bridge would overwrite the new pair with its copy).
import { checkConfig, checkDataFile, checkLiveSaving, checkNetatmoReachable, checkPort, checkSsdp, checkTokens, type Finding, type LiveSaving } from './doctor-checks.js';
import { checkVersions } from './doctor-updates.js';
import { CLI_USER_AGENT } from './package-info.js';
import { bridgeIsRunning, loadInstallation, offlineTokens, readDataFile, serviceUserHint, type Installation } from './installation.js';
import { simulatorWanted } from '../config/index.js';
import { booleanValue, stringValue, type ParsedArgs } from './args.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { cliName, say, type CliIo } from './io.js';

export async function runDoctorChecks(installation: Installation, options: { refresh: boolean }): Promise<Finding[]> {
  const { config } = installation;
  const running = await bridgeIsRunning(installation.bridgeUrl);
  const file = await readDataFile(installation.dataFile);
  const data = file.kind === 'ok' ? file.data : null;
  const live = running && data ? await liveBridgeFacts(installation.bridgeUrl, data.lanToken) : null;
  // The demo is not a problem to fix: it runs until an account is connected.
  const demo = live ? live.simulated : !running && simulatorWanted(config, data ?? { netatmo: { credentials: null } });
  const findings: Finding[] = [
    ...checkConfig(installation.configProblems),
    ...(await checkDataFile(installation.dataFile, file)),
    ...checkLiveSaving(installation.dataFile, running ? await liveSaving(installation.bridgeUrl) : null),
    ...(await checkNetatmoReachable(config.netatmo.apiUrl)),
    ...(demo ? [demoLogin(running, installation.bridgeUrl)] : checkTokens({ config, data, liveStatus: live?.status ?? null, nowMs: Date.now() })),
  ];
  if (options.refresh) findings.push(await refreshCheck(installation, running));
  findings.push(...(await checkPort(config, running, installation.bridgeUrl)));
  findings.push(...(await checkSsdp(config, running)));
  const restartHint = installation.location.source === 'service' ? 'sudo systemctl restart netatmo-bridge' : 'stop it and start it again';
  findings.push(...(await checkVersions(installation.bridgeUrl, running, restartHint)));
  return findings;
}

/** The running bridge's Netatmo status and whether it runs the demo, or null when it does not say. */
async function liveBridgeFacts(url: string, lanToken: string): Promise<{ status: string | null; simulated: boolean } | null> {
  try {
    const headers = { authorization: `Bearer ${lanToken}`, 'user-agent': CLI_USER_AGENT };
    const res = await fetch(`${url}/api/v1/state`, { headers, signal: AbortSignal.timeout(3_000) });
    const body = (await res.json()) as { netatmo?: { status?: unknown }; bridge?: { simulated?: unknown } };
    return { status: typeof body.netatmo?.status === 'string' ? body.netatmo.status : null, simulated: body.bridge?.simulated === true };
  } catch {
    return null;
  }
}

async function liveSaving(url: string): Promise<LiveSaving | null> {
  try {
    const res = await fetch(`${url}/status.json`, { headers: { 'user-agent': CLI_USER_AGENT }, signal: AbortSignal.timeout(3_000) });
    const body = (await res.json()) as { dataFile?: { saving?: unknown; problem?: unknown }; netatmo?: { tokenSaved?: unknown } };
    if (typeof body.dataFile?.saving !== 'boolean') return null;
    const problem = typeof body.dataFile.problem === 'string' ? body.dataFile.problem : null;
    return { dataFile: { saving: body.dataFile.saving, problem }, tokenSaved: body.netatmo?.tokenSaved !== false };
  } catch {
    return null;
  }
}

function demoLogin(running: boolean, bridgeUrl: string): Finding {
  const detail = running
    ? `no account connected: the bridge runs the simulated demo home; connect your own on the admin page (${bridgeUrl}/admin) when you are ready`
    : 'no account connected: the bridge will start with the simulated demo home; connect your own on its admin page (/admin) or with "netatmo-bridge auth"';
  return { ok: true, subject: 'Netatmo login', detail };
}

async function refreshCheck(installation: Installation, running: boolean): Promise<Finding> {
  const subject = 'Netatmo token refresh';
  if (running) return { ok: false, subject, detail: 'skipped: the bridge is running', fix: `stop the bridge, then run "${cliName() === 'npm run' ? 'npm run doctor -- --refresh' : 'netatmo-bridge doctor --refresh'}"` };
  const { config } = installation;
  try {
    const { store, tokens } = await offlineTokens(config, { withEnvRefreshToken: true });
    await tokens.refreshAfterRejection(store.data.netatmo.tokens?.accessToken ?? '');
    await store.flush();
    return { ok: true, subject, detail: 'Netatmo issued a new token pair (saved to the data file)' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, subject, detail: `failed: ${message}`, fix: `reconnect on the admin page (/admin), or run "${cliName()} auth"` };
  }
}

export function formatFinding(finding: Finding): string {
  return finding.ok ? `ok    ${finding.subject}: ${finding.detail}` : `FIX   ${finding.subject}: ${finding.detail} → ${finding.fix ?? ''}`;
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check config, data file, Netatmo, login, port and SSDP; says what to fix',
  usage: 'doctor [--refresh] [--url URL] [--data-dir DIR]',
  args: {
    options: {
      refresh: { type: 'boolean', help: 'also prove the Netatmo login with a real token refresh (rotates the tokens; bridge stopped)' },
      url: URL_OPTION,
      'data-dir': DATA_DIR_OPTION,
    },
  },
  run: (args, io) => runDoctor(args, io),
};

async function runDoctor(args: ParsedArgs, io: CliIo): Promise<number> {
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const findings = await runDoctorChecks(installation, { refresh: booleanValue(args, 'refresh') });
  const hint = serviceUserHint(installation, 'doctor');
  if (hint) say(io, `note  Using the installed service's data directory ${installation.config.dataDir}.${hint}`);
  for (const finding of findings) say(io, formatFinding(finding));
  const problems = findings.filter((f) => !f.ok).length;
  say(io, problems === 0 ? 'No problems found.' : `${problems} problem${problems === 1 ? '' : 's'} found: fix the lines marked FIX, then run "${cliName()} doctor" again.`);
  return problems === 0 ? 0 : 1;
}
