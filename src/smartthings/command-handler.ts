// DEVICE_COMMANDS_EVENT: each command goes to the command service shared with the LAN API, then
// one sync answers with the new (or, when refused, the unchanged) values. SmartThings waits 10 s
// at most: a slow Netatmo write finishes in the background after the answer.
import type { SmartAppFeatureDeps } from './feature-deps.js';
import type { CommandService } from '../sync/command-types.js';
import type { Logger } from '../util/logger.js';
import { settlesWithin } from '../util/with-timeout.js';
import type { CloudSync } from './cloud-sync.js';
import type { SmartAppContextStore } from './context-store.js';
import { executeCommand } from './device-commands.js';
import { parseExternalId } from './device-plan.js';
import { commandDefaults } from './runtime-settings.js';
import type { DeviceCommandsEvent, RuntimeContext } from './sdk-types.js';

/** SmartThings gives up after 10 s; a slower Netatmo write finishes in the background. */
export const COMMAND_ANSWER_MS = 7_000;

export interface CommandHandlerDeps {
  context: SmartAppFeatureDeps;
  commands: CommandService;
  contexts: SmartAppContextStore;
  sync: CloudSync;
  log: Logger;
}

export function deviceCommandsHandler(deps: CommandHandlerDeps): (ctx: RuntimeContext, event: DeviceCommandsEvent) => Promise<void> {
  const { context, contexts, sync, log } = deps;
  return async (ctx, event) => {
    const installedAppId = ctx.installedAppId;
    const devices = contexts.bridgeData(installedAppId).devices;
    const externalId = event.externalId ?? Object.entries(devices).find(([, id]) => id === event.deviceId)?.[0];
    const ref = externalId ? parseExternalId(externalId) : null;
    if (!externalId || !ref) {
      log.warn({ installedAppId, deviceId: event.deviceId }, 'command for a device this bridge does not know');
      return;
    }
    const release = sync.hold(installedAppId);
    const work = (async () => {
      const force = new Set<string>();
      for (const cmd of event.commands) {
        const outcome = await executeCommand(ref, cmd, { commands: deps.commands, homes: () => context.state.homes, defaults: () => commandDefaults(context) });
        for (const key of outcome.force) force.add(key);
        if (outcome.status === 'ok') log.debug({ externalId, command: `${cmd.capability}.${cmd.command}` }, 'SmartThings command done');
        else log.warn({ externalId, command: `${cmd.capability}.${cmd.command}` }, `SmartThings command ${outcome.status}: ${outcome.message ?? ''}`);
      }
      // One request answers the command: the new (or, when refused, the unchanged) values.
      await sync.sync(installedAppId, { force: new Map([[externalId, force]]) });
    })()
      .catch((error: unknown) => log.warn({ err: error, externalId }, 'SmartThings command failed'))
      .finally(release);
    // The command goes on after the answer when it takes longer: it is not cancelled.
    await settlesWithin(work, COMMAND_ANSWER_MS);
  };
}
