// Why the bridge cannot save its data file, in the reader's language: the same sentences as the
// store's own (src/store/errors.ts, English, for the log), from the problem's facts. Pure. The
// status page, the admin page and the CLI all say it with these words.
import type { Translator } from './translator.js';
import type { StoreProblem } from '../store/index.js';

export function storeProblemText(problem: StoreProblem, tr: Translator): string {
  const { path } = problem;
  // A problem reported without its facts (an older store, a test fake): the store's own sentence.
  if (path === undefined) return problem.message;
  const detail = problem.detail ? ` (${problem.detail})` : '';
  switch (problem.reason) {
    case 'locked':
      return tr.t('store.locked', { path });
    case 'newer_file':
      return tr.t('store.newerFile', { path, detail });
    case 'damaged_file':
      return tr.t('store.damagedFile', { path, detail });
    case 'read_only':
      return tr.t('store.readOnly', { path });
    case 'disk_full':
      return tr.t('store.diskFull', { path });
    case 'permission':
      return tr.t('store.permission', { path });
    case 'io':
      return tr.t('store.io', { path, code: problem.code ? ` (${problem.code})` : '' });
  }
}

/** A write the store refused (an export or import on the admin page or the CLI), in the reader's language. */
export function storeWriteErrorText(error: Pick<StoreProblem, 'reason' | 'message' | 'code' | 'detail'> & { path: string }, tr: Translator): string {
  const { reason, message, path, code, detail } = error;
  return storeProblemText({ reason, message, since: '', path, ...(code ? { code } : {}), ...(detail ? { detail } : {}) }, tr);
}
