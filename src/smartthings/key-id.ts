// Which signing keys a SmartThings lifecycle call may name, and where a platform key is fetched.
// The SmartApp SDK fetches `${keyApiHost}${keyId}` with the keyId exactly as the caller wrote it,
// so `@evil.example/x` or `.evil.example/x` moves the request to another host (docs/security.md).
// Here a keyId must have one of SmartThings' own forms, and the URL is built and then checked to
// still point at the configured key host. Pure: no I/O.

/** The app's own key pair (APP_RSA): `/SmartThings/<fingerprint>`, checked against SMARTAPP_PUBLIC_KEY. */
const APP_KEY_ID = /^\/SmartThings\/[A-Za-z0-9:_-]{1,128}$/;
/**
 * SmartThings' platform certificate (ST_PADLOCK): `/pl/<region>/<id>`, e.g.
 * `/pl/useast2/1e-1b-cd-10-…`. Segments of letters, digits, `-` and `_` only: no dot, percent,
 * backslash, `@` or empty segment, so nothing can climb out of the path or into the authority.
 */
const PLATFORM_KEY_ID = /^\/pl(?:\/[A-Za-z0-9_-]{1,128}){1,4}$/;
export const MAX_KEY_ID_LENGTH = 256;

export type KeyIdKind = 'app' | 'platform';

/** The kind of a keyId from an Authorization header, or null when it is not a SmartThings form. */
export function keyIdKind(keyId: unknown): KeyIdKind | null {
  if (typeof keyId !== 'string' || keyId.length > MAX_KEY_ID_LENGTH) return null;
  if (APP_KEY_ID.test(keyId)) return 'app';
  if (PLATFORM_KEY_ID.test(keyId)) return 'platform';
  return null;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * The certificate URL of a platform keyId under the configured key base URL (default
 * https://key.smartthings.com), or null when the keyId is not a platform form or the built URL
 * would leave that host: same scheme, host and port, the keyId appended verbatim to the base path,
 * no user info, query or fragment. https only (http is accepted for a loopback base: tests).
 */
export function platformKeyUrl(keyId: string, keyBaseUrl: string): URL | null {
  if (keyIdKind(keyId) !== 'platform') return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(keyBaseUrl);
    const basePath = base.pathname.replace(/\/+$/, '');
    url = new URL(`${base.origin}${basePath}${keyId}`);
    if (url.pathname !== `${basePath}${keyId}`) return null;
  } catch {
    return null;
  }
  const secure = base.protocol === 'https:' || (base.protocol === 'http:' && isLoopback(base.hostname));
  if (!secure || base.username || base.password) return null;
  if (url.origin !== base.origin || url.host !== base.host || url.username || url.password || url.search || url.hash) return null;
  return url;
}
