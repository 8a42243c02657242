// POST /oauth2/token (refresh and code exchange). Every call counts against the rate budget like
// any API call; failures are classified and fed back into the budget. Returns the parsed pair;
// storing it is the caller's job (TokenManager), because the order "persist, then use" matters.
import type { RateBudget } from './budget.js';
import { classifyHttpResponse, localBudgetError, malformedError, NetatmoError } from './errors.js';
import { exchange, parseJson } from './http.js';
import { parseTokenResponse, type TokenResponse } from './schemas.js';

export const TOKEN_ENDPOINT = 'oauth2/token';

export interface TokenEndpointOptions {
  tokenUrl: string;
  budget: RateBudget;
  timeoutMs: number;
  now: () => number;
}

export interface TokenCallOutcome {
  durationMs: number;
  httpStatus: number | null;
}

export async function postTokenRequest(
  form: Record<string, string>,
  options: TokenEndpointOptions,
  onOutcome?: (outcome: TokenCallOutcome & { error: NetatmoError | null }) => void,
): Promise<TokenResponse> {
  const permit = options.budget.tryAcquire('auth');
  if (!permit.ok) throw localBudgetError(TOKEN_ENDPOINT, permit.retryAfterMs, permit.reason);

  let answer;
  try {
    answer = await exchange({
      endpoint: TOKEN_ENDPOINT,
      url: options.tokenUrl,
      timeoutMs: options.timeoutMs,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
      },
    });
  } catch (error) {
    if (error instanceof NetatmoError) {
      options.budget.noteTransientFailure();
      onOutcome?.({ durationMs: 0, httpStatus: null, error });
    }
    throw error;
  }

  const outcome = { durationMs: answer.durationMs, httpStatus: answer.status };
  const json = parseJson(answer.text);
  const hasError = json.ok && typeof json.value === 'object' && json.value !== null && 'error' in json.value;
  if (!answer.ok || hasError) {
    const error = classifyHttpResponse(TOKEN_ENDPOINT, answer.status, answer.text, answer.headers, options.now());
    feedBudget(options.budget, error);
    onOutcome?.({ ...outcome, error });
    throw error;
  }
  const parsed = json.ok ? parseTokenResponse(json.value) : null;
  if (!parsed?.ok) {
    const error = malformedError(TOKEN_ENDPOINT, answer.status, json.ok ? 'the token answer lacks a token' : 'the answer is not JSON');
    onOutcome?.({ ...outcome, error });
    throw error;
  }
  options.budget.noteSuccess(permit.ticket);
  onOutcome?.({ ...outcome, error: null });
  return parsed.value;
}

/** Tells the budget what a failed Netatmo answer means for the next calls. */
export function feedBudget(budget: RateBudget, error: NetatmoError): void {
  switch (error.kind) {
    case 'rate_limited':
      budget.noteRateLimited(error.retryAfterS);
      return;
    case 'overloaded':
    case 'server':
    case 'timeout':
    case 'network':
      budget.noteTransientFailure(error.retryAfterS);
      return;
    default:
      return;
  }
}
