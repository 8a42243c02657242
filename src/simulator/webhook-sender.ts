// Posts energy events to registered (loopback-only) webhook URLs: fire-and-forget with a short
// timeout, never delaying the API answer. Outcomes land in the call log only.
// Netatmo signs every delivery: header X-Netatmo-secret = hex HMAC-SHA256 of the exact body bytes,
// keyed with the app's client secret (docs/netatmo.md). Tests can also deliver an event unsigned or
// wrongly signed, as a forger would.
import { createHmac } from 'node:crypto';
import type { CallLog } from './call-log.js';
import { isLoopbackUrl } from './loopback.js';
import type { WebhookEvent } from './webhook-events.js';

const DELIVERY_TIMEOUT_MS = 3_000;
export const SIGNATURE_HEADER = 'X-Netatmo-secret';

/** valid = signed with the client secret; wrong = a well-formed signature made with another key; none = no header. */
export type WebhookSignature = 'valid' | 'wrong' | 'none';

export interface DeliveryOptions {
  signature?: WebhookSignature;
  /** Only this (loopback) URL instead of every registered one. */
  url?: string;
}

export interface DeliveryOutcome {
  url: string;
  /** HTTP status of the answer; 0 when the delivery failed before one. */
  status: number;
}

export function signWebhookBody(body: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret).update(body, 'utf8').digest('hex');
}

export class WebhookSender {
  private readonly urls = new Set<string>();
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly calls: CallLog,
    private readonly nowMs: () => number,
    private readonly clientSecret: string,
  ) {}

  register(url: string): void {
    this.urls.add(url);
  }

  dropAll(): void {
    this.urls.clear();
  }

  registered(): string[] {
    return [...this.urls];
  }

  /** Sends each event, validly signed, to every registered URL; returns at once. */
  send(events: WebhookEvent[], onlyUrl?: string): void {
    const targets = onlyUrl ? [onlyUrl] : [...this.urls];
    for (const url of targets) for (const event of events) void this.post(url, event, 'valid');
  }

  /** One event to every registered URL (or `url`), waiting for the answers. */
  async deliver(event: WebhookEvent, options: DeliveryOptions = {}): Promise<DeliveryOutcome[]> {
    if (options.url !== undefined && !isLoopbackUrl(options.url)) throw new Error('the simulator only delivers webhooks to loopback URLs');
    const targets = options.url ? [options.url] : [...this.urls];
    return Promise.all(targets.map(async (url) => ({ url, status: await this.post(url, event, options.signature ?? 'valid') })));
  }

  private headers(body: string, signature: WebhookSignature): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'NetatmoSimulator' };
    if (signature === 'valid') headers[SIGNATURE_HEADER] = signWebhookBody(body, this.clientSecret);
    if (signature === 'wrong') headers[SIGNATURE_HEADER] = signWebhookBody(body, `not-${this.clientSecret}`);
    return headers;
  }

  private async post(url: string, event: WebhookEvent, signature: WebhookSignature): Promise<number> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
    const body = JSON.stringify(event);
    const base = { at: this.nowMs(), endpoint: 'webhook', method: 'POST', params: { url, event_type: event.event_type ?? event.push_type, signature } };
    try {
      const response = await fetch(url, { method: 'POST', headers: this.headers(body, signature), body, signal: controller.signal });
      await response.arrayBuffer().catch(() => undefined);
      this.calls.add({ ...base, httpStatus: response.status });
      return response.status;
    } catch (error) {
      this.calls.add({ ...base, httpStatus: 0, errorCode: error instanceof Error ? error.name : 'error' });
      return 0;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  stop(): void {
    for (const controller of this.inFlight) controller.abort();
  }
}
