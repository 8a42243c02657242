// The local control feature: the /local/v1 routes for the netatmo-bridge command on this machine,
// and the control file that tells the command where they are and which key opens them. Also
// serves the running bridge's diagnostics bundle.
import type { Feature } from '../core/feature.js';
import { liveBundle, type LiveBundleDeps } from '../diagnostics/live.js';
import { moveActions, type MoveActionsDeps } from '../moving/actions.js';
import type { Store } from '../store/index.js';
import { moduleLogger } from '../util/logger.js';
import { newControlKey, removeControlFile, writeControlFile } from './control-file.js';
import { localControlRouter } from './routes.js';

/** What the local control feature uses of the bridge. */
export interface LocalControlFeatureDeps extends LiveBundleDeps, MoveActionsDeps {
  realStore: Store;
  httpPort(): number;
}

export function localControlFeature(context: LocalControlFeatureDeps): Feature {
  const log = moduleLogger(context.logger, 'local');
  const realStore = context.realStore;
  const key = newControlKey();
  const router = localControlRouter({
    key: () => key,
    actions: moveActions(context, realStore),
    diagnostics: (keepNames) => liveBundle(context, realStore, { keepNames, extraSecrets: [key] }),
  });
  const dataDir = context.config.dataDir;
  return {
    name: 'local-control',
    routes: { open: [router] },
    async start() {
      const host = ['0.0.0.0', '::', ''].includes(context.config.host) ? '127.0.0.1' : context.config.host;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${context.httpPort()}`;
      try {
        await writeControlFile(dataDir, { url, key, pid: process.pid, startedAt: new Date(context.now()).toISOString() });
      } catch (error) {
        log.warn(
          { code: (error as NodeJS.ErrnoException).code },
          'Could not write the control file for the netatmo-bridge command; export, import and diagnostics from the command line need the bridge stopped meanwhile',
        );
      }
    },
    async stop() {
      await removeControlFile(dataDir, key).catch(() => undefined);
    },
  };
}
