// Why an export or import was refused: the reasons and their facts. Every reason has one sentence
// for the person in each language (src/i18n/*/move.ts, said by failure-text.ts); MoveError
// (errors.ts) carries one. None of them ever carries the passphrase, a token or the file's content.

export const MOVE_FAILURES = [
  /** The passphrase does not meet the rules (length). */
  'weak_passphrase',
  /** The two passphrases typed on export differ. */
  'passphrase_mismatch',
  /** Not JSON, or JSON that is not one of our export files. */
  'not_an_export',
  /** Written by a newer bridge (envelope or payload version). */
  'unsupported_version',
  /** Bigger than any export the bridge writes. */
  'too_large',
  /** Key-derivation parameters outside the safe range (a file made to exhaust memory). */
  'unsafe_parameters',
  /** The passphrase check does not match. */
  'wrong_passphrase',
  /** The passphrase is right but the content was changed or damaged (authentication failed). */
  'tampered',
  /** Decrypted, but the content is not a valid export payload. */
  'invalid_payload',
  /** This machine is connected to a Netatmo account; --force replaces it. */
  'account_present',
  /** Already exported (moved) once; undo that first. */
  'already_moved',
  /** The Netatmo sign-in in use is not saved in the data file (disk refuses it). */
  'token_not_saved',
  /** There is no move to undo. */
  'not_moved',
] as const;

export type MoveFailure = (typeof MOVE_FAILURES)[number];

/** Facts for the sentence (an ISO time, a version, a limit); never secrets. */
export interface MoveFacts {
  at?: string;
  version?: string;
  limit?: number;
}

export function isMoveFailure(code: string): code is MoveFailure {
  return (MOVE_FAILURES as readonly string[]).includes(code);
}
