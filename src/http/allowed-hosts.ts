// The names the bridge answers to (Host header), against DNS rebinding: a web page on the
// internet can make a name of its own resolve to the bridge's LAN address, and the victim's
// browser then treats the bridge as part of that page's site — it could read /status.json or take
// the LAN token from POST /api/v1/pair during the pairing window. Such a request still carries the
// attacker's name in Host, so only names that cannot be an attacker's are accepted: IP literals,
// localhost, this machine's own names, PUBLIC_URL's host and ALLOWED_HOSTS. Pure: no I/O.
import { isIPv4, isIPv6 } from 'node:net';

export interface AllowedHostsOptions {
  /** os.hostname(): the machine's name (a single label like "nas", or a full name). */
  machineName: string;
  /** PUBLIC_URL, when set: its host is how SmartThings and Netatmo call the bridge. */
  publicUrl: string | undefined;
  /** ALLOWED_HOSTS: exact names, `*.x` for every name under x (lower-case, validated by config). */
  allowed: readonly string[];
}

export type HostCheck = (hostHeader: string | undefined) => boolean;

/** The name part of a Host header, lower-case, without port or trailing dot; null when malformed. */
export function hostName(header: string): string | null {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const match = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value);
    return match?.[1] && isIPv6(match[1]) ? `[${match[1]}]` : null;
  }
  const match = /^([a-z0-9._-]+?)\.?(?::\d{1,5})?$/.exec(value);
  return match?.[1] ?? null;
}

function under(name: string, parent: string): boolean {
  return name.endsWith(`.${parent}`);
}

/** The check for every HTTP request: false → 421. A request without Host (HTTP/1.0) passes: browsers always send one. */
export function allowedHosts(options: AllowedHostsOptions): HostCheck {
  const machine = options.machineName.trim().toLowerCase().replace(/\.$/, '');
  const firstLabel = machine.split('.')[0] ?? machine;
  const exact = new Set<string>(['localhost', machine, firstLabel, `${firstLabel}.local`]);
  // Names under the machine's own mDNS name cannot be registered elsewhere; names under a
  // single-label machine name could be (a machine called "cloud" must not admit evil.cloud).
  const parents = [`${firstLabel}.local`, 'localhost', ...(machine.includes('.') ? [machine] : [])];
  if (options.publicUrl) exact.add(new URL(options.publicUrl).hostname.toLowerCase());
  for (const entry of options.allowed) {
    if (entry.startsWith('*.')) parents.push(entry.slice(2));
    else exact.add(entry);
  }
  const decide = (header: string): boolean => {
    const name = hostName(header);
    if (name === null) return false;
    if (name.startsWith('[') || isIPv4(name)) return true;
    return exact.has(name) || parents.some((parent) => under(name, parent));
  };
  // The hub sends the same Host on every poll: remember the last answer (this runs on every request).
  let last: { header: string; allowed: boolean } | null = null;
  return (header) => {
    if (header === undefined) return true;
    if (last?.header !== header) last = { header, allowed: decide(header) };
    return last.allowed;
  };
}

/** The sentence a refused request gets (421 Misdirected Request). */
export function misdirectedMessage(header: string | undefined): string {
  const shown = JSON.stringify((header ?? '').slice(0, 100));
  return (
    `This bridge does not answer to the name ${shown} (protection against DNS rebinding). ` +
    "Use its IP address, or add the name to ALLOWED_HOSTS in the bridge's settings and restart it (docs/security.md)."
  );
}
