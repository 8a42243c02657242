// What the admin page shows, read from the bridge and the signed-in session (admin-render.ts draws it).
import type { Request } from 'express';
import { cloudPathMissing } from '../config/index.js';
import { untilText } from '../i18n/format.js';
import type { AdminView } from './admin-render.js';
import { browserOrigin } from './auth/cookies.js';
import type { Session } from './auth/sessions.js';
import { translatorFor } from './language.js';
import { currentStatusView } from './status-routes.js';
import type { WebDeps } from './web-deps.js';

export function adminView(deps: WebDeps, req: Request, session: Session, flash: Session['flash']): AdminView {
  const { context } = deps;
  const settings = context.store.data.settings;
  // In the demo the context's credentials are the simulator's: offer the real account's instead.
  const known = context.simulator ? (deps.realStore.data.netatmo.credentials ?? envCredentials(deps)) : context.tokens.credentials();
  const tr = translatorFor(req);
  const status = currentStatusView(context, tr).netatmo;
  const pending = session.connect?.mode === 'paste' ? { redirectUri: session.connect.redirectUri } : null;
  return {
    csrf: session.csrfToken,
    flash,
    netatmo: {
      headline: status.headline,
      connected: status.status !== 'not_configured' && status.status !== 'auth_required',
      simulated: context.simulator !== null,
      clientId: known?.clientId ?? null,
      hasSecret: Boolean(known?.clientSecret),
      callbackUrl: `${browserOrigin(req)}/oauth/callback`,
    },
    pendingPaste: pending,
    lanToken: context.store.data.lanToken,
    lanTokenFromEnv: Boolean(context.config.lanToken),
    pairing: { closesAt: context.pairing.closesAt(), closesText: untilText(context.pairing.closesAt(), context.now(), tr) },
    smartappConfigured: cloudPathMissing(context.config).length === 0,
    move: { movedAt: deps.realStore.data.netatmo.moved?.at ?? null },
    settings: {
      pollPolicy: settings.pollPolicy ?? context.config.pollPolicy,
      pollIntervalS: settings.pollIntervalS ?? context.config.pollIntervalS,
      staleThresholdS: settings.staleThresholdS ?? context.config.staleThresholdS,
      preferredPath: settings.preferredPath ?? context.config.preferredPath,
    },
  };
}

export function envCredentials(deps: WebDeps): { clientId: string; clientSecret: string } | null {
  const { clientId, clientSecret } = deps.context.config.netatmo;
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}
