// The last line of defence of the diagnostics bundle. After the bundle is built from allow-listed
// parts, every string in it is scrubbed of token-shaped text (util/scrub.ts) and of every secret
// the bridge knows — the data file's tokens, client secret, LAN token, SmartApp tokens, admin
// password hash, the configured secrets, the CLI control key — in the forms they could appear in
// (as is, base64, base64url, hex, URL-encoded). Names of homes, rooms and schedules are replaced by
// neutral labels unless the user asks to keep them (they often hold family names or addresses).
import type { Config } from '../config/index.js';
import type { Home } from '../model/types.js';
import type { StoreData } from '../store/index.js';
import { scrubText } from '../util/scrub.js';

/** Shorter values (a 4-digit port, "true") would only blur the report. */
const MIN_SECRET_LENGTH = 6;

export function knownSecrets(data: StoreData | null, config: Config | null, extra: readonly string[] = []): string[] {
  const values: (string | undefined | null)[] = [...extra];
  if (data) {
    values.push(data.lanToken, data.netatmo.credentials?.clientSecret, data.netatmo.tokens?.accessToken, data.netatmo.tokens?.refreshToken, data.web.adminPasswordHash);
    for (const context of Object.values(data.smartthings.contexts)) values.push(context.authToken, context.refreshToken);
  }
  if (config) {
    values.push(config.netatmo.clientSecret, config.netatmo.refreshToken, config.lanToken, config.adminPassword, config.smartapp.clientSecret);
  }
  const secrets = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
    for (const form of variants(value)) secrets.add(form);
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

function variants(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const b64 = bytes.toString('base64');
  return [secret, b64, b64.replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex'), encodeURIComponent(secret)];
}

/** Every string in `value` scrubbed (a deep copy; keys are kept, they are ours). */
export function sweep<T>(value: T, secrets: readonly string[]): T {
  return sweepValue(value, secrets) as T;
}

function sweepValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return scrubText(out);
  }
  if (Array.isArray(value)) return value.map((item) => sweepValue(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, sweepValue(item, secrets)]));
  }
  return value;
}

/** The homes as clients see them, names replaced by "home 1", "room 1.2", "schedule 1.1" unless kept. */
export function homesForReport(homes: readonly Home[], keepNames: boolean): unknown[] {
  return homes.map((home, h) => ({
    ...home,
    name: keepNames ? home.name : `home ${h + 1}`,
    schedules: home.schedules.map((schedule, s) => ({ ...schedule, name: keepNames ? schedule.name : `schedule ${h + 1}.${s + 1}` })),
    rooms: home.rooms.map((room, r) => ({ ...room, name: keepNames ? room.name : `room ${h + 1}.${r + 1}` })),
  }));
}
