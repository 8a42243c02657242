// Builds the real netatmo stack (budget, token manager, client) against the scripted fake server
// and an in-memory store, with a hand-driven clock for token expiry and the budget.
import { NetatmoClient, type NetatmoCallEvent } from '../../../src/netatmo/client.js';
import { RateBudget, type RateBudgetOptions } from '../../../src/netatmo/budget.js';
import { TokenManager, type TokenManagerOptions } from '../../../src/netatmo/tokens.js';
import { silentLogger, type Logger } from '../../../src/util/logger.js';
import type { NetatmoTokens } from '../../../src/store/types.js';
import type { MemoryStore } from '../../fakes/memory-store.js';
import { makeTokens, storeWith } from '../../fakes/memory-store.js';
import { storeTokenRepository } from '../../../src/store/token-repository.js';
import { ScriptedNetatmo } from '../../fakes/scripted-netatmo.js';

export const T0 = Date.parse('2026-01-05T10:00:00Z');

export class Clock {
  constructor(public ms = T0) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface Harness {
  server: ScriptedNetatmo;
  store: MemoryStore;
  clock: Clock;
  budget: RateBudget;
  tokens: TokenManager;
  client: NetatmoClient;
  calls: NetatmoCallEvent[];
}

export interface HarnessOptions {
  /** Tokens in the store; default a pair valid for another 2 h. null = empty store. */
  storedTokens?: NetatmoTokens | null;
  store?: MemoryStore;
  budget?: RateBudgetOptions;
  tokenOptions?: Partial<TokenManagerOptions>;
  timeoutMs?: number;
  logger?: Logger;
  server?: ScriptedNetatmo;
}

/** A pair that is still valid for `validForMs` at the harness clock's start. */
export function freshTokens(suffix: string, validForMs = 2 * 3_600_000, at = T0): NetatmoTokens {
  return makeTokens(suffix, new Date(at + validForMs));
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server = options.server ?? (await ScriptedNetatmo.start());
  const clock = new Clock();
  const store = options.store ?? storeWith(options.storedTokens === undefined ? freshTokens('stored') : options.storedTokens);
  const logger = options.logger ?? silentLogger();
  const budget = new RateBudget({ now: clock.now, ...options.budget });
  const tokens = new TokenManager({ repository: storeTokenRepository(store), tokenUrl: server.tokenUrl, budget, logger, now: clock.now, timeoutMs: 2_000, ...options.tokenOptions });
  const calls: NetatmoCallEvent[] = [];
  const client = new NetatmoClient({
    apiUrl: server.url,
    tokens,
    budget,
    logger,
    now: clock.now,
    timeoutMs: options.timeoutMs ?? 2_000,
    onCall: (event) => calls.push(event),
  });
  return { server, store, clock, budget, tokens, client, calls };
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
