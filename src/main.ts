// Process entry point: configuration, logger, signals and exit codes. Everything else is in
// src/app.ts so tests can run whole bridges in-process.
import { startBridge, type Bridge } from './app.js';
import { formatConfigProblems, loadConfig } from './config/index.js';
import { createLogger, type Logger } from './util/logger.js';
import { printWelcome } from './welcome.js';

/** Shutdown must finish within this; a second signal exits at once. */
const SHUTDOWN_LIMIT_MS = 5_000;

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigProblems(loaded.problems)}\n`);
    process.exit(1);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.log.level, pretty: config.log.format === 'pretty' });
  for (const warning of loaded.warnings) logger.warn(warning);

  let bridge: Bridge;
  try {
    bridge = await startBridge({ config, logger, demo });
  } catch (error) {
    logger.fatal({ err: error }, `the bridge could not start: ${error instanceof Error ? error.message : String(error)}`);
    logger.flush();
    process.exit(1);
  }
  printWelcome(bridge, logger);
  installSignalHandlers(bridge, logger);
}

function installSignalHandlers(bridge: Bridge, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal} received: stopping (at most ${SHUTDOWN_LIMIT_MS / 1000} s)`);
    const timer = setTimeout(() => {
      logger.error('shutdown took too long: exiting anyway (the data file was written atomically and stays valid)');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    timer.unref();
    bridge
      .stop()
      .then(() => {
        logger.info('stopped cleanly');
        logger.flush();
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('unhandledRejection', (reason) => {
    // Logged, not fatal: one failed background promise must not take the heating bridge down.
    logger.error({ err: reason }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception: stopping');
    onSignal('SIGTERM');
  });
}

void main();
