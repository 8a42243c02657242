// The one HTTP server of the bridge: LAN API for the hub, status/setup pages, SmartApp webhook,
// metrics. Routers come from their own modules; this file only orders them and turns every
// failure into the LAN API's error shape so no request can crash the process.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { HttpRequestRecord } from './core/events.js';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Router } from 'express';
import { misdirectedMessage, type HostCheck } from './http/allowed-hosts.js';
import { ApiError, sendApiError } from './http/api-error.js';
import type { Logger } from './util/logger.js';

/** Request bodies above this are refused with 413 (docs/lan-api.md). */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** Connection limits against idle and slow clients (docs/security.md). */
export interface ServerLimits {
  /** Connections at once; one more is closed at once (a hub uses one, a browser about six). */
  maxConnections: number;
  /** Time to send the request headers, from the connection's first byte (slowloris, silent sockets). */
  headersTimeoutMs: number;
  /**
   * Time to send the whole request. Node stops counting once the request is in, so a long poll's
   * slow answer is not cut; kept above the longest poll (60 s) plus margin all the same.
   */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (above common proxies' 60 s). */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above. */
  checkIntervalMs: number;
}

export const SERVER_LIMITS: ServerLimits = {
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 70_000,
  keepAliveTimeoutMs: 65_000,
  checkIntervalMs: 5_000,
};

export interface ListenOptions {
  /** The Host allow-list (src/http/allowed-hosts.ts); other names get 421 before any route runs. */
  allowHost?: HostCheck;
  limits?: Partial<ServerLimits>;
}

export interface HttpRoutes {
  /** Mounted first, no LAN auth: healthz, description, pairing, pages, SmartApp, webhooks, metrics. */
  open: Router[];
  /** Everything under /api/v1 that needs the LAN bearer token. */
  lanAuth: RequestHandler;
  lan: Router[];
}

/** One answered request, labelled by its route pattern so metrics stay bounded. */
export type { HttpRequestRecord } from './core/events.js';

export function createHttpApp(routes: HttpRoutes, logger: Logger, onRequest?: (record: HttpRequestRecord) => void): Express {
  const app = express();
  app.disable('x-powered-by');
  // ETags of the state document are our revision numbers, set by the route itself.
  app.set('etag', false);
  // Requests refused before routing (a wrong LAN token) are labelled by the route they asked for.
  if (onRequest) app.use(requestRecorder(onRequest, routePatterns(routes.lan)));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/api', express.json({ limit: BODY_LIMIT_BYTES, strict: true, type: () => true }));
  for (const router of routes.open) app.use(router);
  app.use('/api/v1', routes.lanAuth);
  for (const router of routes.lan) app.use(router);
  app.use('/api', (req, _res, next) => {
    next(new ApiError(404, 'not_found', `There is no ${req.method} ${req.baseUrl}${req.path} in the LAN API v1.`));
  });
  app.use(errorHandler(logger));
  return app;
}

export interface RoutePattern {
  pattern: string;
  method: string;
  regex: RegExp;
}

/** The method + path patterns of routers' routes (`/api/v1/homes/:homeId/mode`), as matchers. */
export function routePatterns(routers: readonly Router[]): RoutePattern[] {
  const out: RoutePattern[] = [];
  for (const router of routers) {
    for (const layer of router.stack as Array<{ route?: { path?: unknown; methods?: Record<string, boolean> } }>) {
      const path = layer.route?.path;
      if (typeof path !== 'string') continue;
      const source = path.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
      for (const method of Object.keys(layer.route?.methods ?? {})) out.push({ pattern: path, method: method.toUpperCase(), regex: new RegExp(`^${source}/?$`) });
    }
  }
  return out;
}

/** Route pattern of an answered request: `/api/v1/homes/:homeId/mode`, never the raw path (ids). */
export function routeLabel(req: Request, known: readonly RoutePattern[] = []): string {
  const route: unknown = (req as { route?: unknown }).route;
  const pattern = typeof route === 'object' && route !== null ? (route as { path?: unknown }).path : undefined;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  const path = req.originalUrl.split('?')[0] ?? '';
  return known.find((candidate) => candidate.method === req.method && candidate.regex.test(path))?.pattern ?? 'unmatched';
}

function requestRecorder(onRequest: (record: HttpRequestRecord) => void, known: readonly RoutePattern[]): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      onRequest({ route: routeLabel(req, known), method: req.method, status: res.statusCode, durationMs: performance.now() - started });
    });
    next();
  };
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    sendApiError(res, toApiError(error, req.method, req.path, logger));
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
}

function toApiError(error: unknown, method: string, path: string, logger: Logger): ApiError {
  if (error instanceof ApiError) return error;
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.too.large':
      return new ApiError(413, 'payload_too_large', `The request body is larger than ${BODY_LIMIT_BYTES / 1024} KiB.`);
    case 'entity.parse.failed':
      return new ApiError(400, 'invalid_request', 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(400, 'invalid_request', 'The request body must be UTF-8 JSON.');
    case 'request.aborted':
      return new ApiError(400, 'invalid_request', 'The request was aborted before its body arrived.');
    default:
      break;
  }
  // Other 4xx from the HTTP stack (a body whose Content-Encoding does not decode, a malformed
  // path escape …) are the client's mistake: a 400 in our shape, not a 500.
  if (isClientError(error)) return new ApiError(400, 'invalid_request', 'The request could not be read: check its encoding, body and address.');
  logger.error({ err: error, method, path }, 'unexpected error while handling a request');
  return new ApiError(500, 'internal_error', 'The bridge hit an unexpected error; the details are in its log.');
}

function isClientError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Requests Node cannot even parse (bad framing, oversized headers) or that take too long to arrive
 * (headersTimeout / requestTimeout) get our error shape, not a bare 400 or 408.
 */
function answerMalformedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request is not valid HTTP (bad framing or headers).']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive.']
        : [400, 'Bad Request', 'The request is not valid HTTP (bad framing or headers).'];
  const body = JSON.stringify({ error: { code: 'invalid_request', message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** 421 Misdirected Request in the LAN API's error shape, with how to allow the name. */
function answerMisdirected(req: http.IncomingMessage, res: http.ServerResponse): void {
  const body = JSON.stringify({ error: { code: 'misdirected_request', message: misdirectedMessage(req.headers.host) } });
  res.writeHead(421, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

/** Answers the request and returns true, or returns false to let express handle it (src/lan/fast-path.ts). */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface RunningHttpServer {
  server: http.Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Listens and resolves once bound; close() lets running requests finish, then frees the port.
 * The Host check runs first, for every request; then `fast` paths see each request before
 * express (src/lan/fast-path.ts).
 */
export async function listen(app: Express, host: string, port: number, fast: FastPath[] = [], options: ListenOptions = {}): Promise<RunningHttpServer> {
  const limits = { ...SERVER_LIMITS, ...options.limits };
  const server = http.createServer({ connectionsCheckingInterval: limits.checkIntervalMs }, (req, res) => {
    if (options.allowHost && !options.allowHost(req.headers.host)) {
      answerMisdirected(req, res);
      return;
    }
    for (const path of fast) if (path(req, res)) return;
    void app(req, res);
  });
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.on('clientError', answerMalformedRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
