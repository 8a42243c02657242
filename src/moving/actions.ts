// Export, import and undo on a RUNNING bridge — one set of actions behind the admin page and the
// CLI's loopback control channel (src/local/). The real data file is used (also in the demo), and
// the bridge's token manager is held still while its account changes hands. After an import the
// bridge restarts in place, so every part (token manager, homes, SmartApp, webhook, SSDP identity)
// starts from the imported data; where the process cannot restart (embedded use) it says so.
import type { BridgeInfo } from '../lan/state-document.js';
import type { TokenManager } from '../netatmo/tokens.js';
import type { Logger } from '../util/logger.js';
import type { Store } from '../store/index.js';
import { moduleLogger } from '../util/logger.js';
import { importBridgeData, type ImportResult } from './move-in.js';
import { exportBridgeData, undoMove, type ExportResult, type TokenHolder } from './move-out.js';

export interface MoveActions {
  exportData(passphrase: string): Promise<ExportResult>;
  importData(fileText: string, passphrase: string, force: boolean): Promise<ImportResult & { restarting: boolean }>;
  /** Resolves with the undone move's time; MoveError('not_moved') when there is none (or another export's). */
  undoMove(exportId?: string): Promise<string>;
  /** When this bridge's connection was moved away, else null. */
  movedAt(): string | null;
}

/** What the move actions use of the bridge. */
export interface MoveActionsDeps {
  logger: Logger;
  /** Non-null in the demo: then the bridge's token manager is the simulator's, not the account's. */
  simulator: object | null;
  tokens: TokenManager;
  bridgeInfo(): BridgeInfo;
  requestRestart(reason: string): boolean;
  now: () => number;
}

export function moveActions(context: MoveActionsDeps, realStore: Store): MoveActions {
  const log = moduleLogger(context.logger, 'moving');
  // In the demo the context's token manager serves the simulator; the real account is not in use.
  const tokens: TokenHolder | null = context.simulator ? null : context.tokens;
  const now = () => new Date(context.now());
  return {
    async exportData(passphrase) {
      const result = await exportBridgeData({ store: realStore, tokens, passphrase, bridgeVersion: context.bridgeInfo().version, now });
      if (result.movedAt) log.warn({ exportId: result.exportId, movedAt: result.movedAt }, 'Data exported: the Netatmo connection moved to another machine; this bridge no longer calls Netatmo');
      else log.info({ exportId: result.exportId }, 'Data exported (no Netatmo connection to move)');
      return result;
    },
    async importData(fileText, passphrase, force) {
      const result = await importBridgeData({ store: realStore, tokens, fileText, passphrase, force });
      await realStore.flush();
      log.info({ exportId: result.exportId, exportedAt: result.exportedAt, ownExport: result.ownExport }, 'Data imported from an export file');
      // Restart in place: the imported account, identity and installations are taken up everywhere.
      const restarting = context.requestRestart('data imported from an export file');
      return { ...result, restarting };
    },
    async undoMove(exportId) {
      const at = await undoMove(realStore, exportId);
      log.warn({ movedAt: at }, 'The move to another machine was undone: this bridge uses its Netatmo connection again');
      return at;
    },
    movedAt: () => realStore.data.netatmo.moved?.at ?? null,
  };
}
