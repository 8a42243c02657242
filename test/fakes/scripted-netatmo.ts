// A scriptable fake of Netatmo's HTTP surface for exact edge cases (the simulator in src/simulator
// is the realistic one). Each endpoint ("oauth2/token", "homestatus", …) has a queue of canned
// answers; when the queue is empty the endpoint's default answer (or a handler) is used, and
// without one the server answers 500 so a forgotten script fails loudly. Every request is logged
// with its parsed query, form or JSON body.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnswer {
  status?: number;
  /** Serialised as JSON. */
  json?: unknown;
  /** Sent verbatim (for malformed answers). */
  text?: string;
  headers?: Record<string, string>;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Answer only once this settles (Netatmo slow on this one request). */
  after?: Promise<unknown>;
}

export type ScriptedHandler = (request: RecordedRequest) => ScriptedAnswer;

export interface RecordedRequest {
  method: string;
  /** Path without the /api/ prefix or leading slash: "homestatus", "oauth2/token". */
  endpoint: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  form: Record<string, string>;
  json: unknown;
}

export function ok(body: unknown): ScriptedAnswer {
  return { status: 200, json: { body, status: 'ok', time_exec: 0.01, time_server: 1_767_225_600 } };
}

export function writeOk(): ScriptedAnswer {
  return { status: 200, json: { status: 'ok', time_exec: 0.01, time_server: 1_767_225_600 } };
}

export function apiError(status: number, code: number, message: string, headers?: Record<string, string>): ScriptedAnswer {
  return { status, json: { error: { code, message } }, headers };
}

export function tokenAnswer(suffix: string, expiresIn = 10_800): ScriptedAnswer {
  return {
    status: 200,
    json: { access_token: `access-${suffix}`, refresh_token: `refresh-${suffix}`, scope: ['read_thermostat', 'write_thermostat'], expires_in: expiresIn, expire_in: expiresIn },
  };
}

export function oauthError(error: string, status = 400): ScriptedAnswer {
  return { status, json: { error } };
}

export class ScriptedNetatmo {
  readonly requests: RecordedRequest[] = [];
  private readonly queues = new Map<string, ScriptedAnswer[]>();
  private readonly defaults = new Map<string, ScriptedAnswer | ScriptedHandler>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly hangClosedWaiters: (() => void)[] = [];
  private readonly requestWaiters: { endpoint: string; count: number; resolve: () => void }[] = [];
  /** Hanging answers whose connection the client closed (a cancelled request). */
  hangsClosedByClient = 0;

  private readonly server: Server;
  private baseUrl = '';

  private constructor() {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  static async start(): Promise<ScriptedNetatmo> {
    const instance = new ScriptedNetatmo();
    await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
    const { port } = instance.server.address() as AddressInfo;
    instance.baseUrl = `http://127.0.0.1:${port}`;
    return instance;
  }

  /** NETATMO_API_URL for the client. */
  get url(): string {
    return this.baseUrl;
  }

  get tokenUrl(): string {
    return `${this.url}/oauth2/token`;
  }

  /** Answers given once each, in order, before the default. */
  enqueue(endpoint: string, ...answers: ScriptedAnswer[]): this {
    const queue = this.queues.get(endpoint) ?? [];
    queue.push(...answers);
    this.queues.set(endpoint, queue);
    return this;
  }

  /** The answer (or handler) used whenever the queue is empty. */
  setDefault(endpoint: string, answer: ScriptedAnswer | ScriptedHandler): this {
    this.defaults.set(endpoint, answer);
    return this;
  }

  /** Resolves when the client closes the connection of a hanging answer (call it before cancelling). */
  nextHangClosed(): Promise<void> {
    return new Promise((resolve) => this.hangClosedWaiters.push(resolve));
  }

  /** Resolves once `count` requests to `endpoint` have arrived (at once when they already have). */
  requestsArrived(endpoint: string, count = 1): Promise<void> {
    if (this.requestsTo(endpoint).length >= count) return Promise.resolve();
    return new Promise((resolve) => this.requestWaiters.push({ endpoint, count, resolve }));
  }

  /**
   * One request to the server and its answer: a request the process sent before it has arrived by
   * then (an event to wait for instead of a number of event-loop turns).
   */
  async roundTrip(): Promise<void> {
    await (await fetch(`${this.baseUrl}/__round-trip`)).arrayBuffer();
  }

  requestsTo(endpoint: string): RecordedRequest[] {
    return this.requests.filter((r) => r.endpoint === endpoint);
  }

  async close(): Promise<void> {
    const hanging = [...this.hanging];
    this.hanging.clear();
    for (const res of hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bodyText = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const endpoint = url.pathname.replace(/^\/(api\/)?/, '');
    if (endpoint === '__round-trip') {
      res.writeHead(204).end();
      return;
    }
    const contentType = String(req.headers['content-type'] ?? '');
    let json: unknown;
    if (contentType.includes('json') && bodyText) {
      try {
        json = JSON.parse(bodyText);
      } catch {
        json = undefined;
      }
    }
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      endpoint,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      bodyText,
      form: contentType.includes('x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(bodyText)) : {},
      json,
    };
    this.requests.push(record);
    for (const waiter of [...this.requestWaiters]) {
      if (waiter.endpoint !== endpoint || this.requestsTo(endpoint).length < waiter.count) continue;
      this.requestWaiters.splice(this.requestWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }

    const answer = this.next(record);
    if (answer.after) await answer.after;
    if (answer.hang) {
      this.hanging.add(res);
      res.on('close', () => {
        if (!this.hanging.delete(res)) return;
        this.hangsClosedByClient += 1;
        for (const resolve of this.hangClosedWaiters.splice(0)) resolve();
      });
      return;
    }
    const text = answer.text ?? JSON.stringify(answer.json ?? {});
    res.writeHead(answer.status ?? 200, { 'content-type': answer.text === undefined ? 'application/json' : 'text/html', ...answer.headers });
    res.end(text);
  }

  private next(record: RecordedRequest): ScriptedAnswer {
    const queued = this.queues.get(record.endpoint)?.shift();
    if (queued) return queued;
    const fallback = this.defaults.get(record.endpoint);
    if (typeof fallback === 'function') return fallback(record);
    if (fallback) return fallback;
    return { status: 500, json: { error: { code: 500, message: `no scripted answer for ${record.endpoint}` } } };
  }
}
