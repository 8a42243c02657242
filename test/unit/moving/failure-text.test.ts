// A refused move in the reader's language: every reason has its own sentence in both languages
// with its facts filled in; MoveError keeps the English one as its message; the CLI says the
// running bridge's refusals (code and details from the control channel) in its user's language.
import { describe, expect, it } from 'vitest';
import { answerRefusalText, thrownRefusalText } from '../../../src/cli/refusal-text.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { MOVE_FAILURES, MoveError } from '../../../src/moving/errors.js';
import { moveFailureText } from '../../../src/moving/failure-text.js';
import { StoreWriteError } from '../../../src/store/index.js';

const en = createTranslator('en', { timeZone: 'UTC' });
const fr = createTranslator('fr', { timeZone: 'Europe/Paris' });
const facts = { at: '2026-11-27T06:10:30.000Z', version: '9.0.0', limit: 262_144 };

describe('the sentences of a refused move', () => {
  it('one sentence per reason and language, every placeholder filled', () => {
    for (const tr of [en, fr]) {
      const texts = MOVE_FAILURES.map((reason) => moveFailureText(reason, facts, tr));
      expect(new Set(texts).size).toBe(MOVE_FAILURES.length);
      for (const text of texts) expect(text).not.toMatch(/[{}]/);
    }
    expect(moveFailureText('already_moved', facts, fr)).toContain('exportée le 27/11/2026 07:10:30');
    expect(moveFailureText('already_moved', {}, en)).toContain('already exported earlier');
    expect(moveFailureText('too_large', facts, fr)).toContain('(limite : 256 Kio)');
    expect(moveFailureText('unsupported_version', facts, en)).toContain('a newer version of the bridge (9.0.0).');
    expect(moveFailureText('unsupported_version', {}, en)).toContain('a newer version of the bridge. Update');
    expect(moveFailureText('weak_passphrase', { limit: 12 }, fr)).toMatch(/^La phrase secrète doit compter au moins 12 caractères/);
  });

  it('MoveError carries the English sentence (log, control channel) and its facts', () => {
    const error = new MoveError('already_moved', { at: facts.at });
    expect(error.message).toMatch(/^This bridge's Netatmo connection was already exported on \d{2}\/\d{2}\/2026/);
    expect(thrownRefusalText(error, fr)).toMatch(/^La connexion Netatmo de cette passerelle a déjà été exportée le 27\/11\/2026 07:10:30/);
    expect(thrownRefusalText(new Error('other'), fr)).toBeNull();
  });

  it('the running bridge’s refusals: move reasons, a data file that refuses the write, an unknown code, a bridge gone', () => {
    const refusal = (code: string, details: Record<string, unknown>, status = 400) => ({ ok: false as const, status, code, message: 'English message', details });
    expect(answerRefusalText(refusal('wrong_passphrase', {}), 'http://127.0.0.1:1', fr)).toMatch(/^Ce n’est pas la phrase secrète/);
    const written = new StoreWriteError('disk_full', '/data/bridge.json', 'ENOSPC');
    const dataFile = refusal('data_file', { reason: written.reason, path: written.path, code: written.code }, 503);
    expect(answerRefusalText(dataFile, 'http://127.0.0.1:1', fr)).toContain('/data/bridge.json');
    expect(answerRefusalText(dataFile, 'http://127.0.0.1:1', fr)).toContain('le disque est plein');
    expect(thrownRefusalText(written, fr)).toBe(answerRefusalText(dataFile, 'http://127.0.0.1:1', fr));
    expect(answerRefusalText(refusal('something_new', {}, 418), 'http://127.0.0.1:1', fr)).toBe('La passerelle en marche a refusé (HTTP 418) : English message');
    expect(answerRefusalText(refusal('unreachable', {}, 0), 'http://127.0.0.1:1', en)).toMatch(/^A bridge answers at http:\/\/127\.0\.0\.1:1 but/);
  });
});
