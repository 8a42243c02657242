// SSDP (UPnP 1.1 discovery) messages for the bridge: parse an M-SEARCH, decide whether it asks for
// us, build the unicast reply, and pick the LAN address LOCATION must carry. Pure: the socket
// lives in ./ssdp.ts. The driver side is driver/src/ssdp.lua.
import type { NetworkInterfaceInfo } from 'node:os';

export const SEARCH_TARGET = 'urn:netatmo-smartthings-bridge:device:bridge:1';
export const SSDP_MULTICAST_ADDRESS = '239.255.255.250';
export const SSDP_PORT = 1900;
export const CACHE_MAX_AGE_S = 1800;

/** SERVER: "OS/major UPnP/1.1 product/version" (the full kernel release only made replies longer). */
export function serverHeader(osType: string, osRelease: string, version: string): string {
  return `${osType}/${osRelease.split('.')[0] ?? '0'} UPnP/1.1 netatmo-smartthings-bridge/${version}`;
}

export interface MSearch {
  st: string;
  /** Seconds the searcher waits for answers (MX), 1–5 by the spec. */
  mx: number;
}

/** An M-SEARCH datagram → its search target and MX; null for anything else. */
export function parseMSearch(datagram: string): MSearch | null {
  const lines = datagram.split(/\r?\n/);
  if (!/^M-SEARCH\s+\*\s+HTTP\/1\.1$/i.test(lines[0]?.trim() ?? '')) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  if (headers.get('man')?.replace(/"/g, '') !== 'ssdp:discover') return null;
  // UPnP 1.1 requires HOST in every M-SEARCH (multicast and unicast); the hub and the doctor send it.
  if (!headers.get('host')) return null;
  const st = headers.get('st');
  if (!st) return null;
  const mx = Number.parseInt(headers.get('mx') ?? '1', 10);
  return { st, mx: Number.isFinite(mx) ? Math.min(5, Math.max(0, mx)) : 1 };
}

/** The bridge answers its own search target and ssdp:all (one reply, with our ST). */
export function wantsBridge(search: MSearch): boolean {
  return search.st === SEARCH_TARGET || search.st === 'ssdp:all';
}

export interface SsdpReplyInput {
  location: string;
  bridgeId: string;
  server: string;
}

/**
 * The shortest reply UPnP 1.1 allows (DATE is only recommended): every byte counts when a forged
 * search makes the bridge answer someone else. The driver reads ST, USN and LOCATION.
 */
export function buildReply(input: SsdpReplyInput): string {
  return [
    'HTTP/1.1 200 OK',
    `CACHE-CONTROL: max-age=${CACHE_MAX_AGE_S}`,
    'EXT:',
    `LOCATION: ${input.location}`,
    `SERVER: ${input.server}`,
    `ST: ${SEARCH_TARGET}`,
    `USN: uuid:${input.bridgeId}::${SEARCH_TARGET}`,
    '',
    '',
  ].join('\r\n');
}

export function isWildcardHost(host: string): boolean {
  return host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
}

function ipv4ToInt(address: string): number | null {
  const parts = address.split('.').map((p) => Number(p));
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return parts.reduce((acc, p) => ((acc << 8) | p) >>> 0, 0);
}

function sameSubnet(a: string, b: string, netmask: string): boolean {
  const [x, y, mask] = [ipv4ToInt(a), ipv4ToInt(b), ipv4ToInt(netmask)];
  if (x === null || y === null || mask === null) return false;
  return ((x & mask) >>> 0) === ((y & mask) >>> 0);
}

/**
 * The address the hub can reach us on, for LOCATION: HOST when it names one address; otherwise
 * the IPv4 address of our interface on the searcher's subnet (a loopback searcher gets
 * 127.0.0.1), else the first external IPv4 address. Never 0.0.0.0; null when there is none.
 */
export function locationHost(configuredHost: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, sender: string): string | null {
  if (!isWildcardHost(configuredHost) && configuredHost !== 'localhost') return configuredHost;
  if (sender.startsWith('127.')) return '127.0.0.1';
  const candidates = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((info) => info.family === 'IPv4' && !info.internal);
  const onSubnet = candidates.find((info) => sameSubnet(info.address, sender, info.netmask));
  return (onSubnet ?? candidates[0])?.address ?? null;
}
