// SIMULATOR=auto: run the built-in simulated home only when the bridge has no way to reach a real
// Netatmo account: no client credentials in the environment and none saved in the store (setup page).
import type { Config } from './types.js';

export interface StoredNetatmoCredentials {
  netatmo: { credentials: { clientId: string; clientSecret: string } | null };
}

export function simulatorWanted(config: Pick<Config, 'simulator' | 'netatmo'>, stored: StoredNetatmoCredentials): boolean {
  switch (config.simulator) {
    case 'on':
      return true;
    case 'off':
      return false;
    case 'auto':
      return !(config.netatmo.clientId && config.netatmo.clientSecret) && stored.netatmo.credentials === null;
  }
}
