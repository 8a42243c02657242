// What the CLI prints when an export, import or undo is refused, in the user's language: a
// MoveError (offline) or the running bridge's answer (code and facts from the control channel), or
// a data file that refuses the write. The bridge's own English message is the last resort, for a
// refusal this version does not know.
import { z } from 'zod';
import type { Translator } from '../i18n/translator.js';
import { isMoveFailure, MoveError } from '../moving/errors.js';
import { moveFailureText } from '../moving/failure-text.js';
import { StoreWriteError } from '../store/index.js';
import { storeWriteErrorText } from '../i18n/store-problem.js';
import type { BridgeAnswer } from './bridge-link.js';

const moveFacts = z.object({ at: z.string().max(64).optional(), version: z.string().max(64).optional(), limit: z.number().optional() });
const storeFacts = z.object({
  reason: z.enum(['read_only', 'disk_full', 'permission', 'io', 'locked', 'newer_file', 'damaged_file']),
  path: z.string(),
  code: z.string().optional(),
  detail: z.string().optional(),
});

/** The text of a refusal thrown here (MoveError, StoreWriteError), or null for any other error. */
export function thrownRefusalText(error: unknown, tr: Translator): string | null {
  if (error instanceof MoveError) return moveFailureText(error.reason, error.facts, tr);
  if (error instanceof StoreWriteError) return storeWriteErrorText(error, tr);
  return null;
}

/** The running bridge's refusal; status 0 means it stopped answering meanwhile. */
export function answerRefusalText(answer: Extract<BridgeAnswer<unknown>, { ok: false }>, url: string, tr: Translator): string {
  if (answer.status === 0) return tr.t('cliMove.runningUnreachable', { url });
  if (isMoveFailure(answer.code)) {
    const facts = moveFacts.safeParse(answer.details);
    return moveFailureText(answer.code, facts.success ? facts.data : {}, tr);
  }
  const store = storeFacts.safeParse(answer.details);
  if (answer.code === 'data_file' && store.success) return storeWriteErrorText({ ...store.data, message: answer.message }, tr);
  return tr.t('cliMove.bridgeRefused', { status: answer.status, message: answer.message });
}
