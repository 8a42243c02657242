// Why an export or import was refused. Every reason has one sentence for the person in each
// language (src/i18n/*/move.ts, said by failure-text.ts); the error's own message is the English
// one, for the log and the control channel's JSON. None of them ever carries the passphrase, a
// token or the file's content.
import { englishTranslator } from '../i18n/translator.js';
import { moveFailureText } from './failure-text.js';
import type { MoveFacts, MoveFailure } from './failures.js';

export { isMoveFailure, MOVE_FAILURES, type MoveFacts, type MoveFailure } from './failures.js';

export class MoveError extends Error {
  constructor(
    readonly reason: MoveFailure,
    readonly facts: MoveFacts = {},
  ) {
    super(moveFailureText(reason, facts, englishTranslator()));
    this.name = 'MoveError';
  }
}
