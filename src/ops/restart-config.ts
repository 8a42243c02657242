// The configuration for an in-place restart (src/main.ts). Restarts are asked for after Netatmo was
// connected from the demo, so a forced simulator (SIMULATOR=on) gives way to the account just
// connected; SIMULATOR=auto already does, since the real data file now holds credentials.
import type { Config } from '../config/index.js';

export function configForRestart(config: Config): Config {
  return config.simulator === 'on' ? { ...config, simulator: 'auto' } : config;
}
