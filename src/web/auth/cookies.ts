// The admin session cookie: HttpOnly (no script can read it), SameSite=Strict (never sent on
// requests started by another site: the first CSRF defence), Secure when the page came over https.
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'bridge_admin';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** true when the browser reached us over https (directly, or through a proxy that says so). */
export function isHttps(req: Request): boolean {
  return req.secure || req.headers['x-forwarded-proto'] === 'https';
}

export function setSessionCookie(req: Request, res: Response, id: string, maxAgeS: number): void {
  res.append('set-cookie', `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${isHttps(req) ? '; Secure' : ''}`);
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${isHttps(req) ? '; Secure' : ''}`);
}

/** The bridge's own address as the browser sees it, e.g. http://192.168.1.20:5000 */
export function browserOrigin(req: Request): string {
  return `${isHttps(req) ? 'https' : 'http'}://${req.get('host') ?? 'localhost'}`;
}

/**
 * A browser sends Origin on every form POST; when it does it must name this bridge's host.
 * (SameSite=Strict and the CSRF token already stop cross-site forms; this is a third, cheap check.)
 */
export function originAllowed(req: Request): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}
