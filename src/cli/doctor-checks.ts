// The checks behind `npm run doctor`. Each returns findings: what was looked at, whether it is
// fine, and for a problem one sentence on how to fix it. Checks never change anything, except the
// token check with --refresh (a real refresh rotates the tokens, so it is opt-in).
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { once } from 'node:events';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Config } from '../config/index.js';
import type { StoreData } from '../store/index.js';
import { withTimeout } from '../util/with-timeout.js';
import type { DataFileRead } from './installation.js';
import { cliName } from './io.js';

export interface Finding {
  ok: boolean;
  /** What was checked, e.g. "Data file /var/lib/netatmo-bridge/bridge.json". */
  subject: string;
  /** For ok: a short confirmation; for a problem: what is wrong. */
  detail: string;
  /** For a problem: what to do. */
  fix?: string;
}

const good = (subject: string, detail: string): Finding => ({ ok: true, subject, detail });
const bad = (subject: string, detail: string, fix: string): Finding => ({ ok: false, subject, detail, fix });

export function checkConfig(problems: readonly string[]): Finding[] {
  if (problems.length === 0) return [good('Configuration', 'valid')];
  return problems.map((problem) => bad('Configuration', problem, 'fix it in .env or the environment (.env.example documents every setting)'));
}

export async function checkDataFile(file: string, read: DataFileRead): Promise<Finding[]> {
  const subject = `Data file ${file}`;
  if (read.kind === 'missing') {
    const dir = path.dirname(file);
    const writable = await access(dir, fsConstants.W_OK).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT', // created at first start
    );
    return writable
      ? [good(subject, 'not created yet (the bridge creates it at its first start)')]
      : [bad(subject, `the data directory ${dir} is not writable`, `give the bridge's user write access to ${dir} (or set DATA_DIR)`)];
  }
  const findings: Finding[] = [];
  if (read.kind === 'newer') {
    findings.push(
      bad(subject, `was written by a newer version of the bridge (data format ${read.fileVersion}); this version does not change it`, 'run the newer version of the bridge (or put back a backup of the data directory made with this version)'),
    );
  } else if (read.kind === 'unreadable') {
    findings.push(
      bad(subject, `is damaged: ${read.problem}`, `start the bridge: it moves the file aside and recovers from ${path.basename(file)}.bak; or restore a backup of the data directory`),
    );
  } else {
    findings.push(good(subject, 'parses and has the expected shape'));
  }
  const info = await stat(file);
  const mode = info.mode & 0o777;
  if (mode !== 0o600) {
    findings.push(bad(subject, `has mode 0${mode.toString(8)}, but it holds secrets (tokens)`, `chmod 600 ${file}`));
  }
  const writable = await Promise.all([access(file, fsConstants.W_OK), access(path.dirname(file), fsConstants.W_OK)]).then(
    () => true,
    () => false,
  );
  if (!writable) findings.push(bad(subject, 'is not writable (the bridge must save rotated tokens)', `give the bridge's user write access to ${file} and its directory`));
  return findings;
}

/** DNS (for a name) and one HTTP request: any HTTP answer means Netatmo is reachable. */
export async function checkNetatmoReachable(apiUrl: string, timeoutMs = 5_000): Promise<Finding[]> {
  const subject = `Netatmo API ${apiUrl}`;
  const host = new URL(apiUrl).hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) === 0) {
    try {
      await lookup(host);
    } catch {
      return [bad(subject, `the name ${host} does not resolve (DNS)`, 'check the network and DNS of this machine (or NETATMO_API_URL)')];
    }
  }
  try {
    const res = await fetch(apiUrl, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.body?.cancel();
    return [good(subject, `reachable (HTTP ${res.status})`)];
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : 'error');
    return [bad(subject, `not reachable (${cause})`, 'check the internet connection, a firewall or proxy, and NETATMO_API_URL')];
  }
}

export interface TokenFacts {
  config: Config;
  data: StoreData | null;
  /** Live Netatmo status from the running bridge, when it answers. */
  liveStatus: string | null;
  nowMs: number;
}

/** Netatmo login state from the data file (and the running bridge), without any refresh. */
export function checkTokens(facts: TokenFacts): Finding[] {
  const subject = 'Netatmo login';
  const { config, data } = facts;
  const credentials = data?.netatmo.credentials ?? (config.netatmo.clientId && config.netatmo.clientSecret ? { clientId: config.netatmo.clientId } : null);
  if (!credentials) {
    return [bad(subject, 'no Netatmo client id and secret', 'set NETATMO_CLIENT_ID and NETATMO_CLIENT_SECRET in .env (dev.netatmo.com → your app), or enter them on the admin page (/admin)')];
  }
  const tokens = data?.netatmo.tokens ?? null;
  if (!tokens && !config.netatmo.refreshToken) {
    return [bad(subject, 'not connected yet (no tokens)', `connect Netatmo on the admin page (/admin), or run "${cliName()} auth" while the bridge is stopped`)];
  }
  const lastError = data?.health.lastError ?? null;
  const refusedOnDisk =
    data?.health.authRequired === true ||
    (lastError !== null &&
      (lastError.kind === 'invalid_grant' || lastError.kind === 'auth') &&
      (data?.health.lastSuccessAt === null || Date.parse(lastError.at) > Date.parse(data?.health.lastSuccessAt ?? '')));
  if (facts.liveStatus === 'auth_required' || (facts.liveStatus === null && refusedOnDisk)) {
    return [bad(subject, 'Netatmo refused the saved login (auth_required)', `reconnect on the admin page (/admin), or stop the bridge and run "${cliName()} auth"`)];
  }
  if (!tokens) return [good(subject, 'NETATMO_REFRESH_TOKEN is set; the bridge stores the rotated pair at its first refresh')];
  const expiresAt = Date.parse(tokens.expiresAt);
  const access =
    Number.isFinite(expiresAt) && expiresAt > facts.nowMs
      ? `access token valid for ${Math.round((expiresAt - facts.nowMs) / 60_000)} more minutes`
      : 'access token expired (normal: the bridge refreshes it before the next call)';
  return [good(subject, `connected; ${access}`)];
}

