// Doctor's update checks: which version runs (and whether it is the installed one), and whether the
// Edge driver on each hub speaks an older LAN API than this bridge. Read from the running bridge's
// open /status.json (no secrets there).
import { z } from 'zod';
import { LAN_API_LEVEL } from '../lan/driver-version.js';
import type { Finding } from './doctor-checks.js';
import { PACKAGE_VERSION } from './package-info.js';

const statusJson = z.object({
  bridge: z.object({ version: z.string() }).loose(),
  hubs: z.object({ list: z.array(z.object({ address: z.string(), driverText: z.string().optional(), driverUpdate: z.string().nullable().optional() }).loose()) }).loose(),
});

export async function checkVersions(bridgeUrl: string, running: boolean, restartHint: string): Promise<Finding[]> {
  const subject = 'Version';
  const installed = `netatmo-bridge ${PACKAGE_VERSION} (LAN API ${LAN_API_LEVEL})`;
  if (!running) return [{ ok: true, subject, detail: `${installed} installed; the bridge is not running` }];
  let body: z.infer<typeof statusJson>;
  try {
    const res = await fetch(`${bridgeUrl}/status.json`, { signal: AbortSignal.timeout(3_000) });
    body = statusJson.parse(await res.json());
  } catch {
    return [{ ok: true, subject, detail: `${installed} installed; the running bridge does not say its version` }];
  }
  const findings: Finding[] = [];
  if (body.bridge.version === PACKAGE_VERSION) {
    findings.push({ ok: true, subject, detail: `${installed} runs` });
  } else {
    findings.push({ ok: false, subject, detail: `the running bridge is ${body.bridge.version}, the installed one ${PACKAGE_VERSION}`, fix: `restart it to run the installed version (${restartHint})` });
  }
  for (const hub of body.hubs.list) {
    const driver = `Edge driver on hub ${hub.address}`;
    if (hub.driverUpdate) findings.push({ ok: false, subject: driver, detail: hub.driverText ?? 'older', fix: hub.driverUpdate });
    else findings.push({ ok: true, subject: driver, detail: `${hub.driverText ?? 'current'}, current` });
  }
  return findings;
}
