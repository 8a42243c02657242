// The checks behind `npm run doctor`. Each returns findings: what was looked at, whether it is
// fine, and for a problem one sentence on how to fix it. Checks never change anything, except the
// token check with --refresh (a real refresh rotates the tokens, so it is opt-in). Every sentence
// is in the user's language (`tr`, keys doctor.* in src/i18n/en/cli-doctor.ts).
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { once } from 'node:events';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Config } from '../config/index.js';
import { formatDateTime } from '../i18n/format.js';
import type { Translator } from '../i18n/translator.js';
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

export function checkConfig(problems: readonly string[], tr: Translator): Finding[] {
  const subject = tr.t('doctor.config');
  if (problems.length === 0) return [good(subject, tr.t('doctor.configValid'))];
  return problems.map((problem) => bad(subject, problem, tr.t('doctor.configFix')));
}

export async function checkDataFile(file: string, read: DataFileRead, tr: Translator): Promise<Finding[]> {
  const subject = tr.t('doctor.dataFile', { file });
  if (read.kind === 'missing') {
    const dir = path.dirname(file);
    const writable = await access(dir, fsConstants.W_OK).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT', // created at first start
    );
    return writable
      ? [good(subject, tr.t('doctor.dataNotCreated'))]
      : [bad(subject, tr.t('doctor.dataDirNotWritable', { dir }), tr.t('doctor.dataDirFix', { dir }))];
  }
  const findings: Finding[] = [];
  if (read.kind === 'newer') {
    findings.push(bad(subject, tr.t('doctor.dataNewer', { version: read.fileVersion }), tr.t('doctor.dataNewerFix')));
  } else if (read.kind === 'unreadable') {
    const problem = read.code ? tr.t('doctor.dataUnreadable', { code: read.code }) : read.problem;
    findings.push(bad(subject, tr.t('doctor.dataDamaged', { problem }), tr.t('doctor.dataDamagedFix', { backup: `${path.basename(file)}.bak` })));
  } else {
    findings.push(good(subject, tr.t('doctor.dataOk')));
  }
  const info = await stat(file);
  const mode = info.mode & 0o777;
  if (mode !== 0o600) {
    findings.push(bad(subject, tr.t('doctor.dataMode', { mode: mode.toString(8) }), `chmod 600 ${file}`));
  }
  const writable = await Promise.all([access(file, fsConstants.W_OK), access(path.dirname(file), fsConstants.W_OK)]).then(
    () => true,
    () => false,
  );
  if (!writable) findings.push(bad(subject, tr.t('doctor.dataNotWritable'), tr.t('doctor.dataNotWritableFix', { file })));
  return findings;
}

