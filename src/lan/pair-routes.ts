// Pairing (docs/lan-api.md "Pairing"): POST /api/v1/pair hands the LAN token to a hub while the
// pairing window is open (no auth — that is the point). The window is opened by the status page or
// by `npm run pair`, which calls POST /api/v1/pairing/open with the LAN token (see
// ./pairing-client.ts); GET /api/v1/pairing tells whether it is open.
import type { IncomingMessage } from 'node:http';
import { Router } from 'express';
import { LanError } from './errors.js';
import { isLanAddress } from './lan-address.js';
import { DRIVER_HEADER } from './driver-version.js';
import type { HubActivity } from './hub-activity.js';
import type { PairingWindow } from './pairing.js';
import { REQUESTED_WINDOW_MS } from './pairing.js';
import { emptyBody, parseBody } from './validation.js';

export const PAIRING_CLOSED_MESSAGE = 'Pairing is closed: choose "Open the pairing window" on the bridge\'s admin page (/admin), or run "netatmo-bridge pair", then scan again within 5 minutes.';

export const PAIRING_LAN_ONLY_MESSAGE =
  'Pairing hands out the LAN token and is answered only to a hub on the home network: this request came through a proxy or from a public address.';

/** Headers a reverse proxy adds: a request carrying one did not come straight from a hub. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

function cameStraightFromTheLan(req: IncomingMessage): boolean {
  if (PROXY_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
  return isLanAddress(req.socket.remoteAddress ?? '');
}

export interface PairRoutesOptions {
  pairing: PairingWindow;
  hubs: HubActivity;
  lanToken: () => string;
}

function pairingStatus(pairing: PairingWindow): { open: boolean; closesAt: string | null; reason: 'first_start' | 'requested' | null } {
  return { open: pairing.isOpen(), closesAt: pairing.closesAt(), reason: pairing.reason() };
}

/** POST /api/v1/pair — mounted without auth. */
export function pairRouter(options: PairRoutesOptions): Router {
  const router = Router();
  router.post('/api/v1/pair', (req, res) => {
    parseBody(emptyBody, req.body);
    // A proxy that forwards every path must not hand the token to the internet (docs/security.md).
    if (!cameStraightFromTheLan(req)) throw new LanError(403, 'pairing_lan_only', PAIRING_LAN_ONLY_MESSAGE);
    if (!options.pairing.isOpen()) throw new LanError(403, 'pairing_closed', PAIRING_CLOSED_MESSAGE);
    options.hubs.recordPairing(req.ip ?? 'unknown', req.headers['user-agent'], req.headers[DRIVER_HEADER]);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ token: options.lanToken() });
  });
  return router;
}

/** GET /api/v1/pairing and POST /api/v1/pairing/open — behind the LAN token. */
export function pairingAdminRouter(options: PairRoutesOptions): Router {
  const router = Router();
  router.get('/api/v1/pairing', (_req, res) => {
    res.json(pairingStatus(options.pairing));
  });
  router.post('/api/v1/pairing/open', (req, res) => {
    parseBody(emptyBody, req.body);
    options.pairing.open(REQUESTED_WINDOW_MS, 'requested');
    res.json(pairingStatus(options.pairing));
  });
  return router;
}
