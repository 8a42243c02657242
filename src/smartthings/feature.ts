// The SmartApp feature (cloud path). The factory imports nothing from the SmartThings SDKs: it
// loads ./smartapp.js (which does) with a dynamic import, and only when a public URL or a
// SmartApp id is configured, so the LAN-only process stays small (docs/architecture.md#memory-and-speed).
import type { Config } from '../config/index.js';
import type { Feature } from '../core/feature.js';
import type { SmartAppFeatureDeps } from './feature-deps.js';

/** The SmartApp answers at POST /smartapp when the bridge has a public URL or a registered app id. */
export function smartAppConfigured(config: Config): boolean {
  return config.publicUrl !== undefined || config.smartapp.appId !== undefined;
}

export async function smartAppFeature(context: SmartAppFeatureDeps): Promise<Feature> {
  if (!smartAppConfigured(context.config)) return { name: 'smartapp' };
  const { createSmartAppRuntime } = await import('./smartapp.js');
  const runtime = createSmartAppRuntime(context, {
    commands: context.commands,
    onPush: (push) => context.events.emit('smartthingsPush', { status: push.status, events: push.events }),
  });
  return {
    name: 'smartapp',
    routes: { open: [runtime.router] },
    start: () => runtime.start(),
    stop: () => runtime.stop(),
    settled: () => runtime.sync.idle(),
  };
}
