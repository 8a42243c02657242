// Which peer addresses count as "on the home network": where a SmartThings hub can be. Used where
// the bridge hands out something only a hub on the LAN should get (SSDP replies, the LAN token at
// pairing). Pure.
import { isIPv4, isIPv6 } from 'node:net';

/** Private (RFC 1918), link-local (169.254/16) and loopback IPv4 addresses. */
export function isLanIPv4(address: string): boolean {
  if (!isIPv4(address)) return false;
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

/** LAN IPv4 (also IPv4-mapped IPv6, as a dual-stack socket reports it), IPv6 loopback, link-local (fe80::/10) and unique local (fc00::/7). */
export function isLanAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return isLanIPv4(mapped[1]);
  if (isIPv4(address)) return isLanIPv4(address);
  if (!isIPv6(address)) return false;
  const lower = address.toLowerCase();
  if (lower === '::1') return true;
  const first = parseInt(lower.split(':')[0] || '0', 16);
  return (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00;
}
