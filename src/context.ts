// Transitional aliases while features move to their own narrow `…Deps` interfaces.
export type { BridgeServices as BridgeContext } from './bridge/services.js';
export type { BridgeEvents } from './core/events.js';
export type { Feature, FeatureRoutes } from './core/feature.js';
import type { BridgeServices } from './bridge/services.js';
import type { FeatureFactory as CoreFeatureFactory } from './core/feature.js';
export type FeatureFactory = CoreFeatureFactory<BridgeServices>;
