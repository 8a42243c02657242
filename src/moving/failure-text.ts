// A refused export or import in the reader's language: the reason's sentence from the catalogue
// (src/i18n/*/move.ts) with its facts — a time in the translator's zone, a version, a limit. The
// admin page, the CLI and MoveError's English message all say it through here. Pure.
import { formatDateTime } from '../i18n/format.js';
import type { Translator } from '../i18n/translator.js';
import type { MoveFacts, MoveFailure } from './failures.js';
import { MAX_EXPORT_BYTES, PASSPHRASE_MIN_LENGTH } from './limits.js';

export function moveFailureText(reason: MoveFailure, facts: MoveFacts, tr: Translator): string {
  switch (reason) {
    case 'weak_passphrase':
      return tr.t('move.weakPassphrase', { limit: facts.limit ?? PASSPHRASE_MIN_LENGTH });
    case 'passphrase_mismatch':
      return tr.t('move.passphraseMismatch');
    case 'not_an_export':
      return tr.t('move.notAnExport');
    case 'unsupported_version':
      return tr.t('move.unsupportedVersion', { version: facts.version ? ` (${facts.version})` : '' });
    case 'too_large':
      return tr.t('move.tooLarge', { limit: Math.round((facts.limit ?? MAX_EXPORT_BYTES) / 1024) });
    case 'unsafe_parameters':
      return tr.t('move.unsafeParameters');
    case 'wrong_passphrase':
      return tr.t('move.wrongPassphrase');
    case 'tampered':
      return tr.t('move.tampered');
    case 'invalid_payload':
      return tr.t('move.invalidPayload');
    case 'account_present':
      return tr.t('move.accountPresent');
    case 'already_moved':
      return facts.at ? tr.t('move.alreadyMoved', { time: formatDateTime(facts.at, tr) }) : tr.t('move.alreadyMovedEarlier');
    case 'token_not_saved':
      return tr.t('move.tokenNotSaved');
    case 'not_moved':
      return tr.t('move.notMoved');
  }
}
