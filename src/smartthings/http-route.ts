// POST /smartapp: every SmartThings lifecycle call. The SDK verifies the HTTP signature of every
// call but PING (production keys from key.smartthings.com, or SMARTAPP_PUBLIC_KEY for key ids
// starting /SmartThings); there is no unverified entry point here. On top of the SDK: the body
// must match its signed Digest header (the SDK checks the signature only, so a replayed
// signature could otherwise carry another body), and CONFIRMATION — which the SDK only logs and
// never answers — is answered here after the SDK verified it.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import type { Logger } from '../util/logger.js';
import type { RuntimeSmartApp } from './sdk-types.js';

export const SMARTAPP_PATH = '/smartapp';
const BODY_LIMIT = '256kb';

type RawBodyRequest = Request & { rawBody?: Buffer };

export interface SmartAppRouteOptions {
  app: RuntimeSmartApp;
  logger: Logger;
  appId: string | undefined;
  targetUrl: string | undefined;
}

export function smartAppRouter(options: SmartAppRouteOptions): Router {
  const router = express.Router();
  const capture = express.json({
    limit: BODY_LIMIT,
    verify: (req, _res, buf) => {
      (req as RawBodyRequest).rawBody = Buffer.from(buf);
    },
  });
  router.post(SMARTAPP_PATH, capture, async (req: RawBodyRequest, res) => {
    const body: unknown = req.body;
    const kind = lifecycleOf(body);
    if (kind !== 'PING' && !digestMatches(req)) {
      options.logger.warn({ lifecycle: kind }, 'SmartApp call refused: the body does not match its Digest header');
      res.status(401).send('Forbidden');
      return;
    }
    await options.app.handleHttpCallback(req, res);
    if (res.headersSent) return;
    if (kind === 'CONFIRMATION') {
      logConfirmation(body, options);
      res.status(200).json({ targetUrl: options.targetUrl ?? null });
      return;
    }
    res.status(200).json({ statusCode: 200 });
  });
  return router;
}

function lifecycleOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { lifecycle, messageType } = body as { lifecycle?: unknown; messageType?: unknown };
  const value = typeof lifecycle === 'string' ? lifecycle : messageType;
  return typeof value === 'string' ? value : null;
}

/** A Digest header, when sent, must be the SHA-256 of the exact body bytes ("SHA256=" or "SHA-256="). */
export function digestMatches(req: RawBodyRequest): boolean {
  const header = req.headers.digest;
  if (header === undefined) return true;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^sha-?256=(.+)$/i.exec(value?.trim() ?? '');
  if (!match?.[1]) return false;
  const expected = createHash('sha256').update(req.rawBody ?? Buffer.alloc(0)).digest();
  const given = Buffer.from(match[1], 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function logConfirmation(body: unknown, options: SmartAppRouteOptions): void {
  const data = (body as { confirmationData?: { appId?: unknown; confirmationUrl?: unknown } }).confirmationData;
  const appId = typeof data?.appId === 'string' ? data.appId : 'unknown';
  const url = typeof data?.confirmationUrl === 'string' ? data.confirmationUrl : null;
  if (options.appId && appId !== options.appId) {
    options.logger.warn({ appId, expectedAppId: options.appId }, 'CONFIRMATION for another SmartApp than SMARTAPP_APP_ID: ignored');
    return;
  }
  options.logger.info(
    { appId, confirmationUrl: url },
    `SmartThings asks to confirm this SmartApp's target URL. Open ${url ?? '(no URL sent)'} in a browser, ` +
      `or run "smartthings apps:register ${appId}" — until then SmartThings sends no lifecycle calls (docs/smartapp.md).`,
  );
}
