// The SDK's log calls into the bridge's logger. Event logging stays off: it would print whole
// lifecycle bodies, tokens included.
import type { Logger } from '../util/logger.js';

export interface SdkLogger {
  log(level: string, message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  exception(error: Error): void;
}

export function sdkLogger(logger: Logger): SdkLogger {
  const at = (level: string, message: string): void => {
    switch (level) {
      case 'error':
        logger.error(message);
        return;
      case 'warn':
        logger.warn(message);
        return;
      case 'info':
        logger.info(message);
        return;
      default:
        logger.debug(message);
    }
  };
  return {
    log: at,
    debug: (m) => at('debug', m),
    info: (m) => at('info', m),
    warn: (m) => at('warn', m),
    // The SDK logs a refused signature as an exception stack: a warning, not a bridge error.
    error: (m) => at('warn', m),
    exception: (error) => at('warn', error.message),
  };
}
