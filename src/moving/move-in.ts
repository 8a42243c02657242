// Import (the new machine): open and check the file completely before anything is written (wrong
// passphrase, damage, tampering, a bad payload: nothing changes), then write the payload into the
// data file in one locked, atomic write. A Netatmo connection already in use here is replaced only
// with `force`. Importing a bridge's own export back (the move was given up) also undoes its move.
import type { Store } from '../store/index.js';
import { openExport } from './envelope.js';
import { MoveError } from './errors.js';
import type { TokenHolder } from './move-out.js';
import { applyPayload, parsePayload } from './payload.js';

export interface ImportRequest {
  /** The real data file. */
  store: Store;
  tokens: TokenHolder | null;
  fileText: string;
  passphrase: string;
  force: boolean;
}

export interface ImportResult {
  exportId: string;
  exportedAt: string;
  exportedBy: string;
  /** The export carried a Netatmo connection. */
  connected: boolean;
  /** It was this bridge's own export: its move is undone. */
  ownExport: boolean;
}

export async function importBridgeData(request: ImportRequest): Promise<ImportResult> {
  const { plaintext, header } = await openExport(request.fileText, request.passphrase);
  const payload = parsePayload(plaintext, header.exportId);
  const release = request.tokens ? await request.tokens.holdRequests() : () => undefined;
  let ownExport = false;
  try {
    await request.store.update((draft) => {
      ownExport = draft.netatmo.moved?.exportId === payload.exportId;
      const inUse = draft.netatmo.tokens !== null && draft.netatmo.moved === null;
      if (inUse && !request.force) throw new MoveError('account_present');
      applyPayload(draft, payload);
    });
  } finally {
    release();
  }
  return { exportId: header.exportId, exportedAt: header.createdAt, exportedBy: header.bridgeVersion, connected: payload.netatmo.tokens !== null, ownExport };
}
