// The port through which the token manager reads and saves the Netatmo token pair and the client
// id/secret it was issued to. netatmo/ owns this contract; the data file implements it
// (src/store/token-repository.ts), so nothing here knows how or where the pair is kept.

export interface NetatmoTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ISO). */
  expiresAt: string;
  scope: string[];
  /** When this pair was obtained (ISO); used to tell whether another process rotated it. */
  obtainedAt: string;
}

export interface NetatmoCredentials {
  clientId: string;
  clientSecret: string;
}

/** A pair to save; with credentials when it was issued to other ones than those saved (a new connection). */
export interface TokenSave {
  tokens: NetatmoTokens;
  credentials?: NetatmoCredentials;
}

export interface TokenRepository {
  /** The saved pair, or null. */
  savedTokens(): NetatmoTokens | null;
  /** The saved client id/secret (status page, SmartApp, CLI), or null. */
  savedCredentials(): NetatmoCredentials | null;
  /** When the connection was exported to another machine (ISO): no token requests here then. */
  movedAt(): string | null;
  /** Re-reads what is saved (another process may have rotated the pair); the pair now saved. */
  reload(): Promise<NetatmoTokens | null>;
  /**
   * Saves the pair, with its credentials when given, in ONE write; a pair with credentials is a new
   * connection on this machine and ends a move away. Rejects when it cannot be saved.
   */
  save(pair: TokenSave): Promise<void>;
  /** Why saving fails right now, in words for the user, or null. */
  problem(): string | null;
}
