// The bridge's one HTTP error shape: {"error":{"code","message","details"?}} (docs/lan-api.md). The
// LAN API speaks it (src/lan/errors.ts names it LanError) and so does the HTTP server for every
// request no router answered or that failed. Messages are sentences a person understands and never
// contain the LAN token or Netatmo secrets.
import type { Response } from 'express';

export type ApiErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'pairing_closed'
  | 'pairing_lan_only'
  | 'not_found'
  | 'not_supported'
  | 'payload_too_large'
  | 'rate_limited'
  | 'netatmo_error'
  | 'netatmo_unavailable'
  | 'auth_required'
  | 'not_configured'
  | 'moved'
  | 'internal_error';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds, for 429 / 503 answers. */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function sendApiError(res: Response, error: ApiError): void {
  if (error.retryAfterS !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterS))));
  const body: { code: ApiErrorCode; message: string; details?: unknown } = { code: error.code, message: error.message };
  if (error.details !== undefined) body.details = error.details;
  res.status(error.status).json({ error: body });
}
