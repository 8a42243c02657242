// `npm run status`: the running bridge's health in words, from GET /api/v1/state with the LAN token
// of the data file. Exit code 0 = all fine, 1 = the bridge cannot be asked, 2 = Netatmo not ok.
import { z } from 'zod';
import { ageOf } from '../web/words.js';
import { loadInstallation, readDataFile, serviceUserHint, type DataFileRead } from './installation.js';
import { stringValue, type ParsedArgs } from './args.js';
import { DATA_DIR_OPTION, URL_OPTION, type Command } from './command.js';
import { cliName, complain, say, type CliIo } from './io.js';
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

/** The health block in sentences (pure). */
export function describeState(state: StateDocument, nowMs: number): { lines: string[]; healthy: boolean } {
  const n = state.netatmo;
  const age = ageOf(n.lastSuccessAt, nowMs);
  const data = age ? `data from ${age.text}` : 'no data yet';
  const headline: Record<string, string> = {
    starting: `Netatmo: the bridge has just started and is reading Netatmo (last known ${data}).`,
    ok: `Netatmo: working (${data}).`,
    degraded:
      n.consecutiveFailures > 0
        ? `Netatmo: having trouble — ${n.consecutiveFailures} failed polls in a row; ${data}, still fresh enough.`
        : `Netatmo: working (${data}), but some homes cannot be read: ${state.homes.filter((h) => h.reachable === false).map((h) => h.name).join(', ') || 'see the status page'}.`,
    down: `Netatmo: NOT reachable — ${data}; the hubs show it as stale.`,
    auth_required: `Netatmo: the saved login was refused. Reconnect on the admin page (/admin), or stop the bridge and run "${cliName()} auth".`,
    not_configured: `Netatmo: not connected yet. Connect it on the admin page (/admin), or stop the bridge and run "${cliName()} auth".`,
    moved: `Netatmo: MOVED to another machine (exported ${n.movedAt ?? 'earlier'}); this bridge no longer calls Netatmo. Stop it once the new one runs, or undo with "${cliName()} import --undo-move".`,
  };
  const rooms = state.homes.reduce((sum, home) => sum + home.rooms.length, 0);
  const demo = state.bridge.simulated === true;
  const lines = [
    demo
      ? `Netatmo: the SIMULATED demo home (${data}), not your heating. Connect your account on the admin page (/admin).`
      : (headline[n.status] ?? `Netatmo: ${n.status} (${data}).`),
    `Homes: ${state.homes.length === 0 ? 'none yet' : state.homes.map((h) => h.name).join(', ')} (${rooms} rooms).`,
    `Netatmo API calls: ${n.callsLastHour} in the last hour (budget ${n.budgetPerHour}); polling every ${n.effectivePollIntervalS ?? n.pollIntervalS} s.`,
  ];
  if (n.backoffUntil) lines.push(`Holding back after Netatmo errors until ${n.backoffUntil}.`);
  if (n.lastError && n.status !== 'ok') lines.push(`Last error (${n.lastError.at}): ${n.lastError.message}`);
  return { lines, healthy: n.status === 'ok' && !n.stale };
}

function describeUnusable(file: Exclude<DataFileRead, { kind: 'ok' }>): string {
  if (file.kind === 'missing') return 'does not exist (has the bridge ever started here?)';
  if (file.kind === 'newer') return `was written by a newer version of the bridge (data format ${file.fileVersion})`;
  return file.problem;
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'health of the running bridge in words (exit 0 fine, 1 not reachable, 2 Netatmo not ok)',
  usage: 'status [--url URL] [--data-dir DIR]',
  args: { options: { url: URL_OPTION, 'data-dir': DATA_DIR_OPTION } },
  run: (args, io) => runStatus(args, io),
};

async function runStatus(args: ParsedArgs, io: CliIo): Promise<number> {
  const installation = loadInstallation(io, { url: stringValue(args, 'url'), dataDir: stringValue(args, 'data-dir') });
  const file = await readDataFile(installation.dataFile);
  if (file.kind !== 'ok') {
    complain(io, `Cannot read the LAN token: the data file ${installation.dataFile} ${describeUnusable(file)}. Run "${cliName()} doctor".${serviceUserHint(installation, 'status')}`);
    return 1;
  }
  let response: Response;
  try {
    response = await fetch(`${installation.bridgeUrl}/api/v1/state`, {
      headers: { authorization: `Bearer ${file.data.lanToken}`, 'user-agent': CLI_USER_AGENT },
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    complain(io, `The bridge does not answer at ${installation.bridgeUrl}. Is it running? (npm start, docker compose up -d, or systemctl status netatmo-bridge)`);
    return 1;
  }
  if (response.status === 401) {
    complain(io, `The bridge at ${installation.bridgeUrl} refused the LAN token of ${installation.dataFile}: is it another bridge, or a different DATA_DIR?`);
    return 1;
  }
  const parsed = stateSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) {
    complain(io, `The bridge at ${installation.bridgeUrl} answered HTTP ${response.status} with something unexpected.`);
    return 1;
  }
  const { lines, healthy } = describeState(parsed.data, Date.now());
  say(io, `Bridge ${parsed.data.bridge.version}: running at ${installation.bridgeUrl}/ (status page).`);
  for (const line of lines) say(io, line);
  return healthy ? 0 : 2;
}
