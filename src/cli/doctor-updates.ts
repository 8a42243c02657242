// Doctor's update checks: which version runs (and whether it is the installed one), and whether the
// Edge driver on each hub speaks an older LAN API than this bridge. Read from the running bridge's
// open /status.json (no secrets there).
import { z } from 'zod';
import { LAN_API_LEVEL } from '../lan/driver-version.js';
import type { Translator } from '../i18n/translator.js';
import type { Finding } from './doctor-checks.js';
import { PACKAGE_VERSION } from './package-info.js';

const statusJson = z.object({
  bridge: z.object({ version: z.string() }).loose(),
  hubs: z.object({ list: z.array(z.object({ address: z.string(), driverText: z.string().optional(), driverUpdate: z.string().nullable().optional() }).loose()) }).loose(),
});

export async function checkVersions(bridgeUrl: string, running: boolean, restartHint: string, tr: Translator): Promise<Finding[]> {
  const subject = tr.t('doctor.version');
  const installed = tr.t('doctor.installed', { version: PACKAGE_VERSION, level: LAN_API_LEVEL });
  if (!running) return [{ ok: true, subject, detail: tr.t('doctor.notRunning', { installed }) }];
  let body: z.infer<typeof statusJson>;
  try {
    // The running bridge's words (driver advice) in the user's language too.
    const res = await fetch(`${bridgeUrl}/status.json`, { headers: { 'accept-language': tr.locale }, signal: AbortSignal.timeout(3_000) });
    body = statusJson.parse(await res.json());
  } catch {
    return [{ ok: true, subject, detail: tr.t('doctor.versionUnknown', { installed }) }];
  }
  const findings: Finding[] = [];
  if (body.bridge.version === PACKAGE_VERSION) {
    findings.push({ ok: true, subject, detail: tr.t('doctor.versionRuns', { installed }) });
  } else {
    const detail = tr.t('doctor.versionDiffers', { running: body.bridge.version, installed: PACKAGE_VERSION });
    findings.push({ ok: false, subject, detail, fix: tr.t('doctor.versionDiffersFix', { hint: restartHint }) });
  }
  for (const hub of body.hubs.list) {
    const driver = tr.t('doctor.driver', { address: hub.address });
    if (hub.driverUpdate) findings.push({ ok: false, subject: driver, detail: hub.driverText ?? tr.t('doctor.driverOlder'), fix: hub.driverUpdate });
    else findings.push({ ok: true, subject: driver, detail: hub.driverText ? tr.t('doctor.driverCurrent', { driver: hub.driverText }) : tr.t('doctor.driverCurrentUnknown') });
  }
  return findings;
}
