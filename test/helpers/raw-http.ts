// HTTP requests to a bridge on 127.0.0.1 with headers fetch() may not send: a forged Host header
// (the connection still goes to 127.0.0.1 — no other name is ever resolved), or none at all.
import { request as httpRequest } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  /** Host header to send; null sends none (with HTTP/1.0, as old clients do). */
  host: string | null;
  headers?: Record<string, string>;
  body?: string;
}

export function rawRequest(port: number, options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers, setHost: options.host !== null, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    if (options.host !== null) req.setHeader('host', options.host);
    req.on('error', reject);
    req.end(options.body);
  });
}
