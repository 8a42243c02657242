// The LAN API's command and pairing routes as one bridge feature (src/app.ts defaultFeatures()).
// The read side (state, description) and bearer auth are wired by app.ts itself.
import type { Feature, FeatureFactory } from '../context.js';
import { commandRouter } from './command-routes.js';
import { pairingAdminRouter, pairRouter, type PairRoutesOptions } from './pair-routes.js';

export const lanApiFeature: FeatureFactory = (context): Feature => {
  const pairing: PairRoutesOptions = { pairing: context.pairing, hubs: context.hubs, lanToken: () => context.store.data.lanToken };
  return {
    name: 'lan-api',
    routes: {
      open: [pairRouter(pairing)],
      lan: [commandRouter(context.commands), pairingAdminRouter(pairing)],
    },
  };
};
