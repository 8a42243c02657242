// The diagnostics bundle of a RUNNING bridge: live health, budget, the recorder's history, hubs,
// the homes as clients see them and the recent (scrubbed) log lines. Asked over the admin page or
// the CLI's loopback control channel (src/local/).
import type { Config } from '../config/index.js';
import type { HubActivity } from '../lan/hub-activity.js';
import type { BridgeInfo } from '../lan/state-document.js';
import type { NetatmoHealth } from '../model/types.js';
import type { StateService } from '../sync/state-service.js';
import type { Logger } from '../util/logger.js';
import type { Store } from '../store/index.js';
import { recentLogLines } from '../util/logger.js';
import { dataFileFacts, finishBundle, homeErrors, logProblems, netatmoFacts, platformFacts, redactionNote, smartappFacts, type BundleOptions, type DiagnosticsBundle } from './bundle.js';
import type { DiagnosticsRecorder } from './recorder.js';
import { homesForReport } from './redact.js';

/** What the live bundle reads of the running bridge. */
export interface LiveBundleDeps {
  config: Config;
  logger: Logger;
  store: Pick<Store, 'data'>;
  state: Pick<StateService, 'homes' | 'revision' | 'changedAt'>;
  hubs: Pick<HubActivity, 'lastPollAt' | 'hubs'>;
  recorder: Pick<DiagnosticsRecorder, 'statusChanges' | 'polls'>;
  bridgeInfo(): BridgeInfo;
  netatmoHealth(): NetatmoHealth;
  now: () => number;
}

export function liveBundle(context: LiveBundleDeps, realStore: Store, options: BundleOptions & { extraSecrets?: string[] }): DiagnosticsBundle {
  const data = realStore.data;
  const bridge = context.bridgeInfo();
  const health = context.netatmoHealth();
  const { recorder } = context;
  const lines = recentLogLines(context.logger);
  const { names, note } = redactionNote(options);
  return finishBundle(
    {
      generatedAt: new Date(context.now()).toISOString(),
      source: 'running-bridge',
      redaction: { names, note },
      bridge: { ...platformFacts(bridge.version), bridgeId: bridge.id, simulated: bridge.simulated, startedAt: bridge.startedAt, preferredPath: bridge.preferredPath, processUptimeS: Math.round(process.uptime()) },
      dataFile: dataFileFacts(realStore.filePath, data, realStore.problem()),
      netatmo: { ...netatmoFacts(data), health },
      healthHistory: { statusChanges: [...recorder.statusChanges], polls: [...recorder.polls] },
      lastErrors: {
        netatmo: health.lastError,
        homes: homeErrors(context.state.homes),
        failedPolls: recorder.polls.filter((poll) => poll.error !== null).slice(-10),
        dataFile: realStore.problem(),
        logWarnings: logProblems(lines),
      },
      state: { revision: context.state.revision, changedAt: context.state.changedAt, homes: homesForReport(context.state.homes, options.keepNames) },
      hubs: {
        lastPollAt: context.hubs.lastPollAt(),
        list: context.hubs.hubs().map((hub) => ({ address: hub.address, lastSeenAt: hub.lastSeenAt, paired: hub.paired, userAgent: hub.userAgent, driver: hub.driver })),
      },
      smartapp: smartappFacts(context.config, data),
      logs: { note: 'The most recent log lines of this process (scrubbed when written).', lines },
    },
    context.config,
    { data: [data, context.store.data], extra: options.extraSecrets ?? [] },
  );
}
