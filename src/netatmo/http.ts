// One HTTP exchange with Netatmo: fetch with a hard timeout (headers and body both), the answer
// read as text, and transport failures turned into NetatmoErrors (timeout vs network). Shared by
// the API client and the OAuth token endpoint; it knows nothing about tokens or budgets.
import { networkError, timeoutError } from './errors.js';

export type FetchLike = typeof fetch;

export interface HttpAnswer {
  status: number;
  ok: boolean;
  text: string;
  headers: Headers;
  durationMs: number;
}

export interface HttpRequest {
  /** Endpoint name for errors and logs, e.g. "homestatus" (never the full URL). */
  endpoint: string;
  url: string;
  init: RequestInit;
  timeoutMs: number;
  fetchImpl?: FetchLike;
}

export async function exchange(request: HttpRequest): Promise<HttpAnswer> {
  const fetchImpl = request.fetchImpl ?? fetch;
  const signal = AbortSignal.timeout(request.timeoutMs);
  const started = performance.now();
  try {
    const response = await fetchImpl(request.url, { ...request.init, signal, redirect: 'error' });
    // The timeout signal also covers reading the body: a server that sends headers and then
    // stalls is still a timeout.
    const text = await response.text();
    return { status: response.status, ok: response.ok, text, headers: response.headers, durationMs: performance.now() - started };
  } catch (cause) {
    if (signal.aborted || isAbortLike(cause)) throw timeoutError(request.endpoint, request.timeoutMs, cause);
    throw networkError(request.endpoint, unwrapCause(cause));
  }
}

function isAbortLike(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** undici wraps the real reason (ECONNREFUSED…) in `cause`. */
function unwrapCause(error: unknown): unknown {
  if (error instanceof Error && error.cause instanceof Error) return error.cause;
  return error;
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
