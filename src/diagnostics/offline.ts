// The diagnostics bundle from the data directory alone, while the bridge is stopped (or will not
// start): configuration, the data file's state, the Netatmo connection facts, the last saved homes
// and errors. What only a running process knows (hubs, budget, log lines) is said to be missing.
import type { Config } from '../config/index.js';
import type { StoreData } from '../store/index.js';
import { dataFileFacts, finishBundle, homeErrors, netatmoFacts, platformFacts, redactionNote, smartappFacts, type BundleOptions, type DiagnosticsBundle } from './bundle.js';
import { homesForReport } from './redact.js';

export interface OfflineSource {
  config: Config;
  version: string;
  dataFile: string;
  /** The data file's content, or why it could not be used. */
  read: { kind: 'ok'; data: StoreData } | { kind: 'missing' } | { kind: 'newer'; fileVersion: number } | { kind: 'unreadable'; problem: string };
  now: Date;
}

export function offlineBundle(source: OfflineSource, options: BundleOptions): DiagnosticsBundle {
  const data = source.read.kind === 'ok' ? source.read.data : null;
  const homes = data?.state.homes ?? [];
  const { names, note } = redactionNote(options);
  return finishBundle(
    {
      generatedAt: source.now.toISOString(),
      source: 'data-directory',
      redaction: { names, note },
      bridge: { ...platformFacts(source.version), bridgeId: data?.bridgeId ?? null, running: false },
      dataFile: { ...dataFileFacts(source.dataFile, data, null), saving: null, read: describeRead(source.read) },
      netatmo: { ...netatmoFacts(data), lastSuccessAt: data?.health.lastSuccessAt ?? null, authRequired: data?.health.authRequired ?? null },
      healthHistory: null,
      lastErrors: { netatmo: data?.health.lastError ?? null, homes: homeErrors(homes) },
      state: { revision: data?.state.revision ?? 0, changedAt: data?.state.changedAt ?? null, homes: homesForReport(homes, options.keepNames) },
      hubs: null,
      smartapp: smartappFacts(source.config, data),
      logs: { note: 'The bridge was not running: no live log lines. Its log is in the service journal (journalctl -u netatmo-bridge) or docker logs.', lines: [] },
    },
    source.config,
    { data: [data], extra: [] },
  );
}

function describeRead(read: OfflineSource['read']): string {
  switch (read.kind) {
    case 'ok':
      return 'read';
    case 'missing':
      return 'missing (the bridge has not started with this data directory)';
    case 'newer':
      return `written by a newer version (data format ${read.fileVersion})`;
    case 'unreadable':
      return `unreadable: ${read.problem}`;
  }
}