/** DNS (for a name) and one HTTP request: any HTTP answer means Netatmo is reachable. */
export async function checkNetatmoReachable(apiUrl: string, tr: Translator, timeoutMs = 5_000): Promise<Finding[]> {
  const subject = tr.t('doctor.api', { url: apiUrl });
  const host = new URL(apiUrl).hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) === 0) {
    try {
      await lookup(host);
    } catch {
      return [bad(subject, tr.t('doctor.apiDns', { host }), tr.t('doctor.apiDnsFix'))];
    }
  }
  try {
    const res = await fetch(apiUrl, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.body?.cancel();
    return [good(subject, tr.t('doctor.apiReachable', { status: res.status }))];
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : 'error');
    return [bad(subject, tr.t('doctor.apiUnreachable', { cause }), tr.t('doctor.apiUnreachableFix'))];
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
export function checkTokens(facts: TokenFacts, tr: Translator): Finding[] {
  const subject = tr.t('doctor.login');
  const cli = cliName();
  const { config, data } = facts;
  const credentials = data?.netatmo.credentials ?? (config.netatmo.clientId && config.netatmo.clientSecret ? { clientId: config.netatmo.clientId } : null);
  if (!credentials) {
    return [bad(subject, tr.t('doctor.noCredentials'), tr.t('doctor.noCredentialsFix'))];
  }
  const tokens = data?.netatmo.tokens ?? null;
  const moved = data?.netatmo.moved ?? null;
  if (moved) {
    return [bad(subject, tr.t('doctor.moved', { time: formatDateTime(moved.at, tr) }), tr.t('doctor.movedFix', { cli }))];
  }
  if (!tokens && !config.netatmo.refreshToken) {
    return [bad(subject, tr.t('doctor.noTokens'), tr.t('doctor.noTokensFix', { cli }))];
  }
  const lastError = data?.health.lastError ?? null;
  const refusedOnDisk =
    data?.health.authRequired === true ||
    (lastError !== null &&
      (lastError.kind === 'invalid_grant' || lastError.kind === 'auth') &&
      (data?.health.lastSuccessAt === null || Date.parse(lastError.at) > Date.parse(data?.health.lastSuccessAt ?? '')));
  if (facts.liveStatus === 'auth_required' || (facts.liveStatus === null && refusedOnDisk)) {
    return [bad(subject, tr.t('doctor.loginRefused'), tr.t('doctor.reconnectFix', { cli }))];
  }
  if (!tokens) return [good(subject, tr.t('doctor.envRefreshToken'))];
  const expiresAt = Date.parse(tokens.expiresAt);
  const valid = Number.isFinite(expiresAt) && expiresAt > facts.nowMs;
  return [good(subject, valid ? tr.t('doctor.accessValid', { count: Math.round((expiresAt - facts.nowMs) / 60_000) }) : tr.t('doctor.accessExpired'))];
}

/** What the running bridge's status page says about saving (GET /status.json; nothing secret). */
export interface LiveSaving {
  dataFile: { saving: boolean; problem: string | null };
  tokenSaved: boolean;
}

/** The running bridge keeps going from memory when it cannot save: say so, and what is at stake. */
export function checkLiveSaving(file: string, live: LiveSaving | null, tr: Translator): Finding[] {
  if (!live) return [];
  const findings: Finding[] = [];
  if (!live.dataFile.saving) {
    const problem = live.dataFile.problem ?? tr.t('doctor.seeLog');
    findings.push(bad(tr.t('doctor.dataFile', { file }), tr.t('doctor.liveNotSaving', { problem }), tr.t('doctor.liveNotSavingFix')));
  }
  if (!live.tokenSaved) findings.push(bad(tr.t('doctor.login'), tr.t('doctor.liveNotSaved'), tr.t('doctor.liveNotSavedFix')));
  return findings;
}

/** Is the bridge running (answers /healthz), or else is its port free to listen on? */
export async function checkPort(config: Config, running: boolean, bridgeUrl: string, tr: Translator): Promise<Finding[]> {
  const { host, port } = config;
  const subject = tr.t('doctor.port', { port });
  if (running) return [good(subject, tr.t('doctor.portRunning', { url: bridgeUrl }))];
  if (port === 0) return [good(subject, tr.t('doctor.portRandom'))];
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e));
    server.listen(config.port, config.host, () => server.close(() => resolve(null)));
  });
  if (!error) return [good(subject, tr.t('doctor.portFree', { host }))];
  if (error.code === 'EADDRINUSE') return [bad(subject, tr.t('doctor.portUsed', { host }), tr.t('doctor.portUsedFix', { port }))];
  return [bad(subject, tr.t('doctor.portError', { host, port, code: error.code ?? 'error' }), tr.t('doctor.portErrorFix'))];
}

export const SSDP_PORT = 1900;
export const SSDP_SEARCH_TARGET = 'urn:netatmo-smartthings-bridge:device:bridge:1';

/**
 * SSDP: with the bridge running, a unicast M-SEARCH to 127.0.0.1 must be answered (never multicast
 * from here); without it, UDP port 1900 must be bindable the way the responder binds it.
 */
export async function checkSsdp(config: Config, running: boolean, tr: Translator, timeoutMs = 2_000): Promise<Finding[]> {
  const subject = tr.t('doctor.ssdp');
  if (!config.ssdp) return [good(subject, tr.t('doctor.ssdpOff'))];
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  try {
    if (!running) {
      const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e));
        socket.bind(SSDP_PORT, () => resolve(null));
      });
      return error
        ? [bad(subject, tr.t('doctor.ssdpBusy', { port: SSDP_PORT, code: error.code ?? 'error' }), tr.t('doctor.ssdpBusyFix'))]
        : [good(subject, tr.t('doctor.ssdpFree', { port: SSDP_PORT }))];
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
      ? [good(subject, tr.t('doctor.ssdpAnswers'))]
      : [bad(subject, tr.t('doctor.ssdpSilent'), tr.t('doctor.ssdpSilentFix'))];
  } finally {
    socket.close();
  }
}
