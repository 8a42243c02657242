// The export file: one JSON envelope that says what it is and how to open it, around the data
// encrypted with a key derived from the user's passphrase (node:crypto only).
//   - scrypt (N=2^17, r=8, p=1: 128 MiB, OWASP's recommended minimum) stretches the passphrase
//     with a random 16-byte salt into 64 bytes: 32 for AES-256-GCM, 32 for a passphrase check;
//   - AES-256-GCM with a random 12-byte nonce encrypts the payload; every header field is bound
//     as additional authenticated data, so changing any of them (KDF settings included) is caught;
//   - passphraseCheck (HMAC-SHA256 with the second key) tells a wrong passphrase from a damaged
//     file; it costs an attacker a full scrypt per guess, exactly like trying to decrypt;
//   - checksum (SHA-256 of everything else) tells accidental damage before any passphrase is tried.
// Opening is strict: size, JSON, shape, version, KDF limits (a file cannot make us allocate more
// than MAX_KDF_MEMORY), checksum, passphrase, then authentication — each with its own reason.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';
import { MoveError } from './errors.js';
import { MAX_EXPORT_BYTES, PASSPHRASE_MAX_LENGTH, PASSPHRASE_MIN_LENGTH } from './limits.js';

export { MAX_EXPORT_BYTES, PASSPHRASE_MAX_LENGTH, PASSPHRASE_MIN_LENGTH };

export const EXPORT_FORMAT = 'netatmo-bridge-export';
export const ENVELOPE_VERSION = 1;
export const DEFAULT_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
/** scrypt needs 128·N·r bytes; a file asking for more than this is refused unopened. */
export const MAX_KDF_MEMORY = 256 * 1024 * 1024;

const base64 = (bytes?: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
    .refine((text) => bytes === undefined || Buffer.from(text, 'base64').length === bytes);

const envelopeSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(ENVELOPE_VERSION),
  exportId: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  bridgeVersion: z.string().min(1).max(64),
  kdf: z.strictObject({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: base64(16) }),
  cipher: z.strictObject({ name: z.literal('aes-256-gcm'), nonce: base64(12), tag: base64(16) }),
  passphraseCheck: base64(32),
  ciphertext: base64(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

export type Envelope = z.infer<typeof envelopeSchema>;
export type EnvelopeHeader = Pick<Envelope, 'exportId' | 'createdAt' | 'bridgeVersion'>;

export function checkPassphrase(passphrase: string): void {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < PASSPHRASE_MIN_LENGTH || length > PASSPHRASE_MAX_LENGTH) throw new MoveError('weak_passphrase', { limit: PASSPHRASE_MIN_LENGTH });
}

/** Encrypts `plaintext` into the envelope's JSON text. */
export async function sealExport(plaintext: Buffer, passphrase: string, header: EnvelopeHeader, kdf: { N: number; r: number; p: number } = DEFAULT_KDF): Promise<string> {
  checkPassphrase(passphrase);
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const keys = await deriveKeys(passphrase, salt, kdf);
  const partial = {
    format: EXPORT_FORMAT as typeof EXPORT_FORMAT,
    version: ENVELOPE_VERSION as typeof ENVELOPE_VERSION,
    ...header,
    kdf: { name: 'scrypt' as const, ...kdf, salt: salt.toString('base64') },
    cipher: { name: 'aes-256-gcm' as const, nonce: nonce.toString('base64'), tag: '' },
  };
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, nonce);
  cipher.setAAD(associatedData(partial));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const sealed = {
    ...partial,
    cipher: { ...partial.cipher, tag: cipher.getAuthTag().toString('base64') },
    passphraseCheck: passphraseCheck(keys.check, header.exportId).toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify({ ...sealed, checksum: checksumOf(sealed) }, null, 2)}\n`;
}

/** Opens an envelope: the decrypted payload and the header, or a MoveError saying why not. */
export async function openExport(text: string, passphrase: string): Promise<{ plaintext: Buffer; header: EnvelopeHeader }> {
  const envelope = parseEnvelope(text);
  const { N, r, p } = envelope.kdf;
  const powerOfTwo = N >= 2 ** 14 && (N & (N - 1)) === 0;
  if (!powerOfTwo || r < 1 || r > 32 || p < 1 || p > 4 || 128 * N * r > MAX_KDF_MEMORY) throw new MoveError('unsafe_parameters');
  const { checksum, ...rest } = envelope;
  if (checksumOf(rest) !== checksum) throw new MoveError('tampered');
  const keys = await deriveKeys(passphrase, Buffer.from(envelope.kdf.salt, 'base64'), { N, r, p });
  if (!timingSafeEqual(passphraseCheck(keys.check, envelope.exportId), Buffer.from(envelope.passphraseCheck, 'base64'))) throw new MoveError('wrong_passphrase');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, Buffer.from(envelope.cipher.nonce, 'base64'));
    decipher.setAAD(associatedData(envelope));
    decipher.setAuthTag(Buffer.from(envelope.cipher.tag, 'base64'));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]);
    return { plaintext, header: { exportId: envelope.exportId, createdAt: envelope.createdAt, bridgeVersion: envelope.bridgeVersion } };
  } catch {
    throw new MoveError('tampered');
  }
}

function parseEnvelope(text: string): Envelope {
  if (Buffer.byteLength(text, 'utf8') > MAX_EXPORT_BYTES) throw new MoveError('too_large', { limit: MAX_EXPORT_BYTES });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new MoveError('not_an_export');
  }
  const head = z.looseObject({ format: z.literal(EXPORT_FORMAT), version: z.number(), bridgeVersion: z.string().optional() }).safeParse(raw);
  if (!head.success) throw new MoveError('not_an_export');
  if (head.data.version > ENVELOPE_VERSION) throw new MoveError('unsupported_version', head.data.bridgeVersion ? { version: head.data.bridgeVersion.slice(0, 64) } : {});
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) throw new MoveError('not_an_export');
  return parsed.data;
}

type HeaderFields = Pick<Envelope, 'format' | 'version' | 'exportId' | 'createdAt' | 'bridgeVersion'> & {
  kdf: Envelope['kdf'];
  cipher: { name: string; nonce: string };
};

/** Every header field, in a fixed order (independent of key order in the file). */
function associatedData(e: HeaderFields): Buffer {
  return Buffer.from(JSON.stringify([e.format, e.version, e.exportId, e.createdAt, e.bridgeVersion, e.kdf.name, e.kdf.N, e.kdf.r, e.kdf.p, e.kdf.salt, e.cipher.name, e.cipher.nonce]));
}

function checksumOf(e: Omit<Envelope, 'checksum'>): string {
  const fields = [associatedData(e).toString('utf8'), e.cipher.tag, e.passphraseCheck, e.ciphertext];
  return createHash('sha256').update(fields.join('\n')).digest('hex');
}

function passphraseCheck(key: Buffer, exportId: string): Buffer {
  return createHmac('sha256', key).update(`${EXPORT_FORMAT}/passphrase-check/${exportId}`).digest();
}

async function deriveKeys(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<{ encryption: Buffer; check: Buffer }> {
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 128 * kdf.N * kdf.r + 1024 * 1024 };
  const derived = await new Promise<Buffer>((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 64, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
  return { encryption: derived.subarray(0, 32), check: derived.subarray(32) };
}
