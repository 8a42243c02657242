// Netatmo webhook intake (when PUBLIC_URL is set): registers PUBLIC_URL/webhooks/netatmo with
// addwebhook at start (re-registering with back-off after a failure or a deactivation), drops it
// on shutdown, and turns heating events into state patches plus a confirmation poll. With a
// registered SmartApp (SMARTAPP_APP_ID) the webhook follows its installation: registered while
// it is installed, dropped when the last installation is removed.
// Netatmo bans a webhook after 5 failed deliveries in an hour, so every delivery — unknown,
// malformed or oversized — is answered 200 at once, before any work.
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { BridgeContext, Feature } from '../context.js';
import { installedSmartAppIds } from '../smartthings/installations.js';
import { moduleLogger } from '../util/logger.js';
import { patchFromWebhook } from './webhook-patch.js';
import { parseWebhookEvent } from './webhook-schema.js';

export const WEBHOOK_PATH = '/webhooks/netatmo';
/** Confirmation poll after an event (the poll stays the source of truth). */
export const CONFIRM_POLL_MS = 3_000;
const RETRY_MIN_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
const DROP_TIMEOUT_MS = 2_000;

export function netatmoWebhookFeature(context: BridgeContext): Feature {
  const publicUrl = context.config.publicUrl;
  if (!publicUrl) return { name: 'netatmo-webhook' };
  const log = moduleLogger(context.logger, 'webhook');
  const url = `${publicUrl}${WEBHOOK_PATH}`;
  let registered = false;
  let stopped = false;
  // Without a SmartApp id the webhook is always wanted; with one, only while it is installed.
  const wantedFor = (installed: number): boolean => !context.config.smartapp.appId || installed > 0;
  let wanted = wantedFor(installedSmartAppIds(context.store.data).length);
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | null = null;
  let registering: Promise<void> | null = null;

  const scheduleRetry = (): void => {
    if (stopped || !wanted || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void register();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
  };

  const register = (): Promise<void> => {
    if (!wanted) return Promise.resolve();
    registering ??= (async () => {
      try {
        await context.api.addWebhook(url);
        registered = true;
        retryMs = RETRY_MIN_MS;
        log.info({ url }, 'Netatmo webhook registered');
      } catch (error) {
        registered = false;
        log.warn({ err: error, retryInMs: retryMs }, 'Netatmo webhook registration failed; retrying later');
        scheduleRetry();
      } finally {
        registering = null;
      }
    })();
    return registering;
  };

  const handle = (body: string): void => {
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      log.debug('webhook body is not JSON: ignored');
      return;
    }
    const event = parseWebhookEvent(raw);
    if (!event) {
      log.debug('webhook payload not understood: ignored');
      return;
    }
    if (event.push_type === 'webhook_deactivation') {
      log.warn('Netatmo deactivated the webhook; registering again');
      registered = false;
      scheduleRetry();
      return;
    }
    const patch = patchFromWebhook(context.state.homes, event);
    if (patch.ignored) log.debug({ eventType: event.event_type }, `webhook event ignored: ${patch.ignored}`);
    if (patch.home) context.state.replaceHome(patch.home);
    if (patch.topologyDirty) context.poller.markTopologyDirty();
    if (patch.confirm) context.poller.pollSoon(CONFIRM_POLL_MS);
  };

  const router: Router = express.Router();
  router.post(WEBHOOK_PATH, express.text({ type: () => true, limit: '256kb' }), (req, res) => {
    res.status(200).json({ status: 'ok' });
    try {
      handle(typeof req.body === 'string' ? req.body : '');
    } catch (error) {
      log.warn({ err: error }, 'webhook event could not be applied');
    }
  });
  // Oversized or unreadable bodies: still 200, or Netatmo counts a failure.
  const answerAnyway: ErrorRequestHandler = (_error, _req, res, _next) => {
    log.debug('webhook body unreadable: ignored');
    if (!res.headersSent) res.status(200).json({ status: 'ignored' });
  };
  router.use(WEBHOOK_PATH, answerAnyway);

  const drop = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    await registering?.catch(() => undefined);
    if (!registered) return;
    registered = false;
    let dropTimer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([context.api.dropWebhook(), new Promise((_, reject) => (dropTimer = setTimeout(() => reject(new Error('timeout')), DROP_TIMEOUT_MS)))]);
      log.info('Netatmo webhook dropped');
    } catch (error) {
      log.warn({ err: error }, 'could not drop the Netatmo webhook');
    } finally {
      clearTimeout(dropTimer);
    }
  };

  const unsubscribers: (() => void)[] = [];
  return {
    name: 'netatmo-webhook',
    routes: { open: [router] },
    start() {
      // Netatmo connected later (status page, SmartApp): register then instead of waiting for the back-off.
      unsubscribers.push(
        context.tokens.onStatusChange((status) => {
          if (status === 'ok' && !registered && !stopped) void register();
        }),
        context.events.on('smartappInstallations', ({ installed }) => {
          wanted = wantedFor(installed);
          if (stopped) return;
          if (wanted && !registered) void register();
          if (!wanted) void drop();
        }),
      );
      void register();
    },
    async stop() {
      stopped = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      await drop();
    },
  };
}
