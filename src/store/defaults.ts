// What a brand-new data file holds. Identity and the LAN token are generated once, here, and then
// live in the file for good (the SmartThings hub pairs with them).
import { randomBytes, randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION, type StoreData } from './types.js';

/** A new LAN bearer token: 32 random bytes as hex (64 characters). */
export function generateLanToken(): string {
  return randomBytes(32).toString('hex');
}

export function generateBridgeId(): string {
  return randomUUID();
}

export function createDefaultData(now: Date, presetLanToken?: string): StoreData {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    bridgeId: generateBridgeId(),
    lanToken: presetLanToken ?? generateLanToken(),
    createdAt: now.toISOString(),
    netatmo: { credentials: null, tokens: null, moved: null },
    state: { revision: 0, changedAt: null, homes: [] },
    health: { lastSuccessAt: null, lastError: null, authRequired: false },
    settings: {},
    smartthings: { contexts: {} },
    web: { adminPasswordHash: null },
  };
}