/** What the running bridge's status page says about saving (GET /status.json; nothing secret). */
export interface LiveSaving {
  dataFile: { saving: boolean; problem: string | null };
  tokenSaved: boolean;
}

/** The running bridge keeps going from memory when it cannot save: say so, and what is at stake. */
export function checkLiveSaving(file: string, live: LiveSaving | null): Finding[] {
  if (!live) return [];
  const findings: Finding[] = [];
  if (!live.dataFile.saving) {
    findings.push(bad(`Data file ${file}`, `the running bridge has stopped saving it: ${live.dataFile.problem ?? 'see its log'}`, 'fix what the line says; the bridge saves again by itself, no restart needed'));
  }
  if (!live.tokenSaved) {
    findings.push(
      bad('Netatmo login', 'the running bridge uses a Netatmo sign-in it could not save (it exists only in memory): a restart now would need Netatmo to be reconnected', 'make the data file writable again (see the data file line); the bridge then saves the sign-in by itself'),
    );
  }
  return findings;
}

/** Is the bridge running (answers /healthz), or else is its port free to listen on? */
export async function checkPort(config: Config, running: boolean, bridgeUrl: string): Promise<Finding[]> {
  const subject = `Port ${config.port}`;
  if (running) return [good(subject, `the bridge is running and answers at ${bridgeUrl}/`)];
  if (config.port === 0) return [good(subject, 'PORT=0: a random port is chosen at start')];
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e));
    server.listen(config.port, config.host, () => server.close(() => resolve(null)));
  });
  if (!error) return [good(subject, `free on ${config.host} (the bridge is not running)`)];
  if (error.code === 'EADDRINUSE') {
    return [bad(subject, `used by another program on ${config.host}, and it is not this bridge`, `stop that program or choose another PORT (find it with: ss -ltnp | grep :${config.port})`)];
  }
  return [bad(subject, `cannot listen on ${config.host}:${config.port} (${error.code ?? 'error'})`, 'check HOST (an address of this machine, or 0.0.0.0) and PORT')];
}

export const SSDP_PORT = 1900;
export const SSDP_SEARCH_TARGET = 'urn:netatmo-smartthings-bridge:device:bridge:1';

/**
 * SSDP: with the bridge running, a unicast M-SEARCH to 127.0.0.1 must be answered (never multicast
 * from here); without it, UDP port 1900 must be bindable the way the responder binds it.
 */
export async function checkSsdp(config: Config, running: boolean, timeoutMs = 2_000): Promise<Finding[]> {
  const subject = 'SSDP discovery';
  if (!config.ssdp) return [good(subject, 'off (SSDP=off): hubs need the bridge address as a driver setting')];
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  try {
    if (!running) {
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e));
        socket.bind(SSDP_PORT, () => resolve(null));
      });
      return error
        ? [bad(subject, `UDP port ${SSDP_PORT} cannot be used (${error.code ?? 'error'})`, 'stop the other SSDP/UPnP service (e.g. minidlna), or set SSDP=off and enter the bridge address in the driver')]
        : [good(subject, `UDP port ${SSDP_PORT} is free to use`)];
    }
    const answered = await withTimeout(timeoutMs, async (signal) => {
      // once() rejects on the socket's 'error' and on the time limit.
      const reply = once(socket, 'message', { signal }) as Promise<[Buffer]>;
      const search = ['M-SEARCH * HTTP/1.1', `HOST: 127.0.0.1:${SSDP_PORT}`, 'MAN: "ssdp:discover"', 'MX: 1', `ST: ${SSDP_SEARCH_TARGET}`, '', ''].join('\r\n');
      socket.bind(0, '127.0.0.1', () => socket.send(search, SSDP_PORT, '127.0.0.1'));
      const [message] = await reply;
      return message.toString('utf8').includes(SSDP_SEARCH_TARGET);
    }).catch(() => false);
    return answered
      ? [good(subject, 'the bridge answers an M-SEARCH')]
      : [bad(subject, 'the running bridge does not answer an M-SEARCH on 127.0.0.1', 'check the bridge log for SSDP errors; in Docker use network_mode: host')];
  } finally {
    socket.close();
  }
}
