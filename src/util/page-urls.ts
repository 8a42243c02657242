// Addresses a person can open to reach this bridge's pages (welcome log lines, the SmartApp's link
// to the guided Netatmo connection): the machine's LAN addresses when it listens on all of them.
import os from 'node:os';

/** Non-internal IPv4 addresses of this machine, for "open http://<lan-ip>:<port>/" hints. */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) out.push(entry.address);
    }
  }
  return out;
}

/** Addresses a user can open: the LAN addresses when listening on all interfaces. */
export function statusPageUrls(host: string, port: number): string[] {
  const hosts = host === '0.0.0.0' || host === '::' ? lanAddresses() : [host];
  return (hosts.length > 0 ? hosts : ['127.0.0.1']).map((h) => `http://${h.includes(':') ? `[${h}]` : h}:${port}/`);
}
