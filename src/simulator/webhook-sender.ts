// Posts energy events to registered (loopback-only) webhook URLs: fire-and-forget with a short
// timeout, never delaying the API answer. Outcomes land in the call log only.
import type { CallLog } from './call-log.js';
import type { WebhookEvent } from './webhook-events.js';

const DELIVERY_TIMEOUT_MS = 3_000;

export class WebhookSender {
  private readonly urls = new Set<string>();
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly calls: CallLog,
    private readonly nowMs: () => number,
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

  /** Sends each event to every registered URL; returns at once. */
  send(events: WebhookEvent[], onlyUrl?: string): void {
    const targets = onlyUrl ? [onlyUrl] : [...this.urls];
    for (const url of targets) for (const event of events) void this.deliver(url, event);
  }

  private async deliver(url: string, event: WebhookEvent): Promise<void> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
    const base = { at: this.nowMs(), endpoint: 'webhook', method: 'POST', params: { url, event_type: event.event_type ?? event.push_type } };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'NetatmoSimulator' },
        body: JSON.stringify(event),
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      this.calls.add({ ...base, httpStatus: response.status });
    } catch (error) {
      this.calls.add({ ...base, httpStatus: 0, errorCode: error instanceof Error ? error.name : 'error' });
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  stop(): void {
    for (const controller of this.inFlight) controller.abort();
  }
}
