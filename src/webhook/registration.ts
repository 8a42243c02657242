// Keeps the Netatmo webhook registered while it is wanted: addwebhook with exponential back-off
// after a failure or a deactivation (30 s doubling up to an hour), one registration at a time,
// and dropwebhook (bounded) when it is no longer wanted or the bridge stops.
import type { NetatmoApi } from '../netatmo/api.js';
import type { Logger } from '../util/logger.js';
import { withTimeout } from '../util/with-timeout.js';

const RETRY_MIN_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
const DROP_TIMEOUT_MS = 2_000;

export interface WebhookRegistrationOptions {
  api: Pick<NetatmoApi, 'addWebhook' | 'dropWebhook'>;
  /** PUBLIC_URL + the webhook path. */
  url: string;
  log: Logger;
  /** Whether the webhook is wanted at start (it may follow the SmartApp's installation). */
  wanted: boolean;
}

export class WebhookRegistration {
  #registered = false;
  #stopped = false;
  #wanted: boolean;
  #retryMs = RETRY_MIN_MS;
  #timer: NodeJS.Timeout | null = null;
  #registering: Promise<void> | null = null;

  constructor(private readonly options: WebhookRegistrationOptions) {
    this.#wanted = options.wanted;
  }

  get registered(): boolean {
    return this.#registered;
  }

  /** Registers now unless it is registered, not wanted or stopped (Netatmo connected, SmartApp installed). */
  ensure(): void {
    if (!this.#stopped && this.#wanted && !this.#registered) void this.register();
  }

  /** The SmartApp's installations changed: register or drop accordingly. */
  setWanted(wanted: boolean): void {
    this.#wanted = wanted;
    if (this.#stopped) return;
    if (wanted) this.ensure();
    else void this.drop();
  }

  /** Netatmo deactivated the webhook (too many failed deliveries): register again after the back-off. */
  deactivated(): void {
    this.options.log.warn('Netatmo deactivated the webhook; registering again');
    this.#registered = false;
    this.scheduleRetry();
  }

  register(): Promise<void> {
    if (!this.#wanted) return Promise.resolve();
    this.#registering ??= this.attempt().finally(() => {
      this.#registering = null;
    });
    return this.#registering;
  }

  /** Stops retrying and drops the webhook if it is registered (the bridge stops). */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.drop();
  }

  private async attempt(): Promise<void> {
    const { api, url, log } = this.options;
    try {
      await api.addWebhook(url);
      this.#registered = true;
      this.#retryMs = RETRY_MIN_MS;
      log.info({ url }, 'Netatmo webhook registered');
    } catch (error) {
      this.#registered = false;
      log.warn({ err: error, retryInMs: this.#retryMs }, 'Netatmo webhook registration failed; retrying later');
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    if (this.#stopped || !this.#wanted || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.register();
    }, this.#retryMs);
    this.#timer.unref();
    this.#retryMs = Math.min(RETRY_MAX_MS, this.#retryMs * 2);
  }

  private async drop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#registering?.catch(() => undefined);
    if (!this.#registered) return;
    this.#registered = false;
    try {
      await withTimeout(DROP_TIMEOUT_MS, (signal) => this.options.api.dropWebhook({ signal }));
      this.options.log.info('Netatmo webhook dropped');
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not drop the Netatmo webhook');
    }
  }
}
