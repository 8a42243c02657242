// One HTTP exchange with Netatmo: a request with a hard timeout (headers and body both), the answer
// read as text, and transport failures turned into NetatmoErrors (timeout vs network). Shared by
// the API client and the OAuth token endpoint; it knows nothing about tokens or budgets. The
// timeout and a caller's AbortSignal both destroy the request (src/util/with-timeout.ts); a
// caller that gave up gets its own abort reason back, not a NetatmoError, since it says nothing
// about Netatmo.
//
// Built on node:http/https rather than fetch: Node's fetch loads undici and compiles its
// WebAssembly HTTP parser, which costs ~10 MB of resident memory on a Raspberry Pi for the
// one request a minute this bridge makes.
import http from 'node:http';
import https from 'node:https';
import { TimeoutError, withTimeout } from '../util/with-timeout.js';
import { networkError, timeoutError, type HeaderLookup } from './errors.js';

export interface HttpAnswer {
  status: number;
  ok: boolean;
  text: string;
  headers: HeaderLookup;
  durationMs: number;
}

export interface HttpRequestInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface HttpRequest {
  /** Endpoint name for errors and logs, e.g. "homestatus" (never the full URL). */
  endpoint: string;
  url: string;
  init: HttpRequestInit;
  timeoutMs: number;
  /** The caller's: aborting it destroys the request. */
  signal?: AbortSignal;
}

/** Keep-alive agents: one poll a minute reuses the TLS session instead of a new handshake. */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8, timeout: 60_000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8, timeout: 60_000 }),
};

export async function exchange(request: HttpRequest): Promise<HttpAnswer> {
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!transport) throw networkError(request.endpoint, new Error(`unsupported protocol ${url.protocol}`));
  try {
    // The limit covers the whole exchange: a server that sends headers and then stalls is a timeout too.
    return await withTimeout(request.timeoutMs, (signal) => send(transport, url, request.init, signal), request.signal);
  } catch (error) {
    if (request.signal?.aborted && error === request.signal.reason) throw error;
    if (error instanceof TimeoutError) throw timeoutError(request.endpoint, request.timeoutMs, error);
    throw networkError(request.endpoint, error);
  }
}

function send(transport: typeof http | typeof https, url: URL, init: HttpRequestInit, signal: AbortSignal): Promise<HttpAnswer> {
  const started = performance.now();
  const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
  const headers = { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = transport.request(url, { method: init.method, headers, agent: agents[url.protocol as 'http:' | 'https:'], signal });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('response aborted')));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({
          status,
          ok: status >= 200 && status < 300,
          text: Buffer.concat(chunks).toString('utf8'),
          headers: nodeHeaders(res.headers),
          durationMs: performance.now() - started,
        });
      });
    });
    req.end(body);
  });
}

function nodeHeaders(raw: http.IncomingHttpHeaders): HeaderLookup {
  return {
    get(name: string): string | null {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
