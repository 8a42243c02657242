// The first log lines a user reads: where the bridge is, whether the home is simulated, and what
// to do next. Never prints the LAN token (the status page shows it after sign-in).
import os from 'node:os';
import type { Bridge } from './app.js';
import type { Logger } from './util/logger.js';

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

export function printWelcome(bridge: Bridge, logger: Logger): void {
  const { config, simulator, store } = bridge.context;
  const hosts = config.host === '0.0.0.0' || config.host === '::' ? lanAddresses() : [config.host];
  const urls = (hosts.length > 0 ? hosts : ['127.0.0.1']).map((h) => `http://${h}:${bridge.port}/`);
  logger.info(`Netatmo bridge ${bridge.context.bridgeInfo().version} is running — status page: ${urls.join(' , ')}`);
  logger.info(`LAN API for the SmartThings Edge driver: ${urls[0] ?? bridge.url}api/v1/ (bridge id ${store.data.bridgeId})`);
  if (simulator) {
    logger.warn('DEMO: the homes you see are SIMULATED (built-in Netatmo simulator). Set NETATMO_CLIENT_ID, NETATMO_CLIENT_SECRET and NETATMO_REFRESH_TOKEN in .env (or connect Netatmo on the status page) to bridge your real heating.');
  }
  logger.info(config.ssdp ? 'SSDP discovery is on: in the SmartThings app, add device → Scan nearby.' : 'SSDP discovery is off (SSDP=off): enter the bridge address as a driver preference.');
}
