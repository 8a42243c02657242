// One poll round over the account: homesdata when due, then homestatus home by home. Each home
// succeeds or fails on its own: a refused home is recorded against that home and the round goes
// on; only what concerns the whole account stops it (code 26, a dead token, our own budget
// holding back). A home that was not polled or failed keeps its last known values; one never seen
// is listed from homesdata, unreachable until it answers.
import { isRelayOffline, normaliseHome } from '../model/index.js';
import type { RawTopologyHome } from '../model/netatmo-raw.js';
import type { HealthError, Home, NetatmoErrorKind } from '../model/types.js';
import type { NetatmoApi } from '../netatmo/api.js';
import { NetatmoError } from '../netatmo/errors.js';
import type { Logger } from '../util/logger.js';
import { isRefusal, type HomeHealthBook } from './home-health.js';
import type { TopologyCache } from './topology-cache.js';

/** Failures that concern every home alike: asking the next home would only repeat them. */
const ACCOUNT_WIDE_KINDS: readonly NetatmoErrorKind[] = ['rate_limited', 'auth', 'invalid_grant', 'not_configured', 'moved'];

export interface RoundDeps {
  api: Pick<NetatmoApi, 'homeStatus'>;
  topology: TopologyCache;
  book: HomeHealthBook;
  logger: Logger;
  /** Wall clock (ms epoch), for error times. */
  wallNow: () => number;
  previous: (homeId: string) => Home | undefined;
  /** The poll interval in force (refused homes wait multiples of it). */
  intervalMs: number;
  /** Homes to ask first (deferred last round), so a home late in the list is not starved. */
  first: ReadonlySet<string>;
}

export interface RoundOutcome {
  /** Every listed home, in homesdata order, as clients should see it; null before homesdata was
   *  ever read (the last known homes stay as they are). */
  homes: Home[] | null;
  /** Homes that answered (or true when the account has no heating home and homesdata answered). */
  succeeded: number;
  /** The first failure, when nothing succeeded it is the round's failure. */
  failure: unknown;
  /** Our own budget held the round back (nothing more was sent). */
  deferral: NetatmoError | null;
  /** Homes not asked this round (stopped early). */
  notAsked: Set<string>;
}

export function isLocalDeferral(error: unknown): error is NetatmoError {
  return error instanceof NetatmoError && error.kind === 'rate_limited' && error.httpStatus === null;
}

export function toHealthError(error: unknown, now: number): HealthError {
  const at = new Date(now).toISOString();
  if (error instanceof NetatmoError) return { kind: error.kind, code: error.code, message: error.message, at };
  return { kind: 'unknown', code: null, message: error instanceof Error ? error.message : String(error), at };
}

function accountWide(error: unknown): boolean {
  return error instanceof NetatmoError && ACCOUNT_WIDE_KINDS.includes(error.kind);
}

export async function runRound(deps: RoundDeps): Promise<RoundOutcome> {
  const { topology, book } = deps;
  const outcome: RoundOutcome = { homes: null, succeeded: 0, failure: null, deferral: null, notAsked: new Set() };
  if (topology.needsRefresh()) {
    try {
      await topology.refresh();
    } catch (error) {
      if (isLocalDeferral(error)) outcome.deferral = error;
      else outcome.failure = error;
      if (outcome.deferral || topology.homes === null || accountWide(error)) return withHomes(outcome, deps);
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'homesdata failed; polling the homes as last known');
    }
  }
  const listed = topology.homes ?? [];
  if (listed.length === 0 && outcome.failure === null) outcome.succeeded = 1;

  const fresh = new Map<string, Home>();
  const homeFailures: { homeId: string; error: unknown }[] = [];
  let stopped = false;
  let reread = false;
  for (const topo of orderedHomes(listed, deps.first)) {
    const homeId = topo.id ?? '';
    if (stopped) {
      outcome.notAsked.add(homeId);
      continue;
    }
    if (!book.mayPoll(homeId)) continue;
    try {
      const status = await deps.api.homeStatus(homeId);
      let current: RawTopologyHome = topo;
      if (!reread && topology.shouldRereadFor(topo, status)) {
        reread = true;
        current = await rereadTopology(deps, homeId, topo);
      }
      fresh.set(homeId, normaliseHome(current, status, deps.previous(homeId)));
      book.recordOk(homeId, isRelayOffline(status), new Date(deps.wallNow()).toISOString());
      outcome.succeeded += 1;
    } catch (error) {
      if (isLocalDeferral(error) || accountWide(error)) {
        if (isLocalDeferral(error)) outcome.deferral = error;
        else outcome.failure ??= error;
        stopped = true;
        outcome.notAsked.add(homeId);
        continue;
      }
      outcome.failure ??= error;
      homeFailures.push({ homeId, error });
      if (error instanceof NetatmoError && error.kind === 'device_not_found') topology.markDirty();
    }
  }
  recordHomeFailures(deps, homeFailures, outcome.succeeded > 0);
  return withHomes(outcome, deps, fresh);
}

/**
 * A refusal always belongs to its home. Other failures (5xx, timeouts) count against a home only
 * when another home answered in the same round; otherwise Netatmo as a whole failed (account health).
 */
function recordHomeFailures(deps: RoundDeps, failures: { homeId: string; error: unknown }[], othersAnswered: boolean): void {
  for (const { homeId, error } of failures) {
    const healthError = toHealthError(error, deps.wallNow());
    const refused = isRefusal(healthError.kind);
    if (refused || othersAnswered) deps.book.recordFailure(homeId, healthError, deps.intervalMs);
    deps.logger.warn({ homeId, kind: healthError.kind, code: healthError.code }, `homestatus failed for one home: ${healthError.message}`);
  }
}

async function rereadTopology(deps: RoundDeps, homeId: string, topo: RawTopologyHome): Promise<RawTopologyHome> {
  deps.logger.info({ homeId }, 'unknown room in homestatus; re-reading homesdata');
  try {
    await deps.topology.refresh();
  } catch (error) {
    deps.logger.warn({ homeId, err: error instanceof Error ? error.message : String(error) }, 'homesdata re-read failed; mapping with the last known rooms');
  }
  return deps.topology.home(homeId) ?? topo;
}

function orderedHomes(homes: readonly RawTopologyHome[], first: ReadonlySet<string>): RawTopologyHome[] {
  if (first.size === 0) return [...homes];
  return [...homes.filter((h) => first.has(h.id ?? '')), ...homes.filter((h) => !first.has(h.id ?? ''))];
}

/** The listed homes in homesdata order: fresh, else last known, else from homesdata alone. */
function withHomes(outcome: RoundOutcome, deps: RoundDeps, fresh: ReadonlyMap<string, Home> = new Map()): RoundOutcome {
  const listed = deps.topology.homes;
  if (listed === null) return outcome;
  const ids = new Set<string>();
  const homes: Home[] = [];
  for (const topo of listed) {
    const homeId = topo.id ?? '';
    ids.add(homeId);
    const home = fresh.get(homeId) ?? deps.previous(homeId) ?? normaliseHome(topo, undefined, undefined);
    homes.push(deps.book.present(home));
  }
  deps.book.keepOnly(ids);
  return { ...outcome, homes };
}
