// `npm run doctor`: checks the installation and prints one line per finding; every problem says
// what to fix. Exit code 0 when nothing is wrong, 1 otherwise. `--refresh` also proves the Netatmo
// login with a real token refresh (it rotates the tokens, so only on request and only while the
// bridge is stopped — a running bridge would overwrite the new pair with its copy).
import { checkConfig, checkDataFile, checkLiveSaving, checkNetatmoReachable, checkPort, checkSsdp, checkTokens, type Finding, type LiveSaving } from './doctor-checks.js';
import { bridgeIsRunning, loadInstallation, offlineTokens, readDataFile, type Installation } from './installation.js';
import { flag, say, type CliIo } from './io.js';

export async function runDoctorChecks(installation: Installation, args: readonly string[]): Promise<Finding[]> {
  const { config } = installation;
  const running = await bridgeIsRunning(installation.bridgeUrl);
  const file = await readDataFile(installation.dataFile);
  const data = file.kind === 'ok' ? file.data : null;
  const liveStatus = running && data ? await liveNetatmoStatus(installation.bridgeUrl, data.lanToken) : null;
  const findings: Finding[] = [
    ...checkConfig(installation.configProblems),
    ...(await checkDataFile(installation.dataFile, file)),
    ...checkLiveSaving(installation.dataFile, running ? await liveSaving(installation.bridgeUrl) : null),
    ...(await checkNetatmoReachable(config.netatmo.apiUrl)),
    ...checkTokens({ config, data, liveStatus, nowMs: Date.now() }),
  ];
  if (flag(args, 'refresh')) findings.push(await refreshCheck(installation, running));
  findings.push(...(await checkPort(config, running, installation.bridgeUrl)));
  findings.push(...(await checkSsdp(config, running)));
  return findings;
}

async function liveNetatmoStatus(url: string, lanToken: string): Promise<string | null> {
  try {
    const res = await fetch(`${url}/api/v1/state`, { headers: { authorization: `Bearer ${lanToken}` }, signal: AbortSignal.timeout(3_000) });
    const body = (await res.json()) as { netatmo?: { status?: unknown } };
    return typeof body.netatmo?.status === 'string' ? body.netatmo.status : null;
  } catch {
    return null;
  }
}

async function liveSaving(url: string): Promise<LiveSaving | null> {
  try {
    const res = await fetch(`${url}/status.json`, { signal: AbortSignal.timeout(3_000) });
    const body = (await res.json()) as { dataFile?: { saving?: unknown; problem?: unknown }; netatmo?: { tokenSaved?: unknown } };
    if (typeof body.dataFile?.saving !== 'boolean') return null;
    const problem = typeof body.dataFile.problem === 'string' ? body.dataFile.problem : null;
    return { dataFile: { saving: body.dataFile.saving, problem }, tokenSaved: body.netatmo?.tokenSaved !== false };
  } catch {
    return null;
  }
}

async function refreshCheck(installation: Installation, running: boolean): Promise<Finding> {
  const subject = 'Netatmo token refresh';
  if (running) return { ok: false, subject, detail: 'skipped: the bridge is running', fix: 'stop the bridge, then run "npm run doctor -- --refresh"' };
  const { config } = installation;
  try {
    const { store, tokens } = await offlineTokens(config, { withEnvRefreshToken: true });
    await tokens.refreshAfterRejection(store.data.netatmo.tokens?.accessToken ?? '');
    await store.flush();
    return { ok: true, subject, detail: 'Netatmo issued a new token pair (saved to the data file)' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, subject, detail: `failed: ${message}`, fix: 'reconnect on the status page, or run "npm run auth"' };
  }
}

export function formatFinding(finding: Finding): string {
  return finding.ok ? `ok    ${finding.subject}: ${finding.detail}` : `FIX   ${finding.subject}: ${finding.detail} → ${finding.fix ?? ''}`;
}

export async function doctorCommand(args: readonly string[], io: CliIo): Promise<number> {
  const installation = loadInstallation(io, args);
  const findings = await runDoctorChecks(installation, args);
  for (const finding of findings) say(io, formatFinding(finding));
  const problems = findings.filter((f) => !f.ok).length;
  say(io, problems === 0 ? 'No problems found.' : `${problems} problem${problems === 1 ? '' : 's'} found: fix the lines marked FIX, then run "npm run doctor" again.`);
  return problems === 0 ? 0 : 1;
}
