// Verifies the HTTP signature of a SmartThings lifecycle call (draft-cavage HTTP Signatures,
// rsa-sha256 over "(request-target) digest date"), before the SmartApp SDK sees the call. Stricter
// than the SDK's own check (docs/security.md): the keyId must have a SmartThings form and its key
// comes from SMARTAPP_PUBLIC_KEY or the configured key host only; the Date must parse and lie
// within the clock-skew window; `digest` must be signed and match the body whenever there is one;
// a signature is accepted once. The header is parsed with http-signature, as the SDK does.
import { createHash, timingSafeEqual, verify } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import httpSignature from 'http-signature';
import { keyIdKind } from './key-id.js';
import type { ReplayGuard } from './replay-guard.js';
import type { SigningKeys } from './signing-keys.js';

/** The clock skew the SDK's http-signature parser allows by default (300 s either way). */
export const CLOCK_SKEW_MS = 300_000;

/** What the check needs of a request: the signed path is the one SmartThings called (no query). */
export interface SignedRequest {
  method: string;
  path: string;
  httpVersion: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SignatureVerdict = { ok: true; keyId: string } | { ok: false; reason: string };

export interface SignatureCheckOptions {
  keys: SigningKeys;
  replay: ReplayGuard;
  now: () => number;
}

interface ParsedSignature {
  keyId: unknown;
  signature: unknown;
  signingString: string;
}

export async function verifySignedRequest(request: SignedRequest, options: SignatureCheckOptions): Promise<SignatureVerdict> {
  const parsed = parseSignature(request);
  if ('reason' in parsed) return { ok: false, reason: parsed.reason };
  const kind = keyIdKind(parsed.keyId);
  if (kind === null || typeof parsed.keyId !== 'string') return { ok: false, reason: 'the keyId is not a SmartThings key id' };
  if (typeof parsed.signature !== 'string' || parsed.signature.length === 0 || parsed.signature.length > 2048) {
    return { ok: false, reason: 'the signature is missing or malformed' };
  }
  const signedAt = Date.parse(headerText(request.headers.date) ?? '');
  const now = options.now();
  if (!Number.isFinite(signedAt) || Math.abs(now - signedAt) > CLOCK_SKEW_MS) {
    return { ok: false, reason: 'the Date header is missing, unreadable or more than 5 minutes off' };
  }
  if (!digestMatches(request.headers.digest, request.body)) return { ok: false, reason: 'the body does not match its Digest header' };
  if (options.replay.used(parsed.signature)) return { ok: false, reason: 'this signature was already used (a replay)' };

  const key = await options.keys.resolve(parsed.keyId, kind);
  if (!key || key.asymmetricKeyType !== 'rsa') return { ok: false, reason: 'no trusted key for this keyId' };
  let valid = false;
  try {
    valid = verify('sha256', Buffer.from(parsed.signingString, 'utf8'), key, Buffer.from(parsed.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'the signature does not verify' };
  if (!options.replay.claim(parsed.signature, signedAt + CLOCK_SKEW_MS)) return { ok: false, reason: 'this signature was already used (a replay)' };
  return { ok: true, keyId: parsed.keyId };
}

function parseSignature(request: SignedRequest): ParsedSignature | { reason: string } {
  // The signed headers must include the target and the Date, and the digest whenever a body came.
  const required = ['(request-target)', 'date', ...(request.body.length > 0 ? ['digest'] : [])];
  try {
    const parsed = httpSignature.parseRequest(
      { method: request.method, url: request.path, httpVersion: request.httpVersion, headers: request.headers } as unknown as Parameters<typeof httpSignature.parseRequest>[0],
      // The Date window is checked here against the bridge's clock, not by the parser.
      { headers: required, algorithms: ['rsa-sha256'], clockSkew: Number.MAX_SAFE_INTEGER },
    );
    return { keyId: parsed.params.keyId, signature: parsed.params.signature, signingString: parsed.signingString };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    return { reason: `no usable Signature authorization (${name}; signed headers must include ${required.join(', ')})` };
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

/** A Digest header must be the SHA-256 of the exact body bytes ("SHA256=" or "SHA-256=", base64). An absent one matches only an empty body. */
export function digestMatches(header: string | string[] | undefined, body: Buffer): boolean {
  if (header === undefined) return body.length === 0;
  const match = /^sha-?256=([A-Za-z0-9+/]+={0,2})$/i.exec(headerText(header)?.trim() ?? '');
  if (!match?.[1]) return false;
  const expected = createHash('sha256').update(body).digest();
  const given = Buffer.from(match[1], 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
