// One Netatmo webhook delivery, from raw bytes to state: signature → replay check → JSON → bounded
// schema → patch → (rate-limited) confirmation poll. Anything that fails a step is dropped with a
// debug line that never contains the body (it may carry e-mail addresses, and a forger's text
// has no place in our logs). Netatmo always gets its 200 from the route before this runs.
import type { Home } from '../model/types.js';
import type { Logger } from '../util/logger.js';
import type { ConfirmationGate, ReplayGuard } from './webhook-guards.js';
import { patchFromWebhook, type ScheduledSetpoint } from './webhook-patch.js';
import { parseWebhookEvent } from './webhook-schema.js';
import { hasValidSignature } from './webhook-signature.js';

export interface WebhookIntakeDeps {
  /** The app's client secret, or null while Netatmo is not configured (nothing can be verified). */
  clientSecret(): string | null;
  homes(): readonly Home[];
  replaceHome(home: Home): void;
  markTopologyDirty(): void;
  /** Ask for a confirmation poll (already rate-limited by the gate). */
  requestConfirmation(): void;
  /** Netatmo deactivated the webhook: register it again. */
  onDeactivation(): void;
  scheduledSetpoint: ScheduledSetpoint;
  replays: ReplayGuard;
  confirmations: ConfirmationGate;
  log: Logger;
}

export type IntakeOutcome = 'unverified' | 'replayed' | 'unreadable' | 'deactivation' | 'ignored' | 'applied';

export function createWebhookIntake(deps: WebhookIntakeDeps): (rawBody: Buffer, signature: unknown) => IntakeOutcome {
  const { log } = deps;
  return (rawBody, signature) => {
    const secret = deps.clientSecret();
    if (secret === null || !hasValidSignature(rawBody, signature, secret)) {
      log.debug({ bytes: rawBody.length, signed: typeof signature === 'string' }, 'webhook delivery dropped: X-Netatmo-secret signature missing or wrong');
      return 'unverified';
    }
    // The signature is the body's HMAC: a cheap, unique digest for the replay check.
    if (!deps.replays.firstTime(String(signature).trim().toLowerCase())) {
      log.debug('webhook delivery dropped: the same body was delivered before (replay)');
      return 'replayed';
    }
    let raw: unknown;
    try {
      raw = JSON.parse(rawBody.toString('utf8'));
    } catch {
      log.debug('webhook body is not JSON: ignored');
      return 'unreadable';
    }
    const event = parseWebhookEvent(raw);
    if (!event) {
      log.debug('webhook payload not understood or out of bounds: ignored');
      return 'unreadable';
    }
    if (event.push_type === 'webhook_deactivation') {
      deps.onDeactivation();
      return 'deactivation';
    }
    const patch = patchFromWebhook(deps.homes(), event, deps.scheduledSetpoint);
    if (patch.ignored) log.debug({ eventType: event.event_type }, `webhook event ignored: ${patch.ignored}`);
    if (patch.home) deps.replaceHome(patch.home);
    if (patch.topologyDirty) deps.markTopologyDirty();
    if (patch.confirm && deps.confirmations.tryPass()) deps.requestConfirmation();
    return patch.home || patch.topologyDirty ? 'applied' : 'ignored';
  };
}
