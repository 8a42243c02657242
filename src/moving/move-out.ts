// Export (the old machine): the data file's content goes into an encrypted file and — when it held
// a Netatmo connection — the data file is marked "moved" in the SAME locked write, so the pair in
// the file is exactly the last one this bridge had: Netatmo lets one user of a refresh token live,
// and from here on that is the new machine. A running bridge's token manager is held still for the
// duration (no refresh can land after the snapshot). Undo clears the mark.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';
import { checkPassphrase, sealExport } from './envelope.js';
import { MoveError } from './errors.js';
import { payloadFrom, type ExportPayload } from './payload.js';

/** The running bridge's token manager (null offline, or in the demo where it serves the simulator). */
export interface TokenHolder {
  holdRequests(): Promise<() => void>;
  isSaved(): boolean;
}

export interface ExportRequest {
  /** The real data file. */
  store: Store;
  tokens: TokenHolder | null;
  passphrase: string;
  bridgeVersion: string;
  now?: () => Date;
}

export interface ExportResult {
  fileText: string;
  exportId: string;
  /** When the connection was marked moved; null when there was no Netatmo connection to move. */
  movedAt: string | null;
}

export async function exportBridgeData(request: ExportRequest): Promise<ExportResult> {
  checkPassphrase(request.passphrase);
  const release = request.tokens ? await request.tokens.holdRequests() : () => undefined;
  try {
    if (request.tokens && !request.tokens.isSaved()) throw new MoveError('token_not_saved');
    const exportId = randomUUID();
    const at = (request.now ?? (() => new Date()))().toISOString();
    let payload: ExportPayload | null = null;
    let movedAt: string | null = null;
    await request.store.update((draft) => {
      if (draft.netatmo.moved) throw new MoveError('already_moved', { at: draft.netatmo.moved.at });
      payload = payloadFrom(draft, exportId, at);
      if (draft.netatmo.tokens) {
        draft.netatmo.moved = { at, exportId };
        movedAt = at;
      }
    });
    if (!payload) throw new Error('the export payload was not taken');
    try {
      const plaintext = Buffer.from(JSON.stringify(payload), 'utf8');
      const fileText = await sealExport(plaintext, request.passphrase, { exportId, createdAt: at, bridgeVersion: request.bridgeVersion });
      return { fileText, exportId, movedAt };
    } catch (error) {
      if (movedAt) await undoMove(request.store, exportId).catch(() => undefined);
      throw error;
    }
  } finally {
    release();
  }
}

/**
 * Lets this bridge use its Netatmo connection again. With `exportId`, only that export's move is
 * undone (the CLI undoing an export whose file it could not write). Resolves with the move's time.
 */
export async function undoMove(store: Store, exportId?: string): Promise<string> {
  let undone: string | null = null;
  await store.update((draft) => {
    const moved = draft.netatmo.moved;
    if (!moved || (exportId !== undefined && moved.exportId !== exportId)) throw new MoveError('not_moved');
    undone = moved.at;
    draft.netatmo.moved = null;
  });
  if (undone === null) throw new MoveError('not_moved');
  return undone;
}
