// What a feature of the bridge (LAN API, SSDP, SmartApp, web pages, metrics, webhook …) gives the
// composition root (src/app.ts), and the shape of its factory. Each factory declares the few
// services it needs as its own `…Deps` interface; src/bridge/features.ts hands it exactly those.
// This module imports no feature and no service: features depend on it, never on each other or
// on app.ts.
//
// Life cycle (src/app.ts, src/bridge/stop-plan.ts): factories run in order, the HTTP server
// listens with every feature's routes, then each feature's stop step is registered and only then
// its start() runs, so whatever start() subscribes is always undone. A feature registers its event
// listeners with itself as owner (`events.on(name, listener, feature)`); after its stop() the
// composition root calls `events.removeAll(feature)`.
import type { Router } from 'express';

export interface FeatureRoutes {
  /** No LAN auth (pages, pairing, SmartApp webhook, metrics …). */
  open?: Router[];
  /** Under /api/v1 behind the LAN bearer token. */
  lan?: Router[];
}

export interface Feature {
  name: string;
  routes?: FeatureRoutes;
  /** Runs after the HTTP server listens (its stop step is already registered). */
  start?(): Promise<void> | void;
  /** Runs after the HTTP server stopped accepting requests; must finish quickly. */
  stop?(): Promise<void> | void;
  /** Resolves once the work started by the changes so far is done (SmartThings pushes; tests). */
  settled?(): Promise<void>;
}

/** Builds a feature from the services it declared (`Deps`, its own narrow interface). */
export type FeatureFactory<Deps> = (deps: Deps) => Feature | Promise<Feature>;
