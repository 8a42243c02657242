// POST /smartapp: every SmartThings lifecycle call. Every call but PING must carry a valid
// SmartThings signature, checked HERE (./signature.ts) before the SDK sees the call; the SDK then
// runs the call through handleHttpCallbackUnverified. The SDK's own check is never used: its key
// resolver fetches `${keyApiHost}${keyId}` with the caller's keyId, so a keyId like
// `@evil.example/cert.pem` made it fetch — and trust — a certificate from any host
// (docs/security.md). CONFIRMATION, which the SDK only logs and never answers, is answered here.
import express, { type Request, type Router } from 'express';
import type { Logger } from '../util/logger.js';
import type { RuntimeSmartApp } from './sdk-types.js';
import { verifySignedRequest, type SignatureCheckOptions } from './signature.js';

export const SMARTAPP_PATH = '/smartapp';
const BODY_LIMIT = '256kb';

type RawBodyRequest = Request & { rawBody?: Buffer };

export interface SmartAppRouteOptions {
  app: RuntimeSmartApp;
  logger: Logger;
  appId: string | undefined;
  targetUrl: string | undefined;
  signatures: SignatureCheckOptions;
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
    if (kind === null) {
      res.status(400).json({ error: { code: 'invalid_request', message: 'The body is not a SmartThings lifecycle call.' } });
      return;
    }
    // PING carries no signature in the SDK's model and only echoes its challenge.
    if ((body as { lifecycle?: unknown }).lifecycle !== 'PING') {
      const verdict = await verifySignedRequest(signedRequest(req), options.signatures);
      if (!verdict.ok) {
        options.logger.warn({ lifecycle: kind, reason: verdict.reason }, `SmartApp call refused: ${verdict.reason}`);
        res.status(401).send('Forbidden');
        return;
      }
    }
    await options.app.handleHttpCallbackUnverified(req, res);
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

function signedRequest(req: RawBodyRequest) {
  // The signed target is the path SmartThings called, without the query (as the SDK does).
  const original = req.originalUrl || req.url;
  const queryAt = original.indexOf('?');
  return {
    method: req.method,
    path: queryAt < 0 ? original : original.slice(0, queryAt),
    httpVersion: req.httpVersion,
    headers: req.headers,
    body: req.rawBody ?? Buffer.alloc(0),
  };
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
