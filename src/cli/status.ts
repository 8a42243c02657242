// `npm run status`: the running bridge's health in words, from GET /api/v1/state with the LAN token
// of the data file. Exit code 0 = all fine, 1 = the bridge cannot be asked, 2 = Netatmo not ok.
import { z } from 'zod';
import { ageOf, formatDateTime } from '../i18n/format.js';
import { englishTranslator, type Translator } from '../i18n/translator.js';
import { loadInstallation, readDataFile, serviceUserHint, type DataFileRead } from './installation.js';
import { stringValue, type ParsedArgs } from './args.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { cliName, cliTranslator, complain, say, type CliIo } from './io.js';
import { CLI_USER_AGENT } from './package-info.js';

const stateSchema = z.object({
  bridge: z.object({ version: z.string(), simulated: z.boolean().optional(), startedAt: z.string().optional(), preferredPath: z.string().optional() }).loose(),
  netatmo: z
    .object({
      status: z.string(),
      stale: z.boolean(),
      lastSuccessAt: z.string().nullable(),
      consecutiveFailures: z.number(),
      lastError: z.object({ kind: z.string(), message: z.string(), at: z.string() }).loose().nullable(),
      callsLastHour: z.number(),
      budgetPerHour: z.number(),
      pollIntervalS: z.number(),
      effectivePollIntervalS: z.number().optional(),
      backoffUntil: z.string().nullable().optional(),
      movedAt: z.string().optional(),
    })
    .loose(),
  homes: z.array(z.object({ name: z.string(), reachable: z.boolean().optional(), rooms: z.array(z.unknown()) }).loose()),
});

export type StateDocument = z.infer<typeof stateSchema>;

/** The health block in sentences (pure), in the translator's language. */
export function describeState(state: StateDocument, nowMs: number, tr: Translator = englishTranslator()): { lines: string[]; healthy: boolean } {
  const n = state.netatmo;
  const age = ageOf(n.lastSuccessAt, nowMs, tr);
  const data = age ? tr.t('cliStatus.dataFrom', { age: age.text }) : tr.t('cliStatus.noData');
  const rooms = state.homes.reduce((sum, home) => sum + home.rooms.length, 0);
  const names = state.homes.length === 0 ? tr.t('cliStatus.noHomes') : state.homes.map((h) => h.name).join(', ');
  const lines = [
    state.bridge.simulated === true ? tr.t('cliStatus.demo', { data }) : netatmoLine(state, data, tr),
    tr.t('cliStatus.homes', { names, count: rooms }),
    tr.t('cliStatus.calls', { calls: n.callsLastHour, budget: n.budgetPerHour, interval: n.effectivePollIntervalS ?? n.pollIntervalS }),
  ];
  if (n.backoffUntil) lines.push(tr.t('cliStatus.holdingBack', { time: formatDateTime(n.backoffUntil, tr) }));
  if (n.lastError && n.status !== 'ok') lines.push(tr.t('cliStatus.lastError', { time: formatDateTime(n.lastError.at, tr), message: n.lastError.message }));
  return { lines, healthy: n.status === 'ok' && !n.stale };
}

function netatmoLine(state: StateDocument, data: string, tr: Translator): string {
  const n = state.netatmo;
  const cli = cliName();
  switch (n.status) {
    case 'starting':
      return tr.t('cliStatus.starting', { data });
    case 'ok':
      return tr.t('cliStatus.ok', { data });
    case 'degraded': {
      if (n.consecutiveFailures > 0) return tr.t('cliStatus.degradedFailures', { failures: n.consecutiveFailures, data });
      const homes = state.homes.filter((h) => h.reachable === false).map((h) => h.name).join(', ') || tr.t('cliStatus.seeStatusPage');
      return tr.t('cliStatus.degradedHomes', { data, homes });
    }
    case 'down':
      return tr.t('cliStatus.down', { data });
    case 'auth_required':
      return tr.t('cliStatus.authRequired', { cli });
    case 'not_configured':
      return tr.t('cliStatus.notConfigured', { cli });
    case 'moved':
      return n.movedAt ? tr.t('cliStatus.moved', { time: formatDateTime(n.movedAt, tr), cli }) : tr.t('cliStatus.movedEarlier', { cli });
    default:
      return tr.t('cliStatus.other', { status: n.status, data });
  }
}

function describeUnusable(file: Exclude<DataFileRead, { kind: 'ok' }>, tr: Translator): string {
  if (file.kind === 'missing') return tr.t('cliStatus.fileMissing');
  if (file.kind === 'newer') return tr.t('cliStatus.fileNewer', { version: file.fileVersion });
  return file.code ? tr.t('doctor.dataUnreadable', { code: file.code }) : file.problem;
}

export const statusCommand: Command = {
  name: 'status',
  summary: (tr) => tr.t('cliStatus.summary'),
  usage: 'status [--url URL] [--data-dir DIR]',
  args: { options: { url: URL_OPTION, 'data-dir': DATA_DIR_OPTION } },
  run: (args, io) => runStatus(args, io),
};

async function runStatus(args: ParsedArgs, io: CliIo): Promise<number> {
  const tr = cliTranslator(io);
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const url = installation.bridgeUrl;
  const file = await readDataFile(installation.dataFile);
  if (file.kind !== 'ok') {
    const hint = serviceUserHint(installation, 'status', tr);
    complain(io, tr.t('cliStatus.noToken', { file: installation.dataFile, problem: describeUnusable(file, tr), cli: cliName(), hint }));
    return 1;
  }
  let response: Response;
  try {
    response = await fetch(`${url}/api/v1/state`, {
      headers: { authorization: `Bearer ${file.data.lanToken}`, 'user-agent': CLI_USER_AGENT },
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    complain(io, tr.t('cliStatus.noAnswer', { url }));
    return 1;
  }
  if (response.status === 401) {
    complain(io, tr.t('cliStatus.tokenRefused', { url, file: installation.dataFile }));
    return 1;
  }
  const parsed = stateSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) {
    complain(io, tr.t('cliStatus.unexpected', { url, status: response.status }));
    return 1;
  }
  const { lines, healthy } = describeState(parsed.data, Date.now(), tr);
  say(io, tr.t('cliStatus.running', { version: parsed.data.bridge.version, url }));
  for (const line of lines) say(io, line);
  return healthy ? 0 : 2;
}
