// Why the data file is not saved, in the reader's language: in English exactly the store's own
// sentence (the log's), in French the same facts (file, code, what was found).
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/i18n/translator.js';
import { StoreWriteError, type StoreProblem, type StoreWriteFailureReason } from '../../../src/store/errors.js';
import { storeProblemText } from '../../../src/i18n/store-problem.js';

const REASONS: StoreWriteFailureReason[] = ['read_only', 'disk_full', 'permission', 'io', 'locked', 'newer_file', 'damaged_file'];
const PATH = '/var/lib/netatmo-bridge/bridge.json';

function problemOf(error: StoreWriteError): StoreProblem {
  return { reason: error.reason, message: error.message, since: '2025-01-15T12:00:00Z', path: error.path, ...(error.code ? { code: error.code } : {}), ...(error.detail ? { detail: error.detail } : {}) };
}

describe('storeProblemText', () => {
  it.each(REASONS)('%s: English is the store’s sentence, French carries the same facts', (reason) => {
    const error = new StoreWriteError(reason, PATH, reason === 'io' ? 'EIO' : undefined, { detail: reason.endsWith('_file') ? 'data format 9' : undefined });
    expect(storeProblemText(problemOf(error), createTranslator('en'))).toBe(error.message);
    const french = storeProblemText(problemOf(error), createTranslator('fr'));
    expect(french).not.toBe(error.message);
    expect(french).toContain(PATH);
    if (reason === 'io') expect(french).toContain('(EIO)');
    if (reason.endsWith('_file')) expect(french).toContain('(data format 9)');
  });

  it('falls back to the store’s sentence when the problem comes without its facts', () => {
    expect(storeProblemText({ reason: 'disk_full', message: 'Disk full.', since: '2025-01-15T12:00:00Z' }, createTranslator('fr'))).toBe('Disk full.');
  });
});
