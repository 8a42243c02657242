// Netatmo signs each webhook delivery: header X-Netatmo-secret = hex HMAC-SHA256 of the raw body,
// keyed with the app's client secret (docs/netatmo.md "Webhooks"). The check runs on the exact
// bytes received, before any parsing, and compares in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-netatmo-secret';
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** true when `signature` is the HMAC-SHA256 of `rawBody` under `clientSecret`. */
export function hasValidSignature(rawBody: Buffer, signature: unknown, clientSecret: string): boolean {
  if (typeof signature !== 'string' || clientSecret === '') return false;
  const hex = signature.trim();
  if (!HEX_SHA256.test(hex)) return false;
  const received = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', clientSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}
