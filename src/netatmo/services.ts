// The one way to build the Netatmo side: a rate budget, a token manager over a token repository and an
// API client sharing both. Used by the bridge (src/bridge/services.ts), the CLI's offline commands
// (src/cli/installation.ts) and the web connect flow (a demo connecting the real account).
import type { NetatmoCallEvent } from '../core/events.js';
import type { Logger } from '../util/logger.js';
import { RateBudget } from './budget.js';
import { NetatmoClient } from './client.js';
import { tokenUrlOf } from './oauth.js';
import { TokenManager } from './tokens.js';
import type { TokenManagerOptions } from './token-types.js';

export interface NetatmoServicesOptions {
  /** Where credentials and tokens are saved (the data file: storeTokenRepository in src/store/). */
  repository: TokenManagerOptions['repository'];
  /** NETATMO_API_URL (or the simulator's URL), without /api. */
  apiUrl: string;
  logger: Logger;
  /** Share an existing budget (one budget per Netatmo app), or the limits of a new one. */
  budget?: RateBudget | { perHour: number; per10s: number };
  /** Client id/secret from the environment; credentials saved in the data file win. */
  credentials?: TokenManagerOptions['envCredentials'];
  /** NETATMO_REFRESH_TOKEN: used only while the data file holds no tokens. */
  refreshToken?: string | null;
  now?: () => number;
  monotonicNow?: () => number;
  timeoutMs?: number;
  onRefreshed?: () => void;
  onCall?: (event: NetatmoCallEvent) => void;
}

export interface NetatmoServices {
  budget: RateBudget;
  tokens: TokenManager;
  api: NetatmoClient;
}

export function createNetatmoServices(options: NetatmoServicesOptions): NetatmoServices {
  const { now, timeoutMs, logger } = options;
  const budget = options.budget instanceof RateBudget ? options.budget : new RateBudget({ now, monotonicNow: options.monotonicNow, ...options.budget });
  const tokens = new TokenManager({
    repository: options.repository,
    tokenUrl: tokenUrlOf(options.apiUrl),
    budget,
    logger,
    envCredentials: options.credentials ?? null,
    envRefreshToken: options.refreshToken ?? null,
    now,
    timeoutMs,
    onRefreshed: options.onRefreshed,
  });
  const api = new NetatmoClient({ apiUrl: options.apiUrl, tokens, budget, logger, now, timeoutMs, onCall: options.onCall });
  return { budget, tokens, api };
}
