// Netatmo webhook intake (when PUBLIC_URL is set): registers PUBLIC_URL/webhooks/netatmo with
// addwebhook at start (re-registering with back-off after a failure or a deactivation), drops it
// on shutdown, and hands every delivery to ./webhook-intake.ts (signature, replay, bounds, patch,
// confirmation poll). With a registered SmartApp (SMARTAPP_APP_ID) the webhook follows its
// installation: registered while it is installed, dropped when the last installation is removed.
// Netatmo bans a webhook after 5 failed deliveries in an hour, so every delivery — forged,
// unknown, malformed or oversized — is answered 200 at once, before any work.
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { BridgeContext, Feature } from '../context.js';
import { scheduledSetpointC } from '../model/index.js';
import { installedSmartAppIds } from '../smartthings/installations.js';
import { moduleLogger } from '../util/logger.js';
import { withTimeout } from '../util/with-timeout.js';
import { ConfirmationGate, ReplayGuard } from './webhook-guards.js';
import { createWebhookIntake } from './webhook-intake.js';
import { SIGNATURE_HEADER } from './webhook-signature.js';

export const WEBHOOK_PATH = '/webhooks/netatmo';
/** Confirmation poll after an event (the poll stays the source of truth). */
export const CONFIRM_POLL_MS = 3_000;
const RETRY_MIN_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
const DROP_TIMEOUT_MS = 2_000;
/** Energy events are a few hundred bytes; anything much larger is not one. */
const MAX_BODY = '64kb';

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

  const intake = createWebhookIntake({
    clientSecret: () => context.tokens.credentials()?.clientSecret ?? null,
    homes: () => context.state.homes,
    replaceHome: (home) => {
      context.state.replaceHome(home);
      // Someone changed something (or a command's echo): adaptive polling looks again sooner.
      context.poller.noteActivity(home.id);
    },
    markTopologyDirty: () => context.poller.markTopologyDirty(),
    // The one place a webhook moves the poll schedule.
    requestConfirmation: () => context.poller.pollSoon(CONFIRM_POLL_MS),
    onDeactivation: () => {
      log.warn('Netatmo deactivated the webhook; registering again');
      registered = false;
      scheduleRetry();
    },
    scheduledSetpoint: (homeId, roomId) => {
      const topology = context.poller.topologyOf(homeId);
      return topology ? scheduledSetpointC(topology, roomId, context.now()) : null;
    },
    replays: new ReplayGuard(context.now),
    // Events bring the next poll forward at most once per poll interval: a flood adds no polls.
    confirmations: new ConfirmationGate(context.now, () => context.poller.effectiveIntervalS() * 1000),
    log,
  });

  const router: Router = express.Router();
  // The raw bytes: the signature covers exactly what Netatmo sent.
  router.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: MAX_BODY }), (req, res) => {
    res.status(200).json({ status: 'ok' });
    try {
      intake(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.headers[SIGNATURE_HEADER]);
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
    try {
      await withTimeout(DROP_TIMEOUT_MS, (signal) => context.api.dropWebhook({ signal }));
      log.info('Netatmo webhook dropped');
    } catch (error) {
      log.warn({ err: error }, 'could not drop the Netatmo webhook');
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
