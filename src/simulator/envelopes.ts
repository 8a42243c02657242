// Netatmo's response envelopes (docs/netatmo.md#endpoints-and-envelopes, #error-codes) and the error type handlers throw.
import type { Response } from 'express';
import type { Random } from './random.js';

/** An API error with Netatmo's code, message and HTTP status. */
export class NetatmoApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const errors = {
  missingToken: () => new NetatmoApiError(401, 1, 'Access token is missing'),
  invalidToken: () => new NetatmoApiError(403, 2, 'Invalid access token'),
  expiredToken: () => new NetatmoApiError(403, 3, 'Access token expired'),
  missing: (what: string) => new NetatmoApiError(400, 10, what),
  scope: () => new NetatmoApiError(403, 13, 'Application does not have the good scope rights'),
  deviceNotFound: () => new NetatmoApiError(404, 9, 'Device not found'),
  invalidId: () => new NetatmoApiError(400, 21, 'Invalid id'),
  invalid: (message: string) => new NetatmoApiError(400, 21, message),
  invalidDate: () => new NetatmoApiError(400, 25, 'Invalid date'),
  userUsage: () => new NetatmoApiError(429, 26, 'User usage reached'),
  internal: (message: string) => new NetatmoApiError(500, 11, message),
  overloaded: () => new NetatmoApiError(429, 11, 'Failed to enter concurrency limited section'),
  methodNotFound: () => new NetatmoApiError(404, 31, 'Method not found'),
  invalidJson: () => new NetatmoApiError(400, 40, 'Invalid JSON encoding'),
};

export interface EnvelopeContext {
  nowS: number;
  random: Random;
}

function timeExec(random: Random): number {
  return Math.round((0.008 + random() * 0.05) * 1e6) / 1e6;
}

export function sendBody(res: Response, ctx: EnvelopeContext, body: unknown): void {
  res.status(200).json({ body, status: 'ok', time_exec: timeExec(ctx.random), time_server: ctx.nowS });
}

/** homestatus of a home without any module: Netatmo answers status ok with no body at all. */
export function sendBodylessOk(res: Response, ctx: EnvelopeContext): void {
  res.status(200).json({ status: 'ok', time_server: ctx.nowS });
}

export function sendWriteOk(res: Response, ctx: EnvelopeContext): void {
  res.status(200).json({ status: 'ok', time_exec: timeExec(ctx.random), time_server: ctx.nowS });
}

export function sendApiError(res: Response, error: NetatmoApiError): void {
  res.locals.errorCode = error.code;
  res.status(error.httpStatus).json({ error: { code: error.code, message: error.message } });
}

/** OAuth endpoints answer RFC 6749 errors: {"error":"invalid_grant"}. */
export function sendOAuthError(res: Response, httpStatus: number, error: string): void {
  res.locals.errorCode = error;
  res.status(httpStatus).json({ error });
}
