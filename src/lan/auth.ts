// Bearer-token check for the LAN API. The comparison is constant-time (both sides hashed to the
// same length first) so the token cannot be guessed byte by byte from response timing. The
// throttle only ever slows down WRONG or missing tokens: the right token is answered whatever its
// address did, because several clients can share one address (container NAT, a proxy) and a
// guesser there must not lock the hub out. That tells a throttled guesser when a guess is right,
// which is harmless: tokens are 16+ random characters (64 hex by default), beyond guessing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { LanError } from './errors.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

// The expected token rarely changes: its digest is kept instead of recomputed on every request.
let expectedDigest: { token: string; digest: Buffer } | null = null;

function digestOfExpected(expected: string): Buffer {
  if (expectedDigest?.token !== expected) expectedDigest = { token: expected, digest: digest(expected) };
  return expectedDigest.digest;
}

export const MISSING_TOKEN_MESSAGE = 'This request needs the LAN token: send "Authorization: Bearer <token>". The token is shown on the bridge\'s admin page (/admin, after sign-in).';
export const WRONG_TOKEN_MESSAGE = 'The LAN token is wrong. Pair the hub again, or copy the token from the bridge\'s admin page (/admin, after sign-in).';

export function tokensMatch(presented: string, expected: string): boolean {
  // Comparing fixed-length digests keeps the comparison constant-time whatever the token lengths.
  return timingSafeEqual(digest(presented), digestOfExpected(expected)) && presented.length === expected.length;
}

/** Extracts the token from `Authorization: Bearer <token>`; null when absent or malformed. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export interface BearerAuthOptions {
  expectedToken: () => string;
  /** Told about every failed attempt (throttling of repeated wrong tokens lives there). */
  onFailure?: (req: IncomingMessage) => void;
  /** Returns a LanError when a client without the right token must be slowed down (429). */
  throttle?: (req: IncomingMessage) => LanError | null;
}

/** True when the request carries the right token (never throttled: see the top of this file). */
export function isAuthorized(req: IncomingMessage, options: BearerAuthOptions): boolean {
  const token = bearerToken(req.headers.authorization);
  return token !== null && tokensMatch(token, options.expectedToken());
}

export function bearerAuth(options: BearerAuthOptions) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const token = bearerToken(req.headers.authorization);
    if (token === null || !tokensMatch(token, options.expectedToken())) {
      const throttled = options.throttle?.(req);
      if (throttled) {
        next(throttled);
        return;
      }
      options.onFailure?.(req);
      next(
        new LanError(
          401,
          'unauthorized',
          token === null ? MISSING_TOKEN_MESSAGE : WRONG_TOKEN_MESSAGE,
        ),
      );
      return;
    }
    next();
  };
}
