// Talking to the running bridge of this data directory from the CLI: found through the control
// file it writes at start (src/local/control-file.ts), asked over loopback with the key from it.
// A bridge that answers at the configured address but wrote no control file for this data
// directory (an older version, another user's file permissions) is reported, never worked around:
// writing its data file behind its back could lose a token it rotates meanwhile.
import { readControlFile } from '../local/control-file.js';
import { LOCAL_PREFIX } from '../local/routes.js';
import { bridgeIsRunning, readDataFile, type Installation } from './installation.js';
import { CLI_USER_AGENT } from './package-info.js';

export type BridgeLink = { kind: 'running'; url: string; key: string } | { kind: 'stopped' } | { kind: 'unreachable'; url: string };

export async function findRunningBridge(installation: Installation): Promise<BridgeLink> {
  const control = await readControlFile(installation.config.dataDir);
  if (control && (await bridgeIsRunning(control.url))) return { kind: 'running', url: control.url, key: control.key };
  if (!(await bridgeIsRunning(installation.bridgeUrl))) return { kind: 'stopped' };
  // Something answers at the configured address: this data directory's bridge, or another one?
  const file = await readDataFile(installation.dataFile);
  const id = await describedId(installation.bridgeUrl);
  if (file.kind === 'ok' && id !== null && id !== file.data.bridgeId) return { kind: 'stopped' };
  return { kind: 'unreachable', url: installation.bridgeUrl };
}

async function describedId(url: string): Promise<string | null> {
  try {
    const res = await fetch(`${url}/api/v1/description`, { headers: { 'user-agent': CLI_USER_AGENT }, signal: AbortSignal.timeout(3_000) });
    const body = (await res.json()) as { id?: unknown };
    return typeof body.id === 'string' ? body.id : null;
  } catch {
    return null;
  }
}

/** A refusal carries its code, the English message and the facts to say it again in the user's language. */
export type BridgeAnswer<T> = { ok: true; body: T } | { ok: false; status: number; code: string; message: string; details: Record<string, unknown> };

/** One request to /local/v1 (a minute at most: an export derives a key, an import restarts). */
export async function askBridge<T>(link: { url: string; key: string }, method: 'GET' | 'POST', route: string, body?: unknown): Promise<BridgeAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(`${link.url}${LOCAL_PREFIX}${route}`, {
      method,
      headers: { authorization: `Bearer ${link.key}`, 'content-type': 'application/json', 'user-agent': CLI_USER_AGENT },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    return { ok: false, status: 0, code: 'unreachable', message: error instanceof Error ? error.message : String(error), details: {} };
  }
  const parsed = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
  if (res.ok && parsed !== null) return { ok: true, body: parsed as T };
  const error = parsed?.error;
  const details = typeof error?.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  return { ok: false, status: res.status, code: error?.code ?? 'unknown', message: error?.message ?? `HTTP ${res.status}`, details };
}
