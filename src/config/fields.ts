// Building blocks of the environment schema. Each turns one variable's text into a typed value or
// a problem sentence naming the variable and the rule. Values of secret variables are never
// repeated in a problem; other values are quoted (shortened) so the user sees what was read.
// An empty value (`LAN_TOKEN=` in .env) counts as not set.
import { z } from 'zod';

type Ctx = z.core.$RefinementCtx<string | undefined>;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** Quote a non-secret value for a problem sentence. */
export function shown(raw: string): string {
  const short = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  return JSON.stringify(short);
}

function present(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

const input = () => z.string().optional();

export function wholeNumber(name: string, options: { fallback: number; min: number; max?: number; what: string }) {
  return input().transform((raw, ctx) => {
    const value = present(raw);
    if (value === undefined) return options.fallback;
    const number = Number(value);
    const fits = /^\d+$/.test(value) && Number.isSafeInteger(number) && number >= options.min && number <= (options.max ?? Number.MAX_SAFE_INTEGER);
    return fits ? number : fail(ctx, `${name} must be ${options.what} (got ${shown(value)})`);
  });
}

const ON = new Set(['on', 'true', '1', 'yes']);
const OFF = new Set(['off', 'false', '0', 'no']);

export function onOff(name: string, fallback: boolean) {
  return input().transform((raw, ctx) => {
    const value = present(raw)?.toLowerCase();
    if (value === undefined) return fallback;
    if (ON.has(value)) return true;
    if (OFF.has(value)) return false;
    return fail(ctx, `${name} must be one of on, off, true, false, 1, 0, yes, no (got ${shown(raw ?? '')})`);
  });
}

export function choice<const T extends string>(name: string, choices: readonly T[], fallback: T) {
  return input().transform((raw, ctx): T => {
    const value = present(raw)?.toLowerCase();
    if (value === undefined) return fallback;
    const match = choices.find((item) => item === value);
    return match ?? fail(ctx, `${name} must be one of ${choices.join(', ')} (got ${shown(raw ?? '')})`);
  });
}

/** Plain optional text (ids, host names). */
export function text(name: string, fallback?: string) {
  return input().transform((raw, ctx) => {
    const value = present(raw) ?? fallback;
    if (value !== undefined && /\s/.test(value)) return fail(ctx, `${name} must not contain spaces (got ${shown(value)})`);
    return value;
  });
}

/** A secret: checked for length and characters, never quoted. */
export function secret(name: string, options: { minLength?: number } = {}) {
  const minLength = options.minLength ?? 1;
  return input().transform((raw, ctx) => {
    const value = present(raw);
    if (value === undefined) return undefined;
    if (value.length < minLength) return fail(ctx, `${name} is set but too short (needs at least ${minLength} characters)`);
    if (!/^[\x21-\x7e]+$/.test(value)) {
      return fail(ctx, `${name} is set but contains spaces or characters other than printable ASCII`);
    }
    return value;
  });
}

const HOST_NAME = /^(?:\*\.)?(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Comma-separated host names (`bridge.example.com`, `*.home.example` for every name under it), lower-cased. */
export function hostList(name: string) {
  return input().transform((raw, ctx) => {
    const value = present(raw);
    if (value === undefined) return [];
    const names = value.split(',').map((entry) => entry.trim().toLowerCase().replace(/\.$/, '')).filter((entry) => entry !== '');
    const bad = names.find((entry) => !HOST_NAME.test(entry));
    if (bad !== undefined) {
      return fail(ctx, `${name} must be host names separated by commas, like "bridge.example.com,*.home.example" (got ${shown(bad)})`);
    }
    return [...new Set(names)];
  });
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * An http(s) URL without a trailing slash. `httpsOnly` still accepts http on a loopback host, so
 * tests and local fakes work; anything reachable from outside must be https.
 */
export function url(name: string, options: { fallback?: string; httpsOnly?: boolean } = {}) {
  return input().transform((raw, ctx) => {
    const value = present(raw) ?? options.fallback;
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return fail(ctx, `${name} must be a URL like https://example.com (got ${shown(value)})`);
    }
    const allowed = options.httpsOnly
      ? parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopback(parsed.hostname))
      : parsed.protocol === 'https:' || parsed.protocol === 'http:';
    if (!allowed) {
      const rule = options.httpsOnly ? 'an https:// URL' : 'an http:// or https:// URL';
      return fail(ctx, `${name} must be ${rule} (got a ${parsed.protocol} URL)`);
    }
    if (parsed.username || parsed.password) return fail(ctx, `${name} must not contain a user name or password`);
    return value.replace(/\/+$/, '');
  });
}
