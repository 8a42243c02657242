// The export envelope: a round trip, and every way a file can be wrong gets its own reason —
// before any passphrase is tried where possible (size, JSON, shape, version, KDF limits, damage).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF, openExport, sealExport } from '../../../src/moving/envelope.js';
import { MoveError, type MoveFailure } from '../../../src/moving/errors.js';

const PASSPHRASE = 'correct horse battery staple';
const HEADER = { exportId: '2d3c1f0e-7a6b-4c5d-8e9f-0a1b2c3d4e5f', createdAt: '2025-01-02T03:04:05.000Z', bridgeVersion: '1.0.0' };
const SECRET = 'refresh-token-1234567890abcdef';

async function reasonOf(promise: Promise<unknown>): Promise<MoveFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MoveError) return error.reason;
    throw error;
  }
  throw new Error('expected a MoveError');
}

/** The envelope's checksum as written, so a test can forge a "consistent" file. */
function reseal(envelope: Record<string, unknown>): string {
  const e = envelope as { format: string; version: number; exportId: string; createdAt: string; bridgeVersion: string; kdf: { name: string; N: number; r: number; p: number; salt: string }; cipher: { name: string; nonce: string; tag: string }; passphraseCheck: string; ciphertext: string };
  const aad = JSON.stringify([e.format, e.version, e.exportId, e.createdAt, e.bridgeVersion, e.kdf.name, e.kdf.N, e.kdf.r, e.kdf.p, e.kdf.salt, e.cipher.name, e.cipher.nonce]);
  const checksum = createHash('sha256').update([aad, e.cipher.tag, e.passphraseCheck, e.ciphertext].join('\n')).digest('hex');
  return JSON.stringify({ ...envelope, checksum });
}

describe('export envelope', () => {
  it('round trip: strong scrypt parameters, AES-256-GCM, nothing of the payload in clear', async () => {
    const text = await sealExport(Buffer.from(JSON.stringify({ token: SECRET })), PASSPHRASE, HEADER);
    const envelope = JSON.parse(text) as Record<string, unknown> & { kdf: { N: number; r: number; p: number }; cipher: { name: string } };
    expect(envelope).toMatchObject({ format: 'netatmo-bridge-export', version: 1, exportId: HEADER.exportId });
    expect(envelope.kdf).toMatchObject({ name: 'scrypt', N: DEFAULT_KDF.N, r: 8, p: 1 });
    expect(envelope.kdf.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(envelope.cipher.name).toBe('aes-256-gcm');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(text).not.toContain(PASSPHRASE);
    const opened = await openExport(text, PASSPHRASE);
    expect(JSON.parse(opened.plaintext.toString('utf8'))).toEqual({ token: SECRET });
    expect(opened.header).toEqual(HEADER);
  });

  it('every problem has its own reason', async () => {
    const text = await sealExport(Buffer.from('{"a":1}'), PASSPHRASE, HEADER);
    const envelope = JSON.parse(text) as Record<string, unknown> & { ciphertext: string; kdf: Record<string, unknown>; cipher: Record<string, unknown> };
    expect(await reasonOf(openExport(text, 'wrong passphrase here'))).toBe('wrong_passphrase');
    expect(await reasonOf(openExport(text.slice(0, text.length / 2), PASSPHRASE))).toBe('not_an_export');
    expect(await reasonOf(openExport('{"hello":"world"}', PASSPHRASE))).toBe('not_an_export');
    expect(await reasonOf(openExport(JSON.stringify({ ...envelope, version: 2 }), PASSPHRASE))).toBe('unsupported_version');
    expect(await reasonOf(openExport('x'.repeat(300 * 1024), PASSPHRASE))).toBe('too_large');
    // Accidental damage: one character of the ciphertext changed → caught by the checksum.
    const flipped = envelope.ciphertext.startsWith('A') ? `B${envelope.ciphertext.slice(1)}` : `A${envelope.ciphertext.slice(1)}`;
    expect(await reasonOf(openExport(JSON.stringify({ ...envelope, ciphertext: flipped }), PASSPHRASE))).toBe('tampered');
    // Deliberate tampering with a recomputed checksum → caught by GCM authentication (header bound as AAD).
    expect(await reasonOf(openExport(reseal({ ...envelope, createdAt: '2030-01-01T00:00:00.000Z' }), PASSPHRASE))).toBe('tampered');
    expect(await reasonOf(openExport(reseal({ ...envelope, ciphertext: flipped }), PASSPHRASE))).toBe('tampered');
    // A file asking for 1 GiB of scrypt memory is refused before any work.
    expect(await reasonOf(openExport(reseal({ ...envelope, kdf: { ...envelope.kdf, N: 2 ** 20 } }), PASSPHRASE))).toBe('unsafe_parameters');
  });

  it('refuses a short passphrase before deriving anything', async () => {
    expect(await reasonOf(sealExport(Buffer.from('{}'), 'short', HEADER))).toBe('weak_passphrase');
  });
});
