// The bridge as a process: signals, in-place restarts and exit codes around startBridge(). Used by
// `npm start` (src/main.ts) and by `netatmo-bridge start|demo` (src/cli/start.ts).
//
// Shutdown contract (docker stop, systemctl stop, Ctrl-C): SIGTERM or SIGINT stops the heartbeat,
// lets a running poll and running requests finish briefly, stops the features (the Netatmo webhook
// is deregistered there), closes HTTP, flushes the data file and exits 0 — within 5 s whatever
// hangs. A second signal exits at once. Data-file writes are atomic (temp file + rename), so even
// that cannot leave a half-written file.
import { startBridge, type Bridge } from './app.js';
import { formatConfigProblems, type Config, type LoadConfigResult } from './config/index.js';
import { createLogger, type Logger } from './util/logger.js';
import { printWelcome } from './welcome.js';
import { configForRestart } from './ops/restart-config.js';
import { SHUTDOWN_LIMIT_MS } from './ops/shutdown.js';

/** Exit codes: 0 clean stop, 1 failure (config, start, uncaught error, forced stop). */
const EXIT_OK = 0;
const EXIT_FAILURE = 1;

class BridgeProcess {
  #bridge: Bridge | null = null;
  #stopping = false;
  #restarting: Promise<void> | null = null;
  #starting: Promise<unknown> | null = null;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    private readonly cli: string,
  ) {}

  async start(demo: boolean, config: Config = this.config): Promise<void> {
    const starting = startBridge({ config, logger: this.logger, demo, onRestartRequested: (reason) => this.restart(reason) });
    this.#starting = starting.catch(() => undefined);
    this.#bridge = await starting;
    this.#starting = null;
    if (this.#stopping) return; // a signal came during start: shutdown() stops this bridge
    printWelcome(this.#bridge, this.logger, this.cli);
  }

  /** In-place restart (e.g. Netatmo connected from the demo): same config, real account. */
  restart(reason: string): void {
    if (this.#stopping || this.#restarting) return;
    this.#restarting = (async () => {
      this.logger.info({ reason }, 'restarting the bridge in place');
      await this.#bridge?.stop();
      this.#bridge = null;
      if (this.#stopping) return;
      await this.start(false, configForRestart(this.config));
    })()
      .catch((error: unknown) => this.fail(error, 'the bridge could not restart'))
      .finally(() => {
        this.#restarting = null;
      });
  }

  installHandlers(): void {
    process.on('SIGTERM', () => this.shutdown('SIGTERM'));
    process.on('SIGINT', () => this.shutdown('SIGINT'));
    process.on('unhandledRejection', (reason) => {
      // Logged, not fatal: one failed background promise must not take the heating bridge down.
      this.logger.error({ err: reason, origin: 'unhandledRejection' }, 'unhandled promise rejection (a bug; the bridge carries on)');
    });
    process.on('uncaughtException', (error, origin) => {
      this.fail(error, `uncaught exception (${origin})`);
    });
  }

  /** Orderly stop; a second call (second signal) exits at once. */
  shutdown(signal: string, exitCode = EXIT_OK): void {
    if (this.#stopping) {
      this.logger.warn(`${signal} again: exiting now without finishing the shutdown`);
      this.exit(EXIT_FAILURE);
      return;
    }
    this.#stopping = true;
    this.logger.info(`${signal}: stopping (at most ${SHUTDOWN_LIMIT_MS / 1000} s; send it again to exit at once)`);
    const forced = setTimeout(() => {
      this.logger.error('shutdown took too long: exiting anyway (the data file is written atomically and stays valid)');
      this.exit(EXIT_FAILURE);
    }, SHUTDOWN_LIMIT_MS);
    forced.unref();
    void (async () => {
      try {
        // A start or restart in progress finishes first, so its bridge is stopped, not orphaned.
        await this.#starting;
        await this.#restarting;
        await this.#bridge?.stop();
        this.logger.info(exitCode === EXIT_OK ? 'stopped cleanly' : 'stopped after an error');
        this.exit(exitCode);
      } catch (error) {
        this.logger.error({ err: error }, 'error while stopping');
        this.exit(EXIT_FAILURE);
      }
    })();
  }

  /** A fatal error: logged with its stack and origin, then the same orderly stop, exit code 1. */
  fail(error: unknown, context: string): void {
    this.logger.fatal({ err: error, context }, `${context}: ${error instanceof Error ? error.message : String(error)} — stopping`);
    this.shutdown('fatal error', EXIT_FAILURE);
  }

  exit(code: number): void {
    this.logger.flush();
    process.exit(code);
  }
}

/**
 * Runs the bridge until a signal stops the process (this function then exits it). A refused
 * configuration is printed in full and exits 1 before anything starts.
 */
export async function runBridgeProcess(loaded: LoadConfigResult, options: { demo: boolean; cli: string }): Promise<void> {
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigProblems(loaded.problems)}\n`);
    process.exit(EXIT_FAILURE);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.log.level, pretty: config.log.format === 'pretty' });
  for (const warning of loaded.warnings) logger.warn(warning);

  const bridgeProcess = new BridgeProcess(config, logger, options.cli);
  bridgeProcess.installHandlers();
  try {
    await bridgeProcess.start(options.demo);
  } catch (error) {
    logger.fatal({ err: error }, `the bridge could not start: ${error instanceof Error ? error.message : String(error)}`);
    bridgeProcess.exit(EXIT_FAILURE);
  }
}
