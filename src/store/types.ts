// The data file's shape (current schema version). Everything the bridge must remember across a
// restart lives here; the file is written atomically with mode 0600 because it holds secrets.
// Change the shape only together with a migration in src/store/migrations.ts.
import type { Home, HealthError } from '../model/types.js';
import type { NetatmoCredentials, NetatmoTokens } from '../netatmo/token-repository.js';

export const CURRENT_SCHEMA_VERSION = 2;

// The token pair's shape belongs to the token manager's port; the data file stores it as is.
export type { NetatmoCredentials, NetatmoTokens } from '../netatmo/token-repository.js';

/** Set when this bridge's Netatmo connection was exported to another machine (src/moving/). */
export interface MovedAway {
  /** When the export took the connection (ISO). */
  at: string;
  /** The export file's id (undoing checks it). */
  exportId: string;
}

/** Settings the user changed at run time (status page / SmartApp); they override the environment. */
export interface RuntimeSettings {
  pollIntervalS?: number;
  /** adaptive or fixed polling (overrides POLL_POLICY). */
  pollPolicy?: 'adaptive' | 'fixed';
  staleThresholdS?: number;
  preferredPath?: 'lan' | 'cloud';
  /** Home ids to bridge; absent = every home of the account. */
  homeIds?: string[];
  defaultOverrideMinutes?: number;
  boostMinutes?: number;
  awayHours?: number;
}

export interface PersistedHealth {
  lastSuccessAt: string | null;
  lastError: HealthError | null;
  authRequired: boolean;
}

export interface PersistedState {
  revision: number;
  /** When the homes last changed (ISO) or null before the first successful poll. */
  changedAt: string | null;
  homes: Home[];
}

/** A home's learnt hours of activity (src/polling/activity-profile.ts), as saved. */
export interface StoredActivityProfile {
  /** Decayed count of observed changes per local hour of the day (24 numbers). */
  hours: number[];
  /** When the counts were last decayed and updated (ISO). */
  updatedAt: string;
}

/** One installed SmartApp's context (tokens refreshed by the SmartApp SDK). */
export interface SmartAppContextRecord {
  installedAppId: string;
  locationId: string;
  authToken: string;
  refreshToken: string;
  config: Record<string, unknown>;
  locale?: string;
  [key: string]: unknown;
}

export interface StoreData {
  schemaVersion: number;
  /** Stable id (UUID) of this bridge: SSDP USN, description, SmartThings external ids. */
  bridgeId: string;
  /** LAN bearer token (hex). */
  lanToken: string;
  /** First start of this data file (ISO): opens the first pairing window. */
  createdAt: string;
  netatmo: {
    credentials: NetatmoCredentials | null;
    tokens: NetatmoTokens | null;
    /**
     * Not null once the connection was exported to another machine: Netatmo allows one user of a
     * refresh token, so this bridge makes no more Netatmo calls until the move is undone.
     */
    moved: MovedAway | null;
  };
  state: PersistedState;
  health: PersistedHealth;
  settings: RuntimeSettings;
  smartthings: {
    contexts: Record<string, SmartAppContextRecord>;
  };
  web: {
    /** scrypt hash of the generated admin password (never the password itself). */
    adminPasswordHash: string | null;
  };
  /** What the adaptive poll policy learnt (format 2). */
  polling: {
    /** homeId → the household's hours of activity. */
    activity: Record<string, StoredActivityProfile>;
  };
}
