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
import type { Translator } from '../i18n/translator.js';
import { cliName, cliTranslator, say, type CliIo } from './io.js';

export async function runDoctorChecks(installation: Installation, options: { refresh: boolean }, tr: Translator): Promise<Finding[]> {
  const { config } = installation;
  const running = await bridgeIsRunning(installation.bridgeUrl);
  const file = await readDataFile(installation.dataFile);
  const data = file.kind === 'ok' ? file.data : null;
  const live = running && data ? await liveBridgeFacts(installation.bridgeUrl, data.lanToken) : null;
  const { dataFile, bridgeUrl } = installation;
  // The demo is not a problem to fix: it runs until an account is connected.
  const demo = live ? live.simulated : !running && simulatorWanted(config, data ?? { netatmo: { credentials: null } });
  const findings: Finding[] = [
    ...checkConfig(installation.configProblems, tr),
    ...(await checkDataFile(dataFile, file, tr)),
    ...checkLiveSaving(dataFile, running ? await liveSaving(bridgeUrl, tr) : null, tr),
    ...(await checkNetatmoReachable(config.netatmo.apiUrl, tr)),
    ...(demo ? [demoLogin(running, bridgeUrl, tr)] : checkTokens({ config, data, liveStatus: live?.status ?? null, nowMs: Date.now() }, tr)),
  ];
  if (options.refresh) findings.push(await refreshCheck(installation, running, tr));
  findings.push(...(await checkPort(config, running, bridgeUrl, tr)));
  findings.push(...(await checkSsdp(config, running, tr)));
  const restartHint = tr.t(installation.location.source === 'service' ? 'doctor.restartService' : 'doctor.restartOther');
  findings.push(...(await checkVersions(bridgeUrl, running, restartHint, tr)));
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

async function liveSaving(url: string, tr: Translator): Promise<LiveSaving | null> {
  try {
    const headers = { 'user-agent': CLI_USER_AGENT, 'accept-language': tr.locale };
    const res = await fetch(`${url}/status.json`, { headers, signal: AbortSignal.timeout(3_000) });
    const body = (await res.json()) as { dataFile?: { saving?: unknown; problem?: unknown }; netatmo?: { tokenSaved?: unknown } };
    if (typeof body.dataFile?.saving !== 'boolean') return null;
    const problem = typeof body.dataFile.problem === 'string' ? body.dataFile.problem : null;
    return { dataFile: { saving: body.dataFile.saving, problem }, tokenSaved: body.netatmo?.tokenSaved !== false };
  } catch {
    return null;
  }
}

function demoLogin(running: boolean, bridgeUrl: string, tr: Translator): Finding {
  const detail = running ? tr.t('doctor.demoRunning', { url: bridgeUrl }) : tr.t('doctor.demoStopped');
  return { ok: true, subject: tr.t('doctor.login'), detail };
}

async function refreshCheck(installation: Installation, running: boolean, tr: Translator): Promise<Finding> {
  const subject = tr.t('doctor.refresh');
  if (running) {
    const command = cliName() === 'npm run' ? 'npm run doctor -- --refresh' : 'netatmo-bridge doctor --refresh';
    return { ok: false, subject, detail: tr.t('doctor.refreshSkipped'), fix: tr.t('doctor.refreshSkippedFix', { command }) };
  }
  const { config } = installation;
  try {
    const { store, tokens } = await offlineTokens(config, { withEnvRefreshToken: true });
    await tokens.refreshAfterRejection(store.data.netatmo.tokens?.accessToken ?? '');
    await store.flush();
    return { ok: true, subject, detail: tr.t('doctor.refreshOk') };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, subject, detail: tr.t('doctor.refreshFailed', { reason }), fix: tr.t('doctor.refreshFailedFix', { cli: cliName() }) };
  }
}

/** One line per finding; "ok" and "FIX" stay as they are in every language (scripts look for them). */
export function formatFinding(finding: Finding, tr: Translator): string {
  const { subject, detail } = finding;
  return finding.ok ? tr.t('doctor.ok', { subject, detail }) : tr.t('doctor.fix', { subject, detail, fix: finding.fix ?? '' });
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: (tr) => tr.t('doctor.summary'),
  usage: 'doctor [--refresh] [--url URL] [--data-dir DIR]',
  args: {
    options: {
      refresh: { type: 'boolean', help: (tr) => tr.t('doctor.optRefresh') },
      url: URL_OPTION,
      'data-dir': DATA_DIR_OPTION,
    },
  },
  run: (args, io) => runDoctor(args, io),
};

async function runDoctor(args: ParsedArgs, io: CliIo): Promise<number> {
  const tr = cliTranslator(io);
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const findings = await runDoctorChecks(installation, { refresh: booleanValue(args, 'refresh') }, tr);
  const hint = serviceUserHint(installation, 'doctor', tr);
  if (hint) say(io, tr.t('doctor.note', { dir: installation.config.dataDir, hint }));
  for (const finding of findings) say(io, formatFinding(finding, tr));
  const problems = findings.filter((f) => !f.ok).length;
  say(io, problems === 0 ? tr.t('doctor.noProblems') : tr.t('doctor.problems', { count: problems, cli: cliName() }));
  return problems === 0 ? 0 : 1;
}
