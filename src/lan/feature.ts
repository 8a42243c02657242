// The LAN API's command and pairing routes as one bridge feature (src/bridge/features.ts).
// The read side (state, description) and bearer auth are wired by src/bridge/http.ts itself.
import type { Feature } from '../core/feature.js';
import type { Store } from '../store/index.js';
import type { CommandService } from '../sync/command-types.js';
import { commandRouter } from './command-routes.js';
import type { HubActivity } from './hub-activity.js';
import { pairingAdminRouter, pairRouter, type PairRoutesOptions } from './pair-routes.js';
import type { PairingWindow } from './pairing.js';

/** What the LAN API feature uses of the bridge. */
export interface LanApiFeatureDeps {
  pairing: PairingWindow;
  hubs: HubActivity;
  store: Pick<Store, 'data'>;
  commands: CommandService;
}

export const lanApiFeature = (context: LanApiFeatureDeps): Feature => {
  const pairing: PairRoutesOptions = { pairing: context.pairing, hubs: context.hubs, lanToken: () => context.store.data.lanToken };
  return {
    name: 'lan-api',
    routes: {
      open: [pairRouter(pairing)],
      lan: [commandRouter(context.commands), pairingAdminRouter(pairing)],
    },
  };
};
